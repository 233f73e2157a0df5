"""The scheduler: due jobs run once across runners, each run is recorded, and /healthz
says when a job is overdue."""

import datetime
import threading
import zoneinfo
from http import HTTPStatus

from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.db import connections
from django.urls import reverse
from django.utils import timezone

import pytest
from bs4 import BeautifulSoup

from network.ops import scheduler
from network.ops.models import ScheduledJob
from network.ops.schedule import JOBS, MINUTE, Job
from search import replayer
from tests.factories.members import UserFactory

pytestmark = pytest.mark.django_db

LONDON = zoneinfo.ZoneInfo("Europe/London")


class Counted:
    """A job's work that counts its runs, optionally failing or taking a moment."""

    def __init__(self, error: Exception | None = None, seconds: float = 0):
        self.runs, self.error, self.seconds = 0, error, seconds
        self.lock, self.ran = threading.Lock(), threading.Event()

    def __call__(self) -> str:
        with self.lock:
            self.runs += 1
        self.ran.set()
        if self.seconds:
            threading.Event().wait(self.seconds)
        if self.error:
            raise self.error
        return "done"


def every_ten_minutes(name: str, work: Counted) -> Job:
    return Job(name, work, every=10 * MINUTE, grace=10 * MINUTE)


def test_a_due_job_runs_and_its_run_is_recorded():
    work = Counted()

    results = scheduler.run_due([every_ten_minutes("tidy", work)])

    assert results == {"tidy": True}
    assert work.runs == 1
    row = ScheduledJob.objects.get(name="tidy")
    assert row.last_succeeded == row.last_finished
    assert row.last_started <= row.last_succeeded
    assert row.last_failed is None and row.last_error == ""
    assert row.last_duration is not None and row.last_runner


def test_a_job_not_due_does_not_run():
    interval_work, daily_work = Counted(), Counted()
    now = timezone.now()
    ScheduledJob.objects.create(name="tidy", last_started=now - 9 * MINUTE)
    # A time-of-day job first runs at its first time after a runner saw it, as cron would.
    ScheduledJob.objects.create(name="nightly", first_seen=now)
    jobs = [
        every_ten_minutes("tidy", interval_work),
        Job("nightly", daily_work, at=timezone.localtime(now - MINUTE).time()),
    ]

    assert scheduler.run_due(jobs) == {}
    assert interval_work.runs == daily_work.runs == 0
    assert ScheduledJob.objects.get(name="tidy").last_succeeded is None


def test_a_failing_job_records_one_line_without_addresses_and_the_others_still_run():
    failing = Counted(error=ValueError("Could not send to ann@example.org.\nTraceback: …"))
    fine = Counted()

    results = scheduler.run_due(
        [every_ten_minutes("send", failing), every_ten_minutes("tidy", fine)]
    )

    assert results == {"send": False, "tidy": True}
    row = ScheduledJob.objects.get(name="send")
    assert row.last_error == "ValueError: Could not send to [email address]"
    assert row.last_failed == row.last_finished and row.last_succeeded is None
    assert fine.runs == 1


def test_a_time_of_day_job_is_due_once_its_time_has_passed_and_only_once():
    daily = Job("nightly", Counted(), at=datetime.time(3, 15))
    weekly = Job("weekly", Counted(), at=datetime.time(7, 0), weekday=0)
    last_run = datetime.datetime(2026, 12, 6, 3, 15, 2, tzinfo=LONDON)  # a Sunday
    seen = datetime.datetime(2026, 11, 1, tzinfo=LONDON)

    assert not daily.due(datetime.datetime(2026, 12, 7, 3, 14, tzinfo=LONDON), last_run, seen)
    assert daily.due(datetime.datetime(2026, 12, 7, 3, 16, tzinfo=LONDON), last_run, seen)
    assert weekly.due(datetime.datetime(2026, 12, 7, 7, 0, tzinfo=LONDON), last_run, seen)
    monday_run = datetime.datetime(2026, 12, 7, 7, 0, 1, tzinfo=LONDON)
    assert not weekly.due(datetime.datetime(2026, 12, 13, 23, 0, tzinfo=LONDON), monday_run, seen)
    assert weekly.due(datetime.datetime(2026, 12, 14, 7, 1, tzinfo=LONDON), monday_run, seen)


def test_a_time_of_day_job_that_failed_is_tried_again_within_its_grace():
    daily = Job("nightly", Counted(), at=datetime.time(3, 15))
    failed_at = datetime.datetime(2026, 12, 7, 3, 15, 2, tzinfo=LONDON)
    seen = datetime.datetime(2026, 11, 1, tzinfo=LONDON)

    def due(hour: int, minute: int, failed: bool = True) -> bool:
        now = datetime.datetime(2026, 12, 7, hour, minute, tzinfo=LONDON)
        return daily.due(now, failed_at, seen, failed=failed)

    assert not due(3, 25)
    assert due(3, 31)
    assert not due(3, 31, failed=False)
    assert not due(5, 16)  # past its two hours' grace: tomorrow's run will try


@pytest.mark.django_db(transaction=True)
def test_two_runners_started_at_once_run_a_job_once():
    work = Counted(seconds=0.3)
    jobs = [every_ten_minutes("tidy", work)]
    scheduler.install(jobs)
    start = threading.Barrier(2)
    results: list[dict[str, bool]] = []

    def runner():
        start.wait(10)
        try:
            results.append(scheduler.run_due(jobs))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=runner) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)

    assert work.runs == 1
    assert sorted(results, key=len) == [{}, {"tidy": True}]


