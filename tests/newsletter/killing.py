"""A run killed midway, for real: `python -m tests.newsletter.killing <database> <what>`
sends the due daily digests (`what` is "digests") or a newsletter issue's send ("issue:<send
id>") through `KillingBackend`, which SIGKILLs its own process at a chosen email. Nothing
in the process gets to clean up, exactly as when an operator or the kernel kills a run.

The backend writes each recipient it takes to the file named by `KILLING_OUTBOX` with an
unbuffered write, which the kernel keeps when the process dies. `KILLING_AT` is the email
it kills at; `KILLING_WHEN` says whether it dies before taking it ("before": a kill
between two emails) or just after ("after": the backend took it, its mark was never
written).
"""

import os
import signal
import sys

from django.core.mail.backends.base import BaseEmailBackend


class KillingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        for message in messages:
            path = os.environ["KILLING_OUTBOX"]
            taken = _lines(path)
            at, when = int(os.environ["KILLING_AT"]), os.environ["KILLING_WHEN"]
            if when == "before" and taken + 1 == at:
                os.kill(os.getpid(), signal.SIGKILL)
            fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
            try:
                os.write(fd, f"{message.to[0]}\n".encode())
            finally:
                os.close(fd)
            if when == "after" and taken + 1 == at:
                os.kill(os.getpid(), signal.SIGKILL)
        return len(messages)


def _lines(path: str) -> int:
    if not os.path.exists(path):
        return 0
    with open(path) as file:
        return sum(1 for _ in file)


def main(database: str, what: str) -> None:
    from django.conf import settings

    settings.DATABASES["default"]["NAME"] = database
    settings.ELASTICSEARCH_URL = ""  # the database search backend, as the test uses
    settings.EMAIL_BACKEND = "tests.newsletter.killing.KillingBackend"

    import django

    django.setup()
    from django.core.management import call_command

    from newsletter import issue_sending

    if what == "digests":
        call_command("send_digests", "--frequency", "daily")
    else:
        issue_sending.send_issue(int(what.removeprefix("issue:")))


if __name__ == "__main__":
    main(*sys.argv[1:])
