"""Runs the schedule (`schedule.JOBS`): each job at its time, one runner at a time across
machines, each run recorded in its `ScheduledJob` row.

Any number of runners may run, on any machines. Before running a job a runner takes a
lock named after it (`search.locks.exclusive`: a PostgreSQL advisory lock of its database
session, held only while the job runs and dropped by the server if the runner dies; on
SQLite, where `make run` is one process, a lock of the process), then reads the job's row
again: a runner that waited on a run just finished sees it done and does nothing.

A job's row says when it last started, finished, succeeded and failed, how long it took
and on which host and process; a failure keeps one line of the error, with no email
address in it. The traceback goes to the log.
"""

import logging
import os
import re
import socket
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connections
from django.utils import timezone

from search.locks import exclusive

from .models import ScheduledJob
from .schedule import JOBS, Job

logger = logging.getLogger(__name__)

TICK_SECONDS = 5
EMAIL = re.compile(r"[^\s@<>\"']+@[^\s@<>\"']+")
ERROR_LENGTH = ScheduledJob._meta.get_field("last_error").max_length or 300


def install(jobs: Iterable[Job] = JOBS) -> None:
    """Give every job a row, noting when a runner first saw it."""
    ScheduledJob.objects.bulk_create(
        [ScheduledJob(name=job.name) for job in jobs], ignore_conflicts=True
    )


def run_if_due(job: Job) -> bool | None:
    """Run `job` if it is due and no other runner has it; whether it succeeded (None:
    not run)."""
    with exclusive(f"ops.schedule.{job.name}", wait=False) as got:
        if not got:
            return None
        row = ScheduledJob.objects.get(name=job.name)
        if not is_due(job, row, timezone.now()):
            return None
        return _run(job, row)


def is_due(job: Job, row: ScheduledJob, now) -> bool:
    failed = bool(row.last_failed and row.last_failed == row.last_finished)
    return job.due(now, row.last_started, row.first_seen, failed=failed)


def _run(job: Job, row: ScheduledJob) -> bool:
    row.last_started = timezone.now()
    row.last_runner = f"{socket.gethostname()}:{os.getpid()}"[:100]
    row.save(update_fields=["last_started", "last_runner"])
    began = time.monotonic()
    try:
        said = job.run()
    except Exception as error:
        logger.exception("Scheduled job %s failed.", job.name)
        _finish(row, began, failed=True, error=one_line(error))
        return False
    _finish(row, began, failed=False, error=row.last_error)
    if said:
        logger.info("Scheduled job %s done: %s", job.name, str(said).replace("\n", " "))
    else:
        logger.debug("Scheduled job %s done.", job.name)
    return True


def _finish(row: ScheduledJob, began: float, *, failed: bool, error: str) -> None:
    row.last_finished = timezone.now()
    row.last_duration = round(time.monotonic() - began, 3)
    if failed:
        row.last_failed, row.last_error = row.last_finished, error
    else:
        row.last_succeeded = row.last_finished
    row.save(
        update_fields=[
            "last_finished",
            "last_duration",
            "last_failed",
            "last_error",
            "last_succeeded",
        ]
    )


def one_line(error: BaseException) -> str:
    """The error's class and the first line of its message, with no email address."""
    lines = str(error).strip().splitlines()
    message = EMAIL.sub("[email address]", lines[0] if lines else "")
    text = f"{type(error).__name__}: {message}" if message else type(error).__name__
    return text[:ERROR_LENGTH]


def run_due(jobs: Iterable[Job] = JOBS) -> dict[str, bool]:
    """Run, one after another, every job due now that no other runner has; what ran, and
    whether it succeeded (`run_schedule --once`)."""
    jobs = list(jobs)
    install(jobs)
    results = {}
    for job in jobs:
        outcome = run_if_due(job)
        if outcome is not None:
            results[job.name] = outcome
    return results


class Runner:
    """The long-running scheduler: each job in a thread of its own, so that a long job
    (the open data dump) never holds up a short one (the search outbox)."""

    def __init__(self, jobs: Iterable[Job] = JOBS, tick: float = TICK_SECONDS):
        self.jobs, self.tick = list(jobs), tick
        self.stopping = threading.Event()
        self.threads: dict[str, threading.Thread] = {}

    def run(self) -> None:
        installed = False
        while not self.stopping.is_set():
            try:
                if not installed:
                    install(self.jobs)
                    installed = True
                self.start_due()
            except Exception:  # the database may be away for a moment; try again
                logger.exception("The scheduler could not read the schedule; it will try again.")
            finally:
                connections.close_all()
            self.stopping.wait(self.tick)
        for thread in self.threads.values():
            thread.join()

    def start_due(self) -> None:
        now = timezone.now()
        rows = {row.name: row for row in ScheduledJob.objects.all()}
        for job in self.jobs:
            row = rows.get(job.name)
            if row is None or not is_due(job, row, now):
                continue
            if job.name in self.threads and self.threads[job.name].is_alive():
                continue
            thread = threading.Thread(target=_in_thread, args=(job,), name=f"job-{job.name}")
            self.threads[job.name] = thread
            thread.start()

    def stop(self) -> None:
        """Start nothing more; `run` returns once the jobs under way have finished."""
        self.stopping.set()


def _in_thread(job: Job) -> None:
    try:
        run_if_due(job)
    except Exception:
        logger.exception("Scheduled job %s could not be started.", job.name)
    finally:
        connections.close_all()  # this thread's connections only


@dataclass(frozen=True)
class JobState:
    job: Job
    row: ScheduledJob | None
    state: str  # "ok", "overdue", "not yet run"

    @property
    def error(self) -> str:
        """The last run's error, if the last run failed."""
        row = self.row
        if row is None or row.last_failed is None:
            return ""
        if row.last_succeeded and row.last_succeeded > row.last_failed:
            return ""
        return row.last_error

    @property
    def took(self) -> str:
        if self.row is None or self.row.last_duration is None:
            return ""
        return f"{self.row.last_duration:.1f} s"


def states(now=None, jobs: Iterable[Job] = JOBS) -> list[JobState]:
    """Each job with its row and whether it is overdue: not succeeded within its
    interval plus grace. A job no runner has seen, or seen more recently than that, is
    "not yet run" (operators who keep cron have no rows, and nothing is overdue)."""
    now = now or timezone.now()
    rows = {row.name: row for row in ScheduledJob.objects.all()}
    found = []
    for job in jobs:
        row = rows.get(job.name)
        state = "not yet run"
        if row is not None:
            since = row.last_succeeded or row.first_seen
            if now > since + job.interval + job.grace:
                state = "overdue"
            elif row.last_succeeded:
                state = "ok"
        found.append(JobState(job, row, state))
    return found
