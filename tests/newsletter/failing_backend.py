"""An email backend that takes N messages and then fails, as a mail server might midway
through a run: fault injection for the digests' idempotence test."""

from django.core import mail
from django.core.mail.backends.locmem import EmailBackend


class FailingBackend(EmailBackend):
    accept = 1  # messages taken before failing, across every connection

    def send_messages(self, messages):
        if len(mail.outbox) >= FailingBackend.accept:
            raise ConnectionError("The mail server went away.")
        return super().send_messages(messages)
