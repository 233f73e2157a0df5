"""Emails about a thread: its followers (the asker among them) told of new answers, and
an answer's author told when it is accepted.

A change writes a `Notice` row per recipient in its own transaction, and after the commit
enqueues the sender to run QUESTIONS_NOTICE_DELAY_SECONDS later; `manage.py
send_question_notices`, run every few minutes, catches whatever a worker missed. Once a
recipient's oldest notice for a question is due, one email covers every answer that came
since their last one: two answers a minute apart make one email.

Each email is claimed before it is sent: a recipient's rows for one question are locked
(`select_for_update(skip_locked=True)`) in the transaction that sends the email and then
deletes them, so two senders running at once never send the same email; the second skips
rows the first holds, and finds them gone once it has committed. A crash after the
backend took an email but before the commit sends it again at the next run: twice,
never not at all.

Whether to send is decided when sending, not when the answer came: nobody is emailed
about a question they may no longer read (`access`: a members-only question to a
suspended or unconfirmed member, a withdrawn question), an answer withdrawn or no longer
accepted meanwhile, or a question whose emails they stopped.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from django_tasks import task

from base import mail
from base.clean_text import one_line
from base.site_address import absolute
from members.models import Profile
from members.visibility import Access, can_view, is_member
from search.text import lead, markdown_text

from . import following
from .access import question_access
from .models import Answer, Notice, Question, Reason

logger = logging.getLogger(__name__)
EXCERPT_LENGTH = 300


# --- Owing an email: called by `threads` inside the change's transaction -----------------


def answered(reply: Answer) -> None:
    """Owe every follower of the question but the answer's author an email about it."""
    recipients = following.followers(reply.question).exclude(member_id=reply.author_id)
    notices = [
        Notice(recipient_id=pk, question_id=reply.question_id, answer=reply, reason=Reason.ANSWERED)
        for pk in recipients.values_list("member_id", flat=True)
    ]
    if notices:
        Notice.objects.bulk_create(notices)
        transaction.on_commit(_schedule)


def accepted(reply: Answer, actor: Profile | None) -> None:
    """Owe the answer's author an email saying it was accepted (unless they accepted it)."""
    if reply.author_id is None or reply.author_id == getattr(actor, "pk", None):
        return
    Notice.objects.create(
        recipient_id=reply.author_id,
        question_id=reply.question_id,
        answer=reply,
        reason=Reason.ACCEPTED,
    )
    transaction.on_commit(_schedule)


def _schedule() -> None:
    """Run the sender once the delay is over, where the task backend can wait (the
    production worker); otherwise now, and the scheduled command sends what is not due."""
    delay = settings.QUESTIONS_NOTICE_DELAY_SECONDS
    if delay and send_notices.get_backend().supports_defer:
        run_after = timezone.now() + timedelta(seconds=delay + 1)
        send_notices.using(run_after=run_after).enqueue()
    else:
        send_notices.enqueue()


@task()
def send_notices() -> None:
    send_due()


# --- Sending what is due -----------------------------------------------------------------


def send_due(now: datetime | None = None) -> int:
    """Send every email whose oldest notice is due; returns how many were sent."""
    due = (now or timezone.now()) - timedelta(seconds=settings.QUESTIONS_NOTICE_DELAY_SECONDS)
    sent, failed = 0, set[int]()
    while True:
        with transaction.atomic():
            rows = _claim(due, failed)
            if not rows:
                return sent
            try:
                sent += _send(rows)
            except Exception:  # a refused address must not hold back everyone after it
                logger.exception("A question notice could not be sent; it is kept for later.")
                failed.update(row.pk for row in rows)
                continue
            Notice.objects.filter(pk__in=[row.pk for row in rows]).delete()


def _claim(due: datetime, failed: set[int]) -> list[Notice]:
    """Lock the rows of one email, a recipient's for one question and reason, when the
    oldest is due; rows another sender holds are skipped."""
    pending = Notice.objects.select_for_update(skip_locked=True, of=("self",))
    first = pending.filter(created_at__lte=due).exclude(pk__in=failed).order_by("pk").first()
    if first is None:
        return []
    group = pending.filter(
        recipient_id=first.recipient_id, question_id=first.question_id, reason=first.reason
    )
    return list(
        group.exclude(pk__in=failed)
        .select_related("recipient__user", "question", "answer__author")
        .order_by("answer__created_at", "pk")
    )


def _send(rows: list[Notice]) -> int:
    """Send the email these rows owe, if it is still news to someone who may read it."""
    recipient, question, reason = rows[0].recipient, rows[0].question, rows[0].reason
    answers = [row.answer for row in rows if _still_news(row)]
    if not (answers and _may_receive(recipient, question, reason)):
        return 0
    _message(recipient, question, reason, answers).send()
    return 1


def _still_news(row: Notice) -> bool:
    if not row.answer.is_live:
        return False
    return row.reason != Reason.ACCEPTED or row.question.accepted_answer_id == row.answer_id


def _may_receive(recipient: Profile, question: Question, reason: str) -> bool:
    user = recipient.user
    if not (user.email and is_member(user) and question.is_live):
        return False
    if question_access(user, question) is not Access.ALLOWED:
        return False
    if reason == Reason.ANSWERED:
        return following.is_following(recipient, question)
    return not following.has_stopped(recipient, question)


# --- The email ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """An answer as an email lists it."""

    author: str
    excerpt: str
    url: str


def _message(
    recipient: Profile, question: Question, reason: str, answers: list[Answer]
) -> EmailMultiAlternatives:
    stop_url = following.stop_url(recipient, question)
    context = mail.context(
        recipient=recipient,
        question=question,
        is_asker=question.asker_id == recipient.pk,
        items=[_item(recipient, answer) for answer in answers],
        question_url=absolute(question.get_absolute_url()),
        stop_url=stop_url,
    )
    template = "new_answers" if reason == Reason.ANSWERED else "accepted"
    email = EmailMultiAlternatives(
        subject=one_line(
            settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + _subject(reason, question, answers)
        ),
        body=render_to_string(f"questions/email/{template}.txt", context),
        to=[recipient.user.email],
        headers={
            "List-Unsubscribe": f"<{stop_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    mail.add_html_part(email)
    return email


def _subject(reason: str, question: Question, answers: list[Answer]) -> str:
    title = f"“{question.title}”"
    if reason == Reason.ACCEPTED:
        return f"Your answer to {title} was marked as the one that helped"
    if len(answers) == 1:
        return f"A new answer to {title}"
    return f"{len(answers)} new answers to {title}"


def _item(recipient: Profile, answer: Answer) -> Item:
    author = answer.author
    if author is not None and can_view(recipient.user, author):
        name = author.display_name
    else:
        name = "A member of the network" if author is not None else "A former member"
    return Item(
        author=name,
        excerpt=lead(markdown_text(answer.body), EXCERPT_LENGTH),
        url=absolute(answer.get_absolute_url()),
    )
