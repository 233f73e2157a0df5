"""`manage.py send_digests --frequency daily|weekly|immediately`: run from cron or the
worker's schedule. Safe to run again at any time; prints what it sent."""

from django.core.management.base import BaseCommand

from newsletter.digests import send_digests
from newsletter.models import Frequency


class Command(BaseCommand):
    help = "Send the due email digests of one frequency."

    def add_arguments(self, parser):
        parser.add_argument("--frequency", required=True, choices=Frequency.values)

    def handle(self, *args, frequency, **options):
        report = send_digests(frequency)
        if report.busy:
            self.stdout.write(f"Another {frequency} run is sending digests; nothing done.")
            return
        self.stdout.write(
            f"Sent {_count(report.sent, f'{frequency} digest')} "
            f"({_count(report.items, 'item')}) to {_count(report.subscribers, 'due subscriber')} "
            f"of {_count(report.topics, 'topic')}."
        )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
