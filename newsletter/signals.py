"""Receivers: "immediately" alerts after a page is published, delivery events from the
email provider (bounces and complaints, through django-anymail's tracking signal), and a
new send, which puts its issue in the archive (so cached copies of pages are forgotten).

The alert task is enqueued after the commit, after the search refresh that the same
publish schedules (an import's pages: once, after its one refresh at the end, see
`indexing.after_refresh`); content indexed later than the task runs is picked up by the
next run, as runs overlap (see `digests.OVERLAP`), or by a `send_digests --frequency
immediately` from cron.
"""

from django.db.models.signals import post_save

from wagtail.signals import page_published

from anymail.signals import tracking

from base import pagecache
from search import indexing

from .leaving import on_tracking
from .models import NewsletterArchivePage, NewsletterIssuePage, Send
from .tasks import send_immediate_alerts


def _published(sender, instance, **kwargs) -> None:
    if isinstance(instance, NewsletterArchivePage | NewsletterIssuePage):
        return  # the newsletter's own pages are not alerts' content

    indexing.after_refresh(send_immediate_alerts.enqueue)


def _send_started(sender, instance, created, **kwargs) -> None:
    if created and instance.issue_id:
        pagecache.forget_all()


def connect() -> None:
    page_published.connect(_published, dispatch_uid="newsletter.published")
    post_save.connect(_send_started, sender=Send, dispatch_uid="newsletter.send_started")
    tracking.connect(on_tracking, dispatch_uid="newsletter.tracking")
