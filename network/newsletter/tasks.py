"""The task that sends "immediately" alerts once something is published."""

from django_tasks import task

from .digests import send_digests
from .models import Frequency


@task()
def send_immediate_alerts() -> None:
    send_digests(Frequency.IMMEDIATELY)
