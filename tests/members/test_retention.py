"""The contact log keeps messages for MEMBERS_MESSAGE_RETENTION_DAYS, then prune_messages
deletes them."""

from datetime import UTC, datetime, timedelta
from io import StringIO

from django.core.management import CommandError, call_command
from django.utils import timezone

import pytest

from members.models import ContactMessage
from members.retention import prune_messages

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def _message(sent_at: datetime, body: str) -> ContactMessage:
    return ContactMessage.objects.create(
        sender_name="Sam", recipient_name="Alex", body=body, sent_at=sent_at
    )


def _bodies() -> set[str]:
    return set(ContactMessage.objects.values_list("body", flat=True))


def test_the_default_keeps_messages_for_twelve_months(settings):
    assert settings.MEMBERS_MESSAGE_RETENTION_DAYS == 365


def test_a_message_is_deleted_only_once_it_is_older_than_the_retention_period(settings):
    settings.MEMBERS_MESSAGE_RETENTION_DAYS = 365
    cutoff = NOW - timedelta(days=365)
    _message(cutoff - timedelta(seconds=1), "a second too old")
    _message(cutoff, "exactly at the limit")
    _message(cutoff + timedelta(seconds=1), "a second young enough")
    _message(NOW, "sent today")

    assert prune_messages(now=NOW) == 1
    assert _bodies() == {"exactly at the limit", "a second young enough", "sent today"}


def test_the_setting_chooses_the_period(settings):
    settings.MEMBERS_MESSAGE_RETENTION_DAYS = 30
    _message(NOW - timedelta(days=31), "old")
    _message(NOW - timedelta(days=29), "recent")

    assert prune_messages(now=NOW) == 1
    assert _bodies() == {"recent"}


def test_the_command_dry_run_prints_the_count_and_deletes_nothing():
    _message(timezone.now() - timedelta(days=400), "old")
    _message(timezone.now() - timedelta(days=10), "recent")
    stdout = StringIO()

    call_command("prune_messages", "--dry-run", stdout=stdout)

    assert stdout.getvalue().strip() == ("1 contact message older than 365 days would be deleted.")
    assert _bodies() == {"old", "recent"}


def test_the_command_deletes_old_messages():
    _message(timezone.now() - timedelta(days=400), "old")
    _message(timezone.now() - timedelta(days=500), "older")
    _message(timezone.now() - timedelta(days=10), "recent")
    stdout = StringIO()

    call_command("prune_messages", stdout=stdout)

    assert stdout.getvalue().strip() == "2 contact messages older than 365 days deleted."
    assert _bodies() == {"recent"}


@pytest.mark.parametrize("days", [0, -1, "365"])
def test_a_period_that_is_not_a_whole_number_of_days_is_refused_with_a_sentence(settings, days):
    settings.MEMBERS_MESSAGE_RETENTION_DAYS = days
    _message(timezone.now(), "today")

    with pytest.raises(CommandError, match="must be a whole number of days, at least 1"):
        call_command("prune_messages", stdout=StringIO())
    assert _bodies() == {"today"}