@pytest.mark.django_db(transaction=True)
def test_the_long_running_scheduler_runs_due_jobs_and_stops_when_asked():
    work = Counted()
    runner = scheduler.Runner([every_ten_minutes("tidy", work)], tick=0.05)
    thread = threading.Thread(target=runner.run)
    thread.start()
    try:
        assert work.ran.wait(10)
    finally:
        runner.stop()
        thread.join(10)

    assert not thread.is_alive()
    assert work.runs == 1
    assert ScheduledJob.objects.get(name="tidy").last_succeeded is not None


def test_healthz_shows_each_jobs_last_success(client):
    scheduler.install()
    succeeded = timezone.now().replace(microsecond=0)
    ScheduledJob.objects.update(last_started=succeeded, last_succeeded=succeeded)

    response = client.get("/healthz")

    assert response.status_code == HTTPStatus.OK
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["jobs"]) == {job.name for job in JOBS}
    assert body["jobs"]["dump_open_data"] == {
        "state": "ok",
        "last_succeeded": succeeded.isoformat(timespec="seconds"),
    }


def test_healthz_says_degraded_when_a_job_is_overdue(client):
    scheduler.install()
    now = timezone.now()
    ScheduledJob.objects.update(last_succeeded=now)
    # Daily at 03:40 with two hours' grace: overdue 26 hours after its last success.
    ScheduledJob.objects.filter(name="dump_open_data").update(last_succeeded=now - 27 * 60 * MINUTE)

    response = client.get("/healthz")

    assert response.status_code == HTTPStatus.OK
    body = response.json()
    assert body["status"] == "degraded"
    assert body["jobs"]["dump_open_data"]["state"] == "overdue"
    assert body["jobs"]["prune_messages"]["state"] == "ok"


def test_a_job_never_run_is_not_yet_run_until_the_runner_has_had_its_interval(client):
    now = timezone.now()
    ScheduledJob.objects.create(name="prune_messages", first_seen=now - 20 * 60 * MINUTE)
    ScheduledJob.objects.create(name="dump_open_data", first_seen=now - 27 * 60 * MINUTE)

    jobs = client.get("/healthz").json()["jobs"]

    assert jobs["prune_messages"] == {"state": "not yet run", "last_succeeded": None}
    assert jobs["dump_open_data"] == {"state": "overdue", "last_succeeded": None}
    # No runner has seen it: operators who keep cron are never told it is overdue.
    assert jobs["send_digests_weekly"] == {"state": "not yet run", "last_succeeded": None}


def test_once_runs_what_is_due_and_exits(capsys):
    call_command("run_schedule", "--once")

    out = capsys.readouterr().out
    # On a first run only the interval jobs are due; the nightly ones wait for their time.
    for name in ("search_outbox_replay", "send_question_notices", "send_digests_immediately"):
        assert f"{name}: done" in out
    assert "dump_open_data" not in out
    assert ScheduledJob.objects.get(name="send_question_notices").last_succeeded is not None

    call_command("run_schedule", "--once")
    assert "Nothing was due." in capsys.readouterr().out


def test_status_lists_each_job_with_its_time_and_last_run(capsys):
    scheduler.install()
    ScheduledJob.objects.filter(name="prune_messages").update(
        last_failed=timezone.now(), last_error="OperationalError: the database went away"
    )

    call_command("run_schedule", "--status")

    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:3] == ["Job", "When", "State"]
    table = "\n".join(lines)
    assert "send_digests_weekly       Mondays at 07:00" in table
    assert "dump_open_data            daily at 03:40" in table
    assert "search_outbox_replay      every 15 s" in table
    assert "OperationalError: the database went away" in table


def test_the_schedule_keeps_the_times_of_the_cron_lines_it_replaces():
    assert {job.name: job.describe() for job in JOBS} == {
        "search_outbox_replay": "every 15 s",
        "send_question_notices": "every 5 min",
        "send_digests_immediately": "every 10 min",
        "send_digests_daily": "daily at 07:00",
        "send_digests_weekly": "Mondays at 07:00",
        "prune_messages": "daily at 03:15",
        "prune_search_log": "daily at 03:20",
        "dump_open_data": "daily at 03:40",
    }


def test_web_processes_start_no_replayer_when_the_scheduler_replays(settings):
    settings.SEARCH_OUTBOX_REPLAY_SECONDS = 15
    settings.SEARCH_OUTBOX_REPLAY_IN_WEB = False
    before = replayer._thread

    replayer.ensure_started()

    assert replayer._thread is before


def test_superusers_see_each_job_and_its_last_run_in_the_admin(client):
    scheduler.install()
    ScheduledJob.objects.filter(name="prune_messages").update(
        last_started=timezone.now(),
        last_failed=timezone.now(),
        last_error="OperationalError: the database went away",
        last_runner="worker-2:4711",
    )
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = client.get(reverse("ops_scheduled_jobs"))

    assert response.status_code == HTTPStatus.OK
    table = BeautifulSoup(response.content, "html.parser").select("table tbody tr")
    rows = {row.td.get_text(strip=True): row.get_text(" ", strip=True) for row in table}
    assert set(rows) == {job.name for job in JOBS}
    assert "daily at 03:15" in rows["prune_messages"]
    assert "OperationalError: the database went away" in rows["prune_messages"]
    assert "worker-2:4711" in rows["prune_messages"]
    assert "Scheduled jobs" in client.get(reverse("wagtailadmin_home")).content.decode()


def test_people_of_every_group_neither_see_nor_open_the_scheduled_jobs(client):
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(*Group.objects.all())
    client.force_login(user)

    response = client.get(reverse("ops_scheduled_jobs"))

    # The admin answers a refusal by sending people to its home page, with a message.
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == reverse("wagtailadmin_home")
    assert "Scheduled jobs" not in client.get(reverse("wagtailadmin_home")).content.decode()
