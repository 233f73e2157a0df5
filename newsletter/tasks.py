"""Tasks: "immediately" alerts once something is published. (A newsletter issue's
sending, which can take a while for a long list, is a task of `issue_sending`.)"""

from django_tasks import task

from .digests import send_digests
from .models import Frequency


@task()
def send_immediate_alerts() -> None:
    # Wait for a daily or weekly run in progress rather than skip: the alert is due now.
    send_digests(Frequency.IMMEDIATELY, wait=True)
