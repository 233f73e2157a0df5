"""`manage.py prune_messages [--dry-run]`: delete contact messages past the retention period
(MEMBERS_MESSAGE_RETENTION_DAYS). Run it daily; see `members/retention.py`."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from members.retention import expired_messages, prune_messages


class Command(BaseCommand):
    help = "Delete contact messages older than MEMBERS_MESSAGE_RETENTION_DAYS."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Print how many messages would be deleted, and delete nothing.",
        )

    def handle(self, *args, dry_run=False, **options):
        try:
            count = expired_messages().count() if dry_run else prune_messages()
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error
        messages = "contact message" if count == 1 else "contact messages"
        outcome = "would be deleted" if dry_run else "deleted"
        days = settings.MEMBERS_MESSAGE_RETENTION_DAYS
        self.stdout.write(f"{count} {messages} older than {days} days {outcome}.")
