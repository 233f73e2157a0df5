"""Sending an editors' newsletter issue: a test to the editor, then to the confirmed
subscribers who chose the newsletter (of the issue's chosen topics, or all), through
`sending.deliver`.

`start` publishes the issue's latest revision and records its one `Send`, then a task
sends it; a second click finds the send and only resumes it if it had not finished.
`sending.deliver` claims each person's `Delivery` before their email goes and marks it
sent once the backend has taken it, so however many times a send is started or resumed,
no one receives the issue twice; a resume after a worker died first releases the claims
it never marked, and sends those people the issue.
"""

import logging
from functools import partial

from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone

from django_tasks import task

from search.locks import exclusive

from . import emails, issues, sending
from .models import NewsletterIssuePage, Send, Subscriber, Subscription

logger = logging.getLogger(__name__)
TEMPLATE = "newsletter/email/issue"


def audience(topics: list[str]):
    """Confirmed subscribers who chose the editors' newsletter (a consent apart from
    their alerts), narrowed when `topics` is not empty to those with a confirmed topic
    among them: each person once, however many of the topics they follow."""
    readers = Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED, newsletter=True)
    if not topics:
        return readers
    following = Subscription.objects.filter(confirmed_at__isnull=False, topic__in=topics)
    return readers.filter(pk__in=following.values("subscriber_id"))


def send_test(issue: NewsletterIssuePage, address: str) -> None:
    """The issue's latest draft, marked as a test, to one address (the editor's own).
    Its unsubscribe links name no subscriber, so they unsubscribe no one."""
    draft = issue.get_latest_revision_as_object()
    rendered = issues.render(draft, test=True)
    stand_in = Subscriber(pk=0, email=address)
    emails.Layout(TEMPLATE, rendered.context).message(stand_in, rendered.subject).send()


def start(issue: NewsletterIssuePage, user) -> Send:
    """Publish the issue as it stands and record its send, once; the sending task runs
    after the commit. Calling it again resumes a send that had not finished."""
    with transaction.atomic():
        issue = NewsletterIssuePage.objects.select_for_update().get(pk=issue.pk)
        send = Send.objects.filter(issue=issue).first()
        if send is None:
            if issue.has_unpublished_changes or not issue.live:
                revision = issue.get_latest_revision() or issue.save_revision(user=user)
                # The sender's `send_issue` permission, checked by the view, is what
                # allows this: publishing pages elsewhere is not needed to send.
                revision.publish(user=user, skip_permission_checks=True)
                issue.refresh_from_db()
            send = Send.objects.create(kind=Send.Kind.ISSUE, issue=issue, subject=issue.title)
        if send.finished_at is None:
            transaction.on_commit(partial(send_newsletter_issue.enqueue, send.pk))
    return send


@task()
def send_newsletter_issue(send_id: int) -> None:
    send_issue(send_id)


def send_issue(send_id: int) -> None:
    """Send the issue to everyone in its audience who has not had it; one worker at a
    time per issue (another finds the lock taken and leaves it to the first)."""
    send = Send.objects.select_related("issue").get(pk=send_id)
    with exclusive(f"newsletter.issue.{send.pk}", wait=False) as got:
        if not got or send.issue is None:
            return
        sending.release_unsent(Send.objects.filter(pk=send.pk))  # a dead worker's claims
        rendered = issues.render(send.issue)
        layout = emails.Layout(TEMPLATE, rendered.context)
        waiting = list(
            audience(send.issue.audience)
            .exclude(deliveries__send=send)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        with get_connection() as connection:  # one connection for the whole send
            for start_at in range(0, len(waiting), sending.BATCH):
                ids = waiting[start_at : start_at + sending.BATCH]
                batch = [
                    sending.Outgoing(s.pk, layout.message(s, rendered.subject))
                    for s in Subscriber.objects.filter(pk__in=ids).only("pk", "email")
                ]
                sending.deliver(send, batch, connection)
        Send.objects.filter(pk=send.pk).update(finished_at=timezone.now())
    logger.info("Newsletter issue %s sent (send %s).", send.issue.pk, send.pk)
