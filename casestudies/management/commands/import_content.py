"""`manage.py import_content FILE [--dry-run]`: import case studies and seminars."""

import sys

from django.core.management.base import BaseCommand, CommandError

from casestudies.importexport.importer import import_csv, import_lines


class Command(BaseCommand):
    help = (
        "Import organisations, case studies and seminars from a JSON Lines file (- for "
        "standard input), or from a CSV file (a name ending in .csv) of the open data."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="A JSON Lines file, or - for standard input.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check every line; write nothing."
        )

    def handle(self, *args, file, dry_run, **options):
        report = self._import(file, dry_run)
        for rejection in report.rejections:
            self.stderr.write(str(rejection))
        verb = "Would import" if dry_run else "Imported"
        self.stdout.write(
            f"{verb} {report.imported} ({report.created} new, {report.updated} updated); "
            f"rejected {len(report.rejections)}."
        )
        if report.rejections:
            raise CommandError(f"{len(report.rejections)} line(s) were rejected.", returncode=1)

    def _import(self, file, dry_run):
        if file == "-":
            return import_lines(sys.stdin, dry_run=dry_run)
        read = import_csv if file.lower().endswith(".csv") else import_lines
        try:
            with open(file, encoding="utf-8", newline="") as lines:
                return read(lines, dry_run=dry_run)
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from None
        except UnicodeDecodeError:
            raise CommandError(f"{file} is not UTF-8 text.") from None
