"""How long the contact log keeps members' messages.

Staff read the log when someone reports abuse; past that, a message body is personal data
nobody needs. Messages older than MEMBERS_MESSAGE_RETENTION_DAYS (12 months by default)
are deleted by `manage.py prune_messages`, run daily by the scheduler beside the worker.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet
from django.utils import timezone

from .models import ContactMessage


def cutoff(now: datetime | None = None) -> datetime:
    """Messages sent before this moment are past the retention period."""
    days = settings.MEMBERS_MESSAGE_RETENTION_DAYS
    # The daily message limit counts the last 24 hours of the log.
    if not isinstance(days, int) or days < 1:
        raise ImproperlyConfigured(
            f"MEMBERS_MESSAGE_RETENTION_DAYS must be a whole number of days, at least 1 "
            f"(it is {days!r})."
        )
    return (now or timezone.now()) - timedelta(days=days)


def expired_messages(now: datetime | None = None) -> QuerySet[ContactMessage]:
    return ContactMessage.objects.filter(sent_at__lt=cutoff(now))


def prune_messages(now: datetime | None = None) -> int:
    """Delete the messages past the retention period; return how many there were."""
    deleted, _by_model = expired_messages(now).delete()
    return deleted
