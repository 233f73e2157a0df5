"""A digest run or an issue's send SIGKILLed midway (in a child process, see `killing.py`),
then run again: no one is missed, no one gets it twice, and the sends' counts are the
emails that went. 600 people make three batches of 250; the kill lands in the second."""

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

from django.core import mail
from django.db import connection
from django.utils import timezone

import pytest

from casestudies.factories import case_study_record
from newsletter import issue_sending
from newsletter.digests import send_digests
from newsletter.models import Delivery, Frequency, Send, Subscriber, Subscription
from tests.factories import newsletter

PEOPLE = 600
KILLED_AT = 304  # the 304th email: 303 went before the kill
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def people(transactional_db, publish, settings):
    """600 confirmed daily subscribers of everything and of the editors' newsletter, and
    one new case study for them."""
    settings.ELASTICSEARCH_URL = ""
    now = timezone.now()
    subscribers = Subscriber.objects.bulk_create(
        Subscriber(
            email=f"p{n}@example.org",
            status=Subscriber.Status.CONFIRMED,
            confirmed_at=now,
            newsletter=True,
        )
        for n in range(PEOPLE)
    )
    Subscription.objects.bulk_create(
        Subscription(subscriber=s, topic="", frequency=Frequency.DAILY, confirmed_at=now)
        for s in subscribers
    )
    publish(case_study_record(title="Worth knowing"))
    return sorted(s.email for s in subscribers)


def killed(what: str, when: str, outbox: Path) -> list[str]:
    """Run `what` in a child process killed at the `KILLED_AT`th email; who it reached."""
    env = {
        **os.environ,
        "KILLING_OUTBOX": str(outbox),
        "KILLING_AT": str(KILLED_AT),
        "KILLING_WHEN": when,
    }
    child = subprocess.run(  # noqa: S603 (our own interpreter, fixed arguments)
        [sys.executable, "-m", "tests.newsletter.killing", connection.settings_dict["NAME"], what],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert child.returncode == -9, child.stderr  # killed, not finished or failed
    return outbox.read_text().split()


def test_a_digest_run_killed_between_emails_is_resumed_for_exactly_the_people_it_missed(
    people, tmp_path
):
    before_kill = killed("digests", "before", tmp_path / "outbox")
    assert len(before_kill) == KILLED_AT - 1

    send_digests(Frequency.DAILY)

    received = Counter(before_kill + [email.to[0] for email in mail.outbox])
    assert sorted(received) == people and set(received.values()) == {1}
    assert sum(Send.objects.values_list("sent", flat=True)) == PEOPLE
    assert Delivery.objects.filter(sent_at=None).count() == 0


def test_a_digest_run_killed_after_the_backend_took_an_email_repeats_that_one_only(
    people, tmp_path
):
    before_kill = killed("digests", "after", tmp_path / "outbox")

    send_digests(Frequency.DAILY)

    received = Counter(before_kill + [email.to[0] for email in mail.outbox])
    assert sorted(received) == people
    assert [who for who, times in received.items() if times > 1] == [before_kill[-1]]
    # The email taken but never marked is the one the counts do not show.
    assert sum(Send.objects.values_list("sent", flat=True)) == PEOPLE


def test_an_issue_send_killed_midway_is_resumed_for_exactly_the_people_it_missed(people, tmp_path):
    issue = newsletter.issue()
    issue.get_latest_revision().publish()
    send = Send.objects.create(kind=Send.Kind.ISSUE, issue=issue, subject=issue.title)
    before_kill = killed(f"issue:{send.pk}", "before", tmp_path / "outbox")
    send.refresh_from_db()
    assert send.sent == len(before_kill) == KILLED_AT - 1

    issue_sending.send_issue(send.pk)

    received = Counter(before_kill + [email.to[0] for email in mail.outbox])
    assert sorted(received) == people and set(received.values()) == {1}
    send.refresh_from_db()
    assert send.sent == PEOPLE and send.finished_at is not None
