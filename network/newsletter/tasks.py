"""Tasks: "immediately" alerts once something is published, and a newsletter issue's
sending, which can take a while for a long list."""

from django_tasks import task

from .digests import send_digests
from .models import Frequency


@task()
def send_immediate_alerts() -> None:
    # Wait for a daily or weekly run in progress rather than skip: the alert is due now.
    send_digests(Frequency.IMMEDIATELY, wait=True)


@task()
def send_newsletter_issue(send_id: int) -> None:
    from .issue_sending import send_issue

    send_issue(send_id)
