"""Scheduled jobs in the Wagtail admin (Reports → Scheduled jobs): each job of the
schedule with its time, state and last run, as `run_schedule --status` prints them.

Superusers only: the table names the machines the jobs ran on and their errors, which
are for whoever runs the site, so no group is given it.
"""

from django.core.exceptions import PermissionDenied

from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView

from . import scheduler


def can_see_jobs(user) -> bool:
    return user.is_active and user.is_superuser


class ScheduledJobsReport(ReportView):
    page_title = "Scheduled jobs"
    header_icon = "time"
    index_url_name = "ops_scheduled_jobs"
    index_results_url_name = "ops_scheduled_jobs_results"
    paginate_by = None
    columns = [
        Column("name", label="Job"),
        Column("when", label="When"),
        Column("state", label="State"),
        DateColumn("last_succeeded", label="Last succeeded"),
        DateColumn("last_failed", label="Last failed"),
        Column("took", label="Took"),
        Column("last_error", label="Last error"),
        Column("runner", label="Last ran on"),
    ]

    def dispatch(self, request, *args, **kwargs):
        if not can_see_jobs(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return [_row(found) for found in scheduler.states()]


def _row(found: scheduler.JobState) -> dict:
    row = found.row
    return {
        "name": found.job.name,
        "when": found.job.describe(),
        "state": found.state,
        "last_succeeded": row and row.last_succeeded,
        "last_failed": row and row.last_failed,
        "took": found.took,
        "last_error": found.error,
        "runner": row.last_runner if row else "",
    }
