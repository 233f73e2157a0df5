"""`manage.py dump_open_data`: write the open data files (run it on a schedule)."""

from django.core.management.base import BaseCommand

from opendata.dump import root, write_dump


class Command(BaseCommand):
    help = "Write the public case base as JSON Lines and CSV files, with their manifest."

    def handle(self, *args, **options):
        manifest = write_dump()
        for data_file in manifest["files"]:
            self.stdout.write(
                f"{data_file['name']}: {data_file['records']} records, {data_file['size']} bytes"
            )
        self.stdout.write(f"Written to {root()} in {manifest['seconds']} s.")
