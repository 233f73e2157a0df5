"""`manage.py export_content [--kind case_study|seminar]`: JSON Lines to standard output."""

from django.core.management.base import BaseCommand

from casestudies.importexport.exporter import KINDS, export_lines


class Command(BaseCommand):
    help = "Export case studies and seminars as JSON Lines to standard output."

    def add_arguments(self, parser):
        parser.add_argument("--kind", choices=KINDS, help="Only this kind of content.")

    def handle(self, *args, kind, **options):
        for line in export_lines(kind):
            self.stdout.write(line)
