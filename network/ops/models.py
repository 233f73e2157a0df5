"""What the scheduler (`schedule.py`, `manage.py run_schedule`) knows of each job: one
row a job, holding its last run only, so the table never grows past the schedule.

The module also makes Django send `post_migrate` for this app, which is what creates the
cache table (see apps.py)."""

from django.db import models
from django.utils import timezone


class ScheduledJob(models.Model):
    name = models.CharField(max_length=64, unique=True)
    # When a runner first saw the job in the schedule: a job that has never succeeded is
    # "not yet run" until its interval and grace have passed since then.
    first_seen = models.DateTimeField(default=timezone.now)
    last_started = models.DateTimeField(null=True, blank=True)
    last_finished = models.DateTimeField(null=True, blank=True)
    last_succeeded = models.DateTimeField(null=True, blank=True)
    last_failed = models.DateTimeField(null=True, blank=True)
    # One line: the exception's class and the first line of its message, with email
    # addresses blanked out. The traceback goes to the log.
    last_error = models.CharField(max_length=300, blank=True)
    last_duration = models.FloatField(null=True, blank=True, help_text="Seconds.")
    # The machine and process of the last run (host:pid), for an operator looking for its log.
    last_runner = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
