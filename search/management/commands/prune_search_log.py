"""`manage.py prune_search_log [--dry-run]`: delete logged searches and opened results
past SEARCH_INSIGHTS_RETENTION_DAYS. Run it daily beside the worker; see `search/insights.py`."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from search import insights


class Command(BaseCommand):
    help = "Delete search insights older than SEARCH_INSIGHTS_RETENTION_DAYS."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Print how many rows would be deleted, and delete nothing.",
        )

    def handle(self, *args, dry_run=False, **options):
        try:
            if dry_run:
                searches, opened = (rows.count() for rows in insights.expired())
            else:
                searches, opened = insights.prune()
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error
        outcome = "would be deleted" if dry_run else "deleted"
        days = settings.SEARCH_INSIGHTS_RETENTION_DAYS
        self.stdout.write(
            f"{_count(searches, 'search')} and {_count(opened, 'opened result')} "
            f"older than {days} days {outcome}."
        )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 'es' if noun.endswith('h') else 's'}"
