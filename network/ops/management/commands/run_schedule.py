"""`manage.py run_schedule [--once | --status]`: run the site's scheduled jobs
(`network/ops/schedule.py`), each at its time. Run one on any machine; more are safe, as
each job runs in one runner at a time."""

import signal

from django.core.management.base import BaseCommand
from django.utils import timezone

from network.ops import scheduler


class Command(BaseCommand):
    help = "Run the scheduled jobs (digests, pruning, the search outbox, the open data dump)."

    def add_arguments(self, parser):
        action = parser.add_mutually_exclusive_group()
        action.add_argument(
            "--once", action="store_true", help="Run whatever is due now, then exit."
        )
        action.add_argument(
            "--status", action="store_true", help="Print each job's schedule and last run."
        )

    def handle(self, *args, once=False, status=False, **options):
        if status:
            self.print_status()
        elif once:
            self.run_once()
        else:
            self.run_forever()

    def run_once(self) -> None:
        results = scheduler.run_due()
        for name, succeeded in results.items():
            self.stdout.write(f"{name}: {'done' if succeeded else 'failed (see the log)'}")
        if not results:
            self.stdout.write("Nothing was due.")

    def run_forever(self) -> None:
        runner = scheduler.Runner()
        for number in (signal.SIGTERM, signal.SIGINT):
            signal.signal(number, lambda *_: runner.stop())
        self.stdout.write("Running the schedule; stop with SIGTERM or Ctrl-C.")
        runner.run()
        self.stdout.write("Stopped once the jobs under way had finished.")

    def print_status(self) -> None:
        lines = [HEADINGS, *(_status_line(found) for found in scheduler.states())]
        widths = [max(len(line[column]) for line in lines) for column in range(len(HEADINGS))]
        for line in lines:
            cells = (cell.ljust(width) for cell, width in zip(line, widths, strict=True))
            self.stdout.write("  ".join(cells).rstrip())


HEADINGS = ("Job", "When", "State", "Last succeeded", "Last failed", "Took", "Last error")


def _status_line(found: scheduler.JobState) -> tuple[str, ...]:
    row = found.row
    return (
        found.job.name,
        found.job.describe(),
        found.state,
        _when(row and row.last_succeeded),
        _when(row and row.last_failed),
        found.took,
        found.error,
    )


def _when(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M:%S") if moment else "never"
