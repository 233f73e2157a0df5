"""Two senders at once (two workers, or a task and the cron command): every email is
claimed before it goes, so each is sent exactly once."""

import threading
import time
from datetime import timedelta

from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import connection, transaction
from django.utils import timezone

import pytest

from questions import following, notify, threads
from questions.models import Notice
from tests.contributions.contributions_support import make_member
from tests.factories import questions as factories

FOLLOWERS = 8


class SlowBackend(EmailBackend):
    """The test outbox, slow enough that two senders overlap."""

    def send_messages(self, messages):
        time.sleep(0.05)
        return super().send_messages(messages)


@pytest.fixture
def owed(transactional_db, settings):
    """A question with FOLLOWERS followers and an answer owed to each, all due."""
    settings.QUESTIONS_NOTICE_DELAY_SECONDS = 3600  # the task after the answer sends nothing
    question = factories.question(make_member())
    for _ in range(FOLLOWERS):
        following.follow(question, make_member())
    threads.answer(question, factories.trusted_member(), "We did.")
    assert Notice.objects.count() == FOLLOWERS
    return question


def _in_thread(target, *args):
    def run():
        try:
            target(*args)
        finally:
            connection.close()

    return threading.Thread(target=run)


def test_two_senders_at_once_send_each_email_exactly_once(owed, settings):
    settings.EMAIL_BACKEND = f"{__name__}.SlowBackend"
    later = timezone.now() + timedelta(hours=2)
    senders = [_in_thread(notify.send_due, later) for _ in range(2)]

    for sender in senders:
        sender.start()
    for sender in senders:
        sender.join()

    recipients = [email.to[0] for email in mail.outbox]
    assert len(recipients) == len(set(recipients)) == FOLLOWERS
    assert not Notice.objects.exists()


def test_rows_another_sender_holds_are_skipped_until_it_lets_them_go(owed):
    later = timezone.now() + timedelta(hours=2)
    held, release = threading.Event(), threading.Event()

    def hold():
        with transaction.atomic():
            list(Notice.objects.select_for_update())
            held.set()
            release.wait(10)

    holder = _in_thread(hold)
    holder.start()
    held.wait(10)
    try:
        assert notify.send_due(now=later) == 0
    finally:
        release.set()
        holder.join()

    assert notify.send_due(now=later) == FOLLOWERS
    assert notify.send_due(now=later) == 0
