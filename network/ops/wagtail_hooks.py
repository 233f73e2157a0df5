"""Operations in the Wagtail admin: the scheduled jobs report (superusers only)."""

from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .reports import ScheduledJobsReport, can_see_jobs


@hooks.register("register_admin_urls")
def register_scheduled_jobs_urls():
    return [
        path("reports/scheduled-jobs/", ScheduledJobsReport.as_view(), name="ops_scheduled_jobs"),
        path(
            "reports/scheduled-jobs/results/",
            ScheduledJobsReport.as_view(results_only=True),
            name="ops_scheduled_jobs_results",
        ),
    ]


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_jobs(request.user)


@hooks.register("register_reports_menu_item")
def register_scheduled_jobs_menu_item():
    return SuperuserMenuItem(
        "Scheduled jobs",
        reverse("ops_scheduled_jobs"),
        name="scheduled-jobs",
        icon_name="time",
        order=1400,
    )
