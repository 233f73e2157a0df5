"""Keeping questions and answers civil and spam-free: a member's first posts wait for a
moderator, members report posts, and moderators approve, reject (the author is told why)
or suspend the author from the queue in Wagtail's admin (`admin_views`).

A post's status says who sees it (`models.Status`): only `live` posts reach readers,
lists and the search index, so waiting, hidden and rejected posts are out of every
surface by the same rule as withdrawn ones. A member is trusted, and posts at once, from
the moment one of their posts has been published (approved by a moderator, or posted
before moderation began).
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from base import mail
from base.clean_text import one_line
from base.site_address import absolute
from members import suspension
from members.models import Profile
from search.indexing import schedule
from search.kinds import source_key

from . import notify
from .models import Action, Answer, Event, Question, Report, Status

# Statuses a post has only once it has been published: its author is trusted.
PUBLISHED_ONCE = (Status.LIVE, Status.WITHDRAWN, Status.HIDDEN, Status.MERGED)
# Statuses a moderator's decision applies to.
UNDER_REVIEW = (Status.PENDING, Status.HIDDEN, Status.LIVE)

Post = Question | Answer


def is_trusted(profile: Profile) -> bool:
    return (
        Question.objects.filter(asker=profile, status__in=PUBLISHED_ONCE).exists()
        or Answer.objects.filter(author=profile, status__in=PUBLISHED_ONCE).exists()
    )


def initial_status(profile: Profile) -> str:
    """A new post's status: waiting for a moderator until the member is trusted."""
    return Status.LIVE if is_trusted(profile) else Status.PENDING


def _thread(post: Post) -> Question:
    return post if isinstance(post, Question) else post.question


def _reports_of(post: Post):
    if isinstance(post, Question):
        return Report.objects.filter(question=post, answer__isnull=True)
    return Report.objects.filter(answer=post)


def _record(post: Post, actor: Profile | None, action: str, text: str = "") -> None:
    answer = post if isinstance(post, Answer) else None
    Event.objects.create(
        question=_thread(post), answer=answer, actor=actor, action=action, text=text
    )


def report(post: Post, reporter: Profile, reason: str) -> bool:
    """Put the post in the queue with the reporter's reason; False if they had already
    reported it. Enough reports (QUESTIONS_REPORTS_TO_HIDE) hide it until reviewed."""
    try:
        with transaction.atomic():
            Report.objects.create(
                question=_thread(post),
                answer=post if isinstance(post, Answer) else None,
                reporter=reporter,
                reason=reason,
            )
            open_reports = _reports_of(post).filter(reviewed_at__isnull=True).count()
            if open_reports >= settings.QUESTIONS_REPORTS_TO_HIDE and post.status == Status.LIVE:
                _set_status(post, Status.HIDDEN)
    except IntegrityError:
        return False
    return True


def _set_status(post: Post, status: str) -> None:
    post.status = status
    post.save(update_fields=["status", "updated_at"])


@transaction.atomic
def approve(post: Post, moderator: Profile | None) -> None:
    """Publish a waiting post, or keep a reported one: its reports are reviewed."""
    if post.status in (Status.PENDING, Status.HIDDEN):
        first_shown = post.status == Status.PENDING
        _set_status(post, Status.LIVE)
        if first_shown and isinstance(post, Answer):
            notify.answered(post)  # its followers hear of it now that they can read it
    _reports_of(post).filter(reviewed_at__isnull=True).update(reviewed_at=timezone.now())
    _record(post, moderator, Action.APPROVED)


@transaction.atomic
def reject(post: Post, moderator: Profile | None, reason: str) -> None:
    """Take the post down for good and tell its author why, once the decision is saved."""
    question = _thread(post)
    if isinstance(post, Answer) and question.accepted_answer_id == post.pk:
        question.accepted_answer = None
        question.save(update_fields=["accepted_answer", "updated_at"])
    _set_status(post, Status.REJECTED)
    _reports_of(post).filter(reviewed_at__isnull=True).update(reviewed_at=timezone.now())
    _record(post, moderator, Action.REJECTED, text=reason)
    transaction.on_commit(lambda: _tell_rejected(post, reason))


def _tell_rejected(post: Post, reason: str) -> None:
    author = post.author_profile
    if author is None or not author.user.email:
        return
    question = _thread(post)
    context = mail.context(
        name=author.display_name,
        is_question=isinstance(post, Question),
        title=question.title,
        text=post.details if isinstance(post, Question) else post.body,
        reason=reason,
        question_url=absolute(question.get_absolute_url()),
    )
    subject = (
        "Your question was not published"
        if isinstance(post, Question)
        else ("Your answer was not published")
    )
    message = EmailMultiAlternatives(
        subject=one_line(f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}"),
        body=render_to_string("questions/email/rejected.txt", context),
        to=[author.user.email],
    )
    mail.add_html_part(message)
    message.send()


def suspend_author(post: Post, moderator: Profile | None, reason: str) -> bool:
    """Suspend the post's author (every post of theirs leaves the site: `member_suspended`
    below); False if the post has no author left to suspend."""
    author = post.author_profile
    if author is None:
        return False
    with transaction.atomic():
        suspension.suspend(author, reason)
        _reports_of(post).filter(reviewed_at__isnull=True).update(reviewed_at=timezone.now())
    return True


@dataclass
class QueueItem:
    """One post in the moderators' queue, with the reports not yet reviewed."""

    post: Post
    reports: list[Report] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return "question" if isinstance(self.post, Question) else "answer"

    @property
    def question(self) -> Question:
        return _thread(self.post)


def queue() -> list[QueueItem]:
    """Posts waiting for a moderator and posts with open reports, oldest first. A
    suspended member's posts are already off the site and leave the queue."""
    open_reports = Report.objects.filter(reviewed_at__isnull=True).select_related("reporter")
    # One Q, so both conditions are on the same report row; without `isnull=False` the
    # outer join the `|` needs makes every post without a report look "unreviewed".
    reported = Q(reports__isnull=False, reports__reviewed_at__isnull=True)
    questions = (
        Question.objects.filter(asker__suspended_at__isnull=True)
        .filter(Q(status=Status.PENDING) | (reported & Q(status__in=UNDER_REVIEW)))
        .select_related("asker")
        .distinct()
    )
    answers = (
        Answer.objects.filter(author__suspended_at__isnull=True)
        .filter(Q(status=Status.PENDING) | (reported & Q(status__in=UNDER_REVIEW)))
        .select_related("author", "question")
        .distinct()
    )
    items = {("question", q.pk): QueueItem(q) for q in questions}
    items |= {("answer", a.pk): QueueItem(a) for a in answers}
    for row in open_reports:
        key = ("answer", row.answer_id) if row.answer_id else ("question", row.question_id)
        if key in items:
            items[key].reports.append(row)
    return sorted(items.values(), key=lambda item: item.post.created_at)


def member_suspended(sender, profile: Profile, **kwargs) -> None:
    """A suspended member's questions, and the questions whose accepted answer is theirs,
    are indexed again: the first leave the index, the others lose the answer's text."""
    asked = Question.objects.filter(asker=profile).values_list("pk", flat=True)
    accepted = Question.objects.filter(accepted_answer__author=profile).values_list("pk", flat=True)
    schedule([source_key(Question, pk) for pk in {*asked, *accepted}])


def connect() -> None:
    suspension.suspended.connect(member_suspended, dispatch_uid="questions.suspended")
