"""The schedule: every job the site runs on its own, and when (`manage.py run_schedule`
runs it; `scheduler.py` is how).

One table, `JOBS`. A job runs either every so often (`every`) or at a time of day in
the site's time zone (`at`, and `weekday` for once a week, Monday being 0), as the cron
lines it replaces did. It is overdue when it has not succeeded within its interval plus
`grace`; /healthz then says "degraded".
"""

import datetime
import io
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.management import call_command
from django.utils import timezone

from search import replayer

MINUTE = datetime.timedelta(minutes=1)
DAY = datetime.timedelta(days=1)
RETRY_AFTER = 15 * MINUTE
WEEKDAYS = ("Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays", "Sundays")


@dataclass(frozen=True)
class Job:
    name: str
    run: Callable[[], object]
    every: datetime.timedelta | None = None
    at: datetime.time | None = None
    weekday: int | None = None
    grace: datetime.timedelta = field(default=2 * 60 * MINUTE)

    @property
    def interval(self) -> datetime.timedelta:
        if self.every is not None:
            return self.every
        return 7 * DAY if self.weekday is not None else DAY

    def latest_slot(self, now: datetime.datetime) -> datetime.datetime | None:
        """The last time at or before `now` this job was meant to start (time-of-day jobs)."""
        if self.at is None:
            return None
        local = timezone.localtime(now)
        slot = local.replace(hour=self.at.hour, minute=self.at.minute, second=0, microsecond=0)
        if self.weekday is not None:
            slot -= datetime.timedelta(days=(local.weekday() - self.weekday) % 7)
        if slot > local:
            slot -= self.interval
        return slot

    def due(self, now, last_started, first_seen, *, failed: bool = False) -> bool:
        """Whether a run should start now. An interval job never run runs at once; a
        time-of-day job first runs at its first time after a runner first saw it, as
        cron would have. A time-of-day job whose last run `failed` is tried again every
        `RETRY_AFTER` within its grace, rather than a day later."""
        slot = self.latest_slot(now)
        if slot is None:
            return last_started is None or now >= last_started + self.interval
        if slot > (last_started or first_seen):
            return True
        return failed and now >= last_started + RETRY_AFTER and now < slot + self.grace

    def describe(self) -> str:
        if self.every is not None:
            return f"every {_duration(self.every)}"
        days = "daily" if self.weekday is None else WEEKDAYS[self.weekday]
        return f"{days} at {self.at:%H:%M}"


def _duration(length: datetime.timedelta) -> str:
    seconds = int(length.total_seconds())
    if seconds % 60:
        return f"{seconds} s"
    return f"{seconds // 60} min"


def command(name: str, *args: str) -> Callable[[], str]:
    """A management command as a job; it returns what the command printed."""

    def run() -> str:
        out = io.StringIO()
        call_command(name, *args, stdout=out)
        return out.getvalue().strip()

    return run


def replay_search_outbox() -> str:
    # Says nothing when nothing was sent: it runs every 15 seconds.
    sent = replayer.replay_due()
    return f"{sent} change(s) sent from the search outbox." if sent else ""


# The times are those of the cron lines the README used to give (Europe/London).
JOBS: tuple[Job, ...] = (
    # What waits for Elasticsearch; also run by each web process unless
    # SEARCH_OUTBOX_REPLAY_IN_WEB is off.
    Job(
        "search_outbox_replay",
        replay_search_outbox,
        every=datetime.timedelta(seconds=15),
        grace=5 * MINUTE,
    ),
    Job(
        "send_question_notices",
        command("send_question_notices"),
        every=5 * MINUTE,
        grace=15 * MINUTE,
    ),
    Job(
        "send_digests_immediately",
        command("send_digests", "--frequency", "immediately"),
        every=10 * MINUTE,
        grace=20 * MINUTE,
    ),
    Job(
        "send_digests_daily",
        command("send_digests", "--frequency", "daily"),
        at=datetime.time(7, 0),
    ),
    Job(
        "send_digests_weekly",
        command("send_digests", "--frequency", "weekly"),
        at=datetime.time(7, 0),
        weekday=0,
    ),
    Job("prune_messages", command("prune_messages"), at=datetime.time(3, 15)),
    Job("prune_search_log", command("prune_search_log"), at=datetime.time(3, 20)),
    Job("dump_open_data", command("dump_open_data"), at=datetime.time(3, 40)),
)
