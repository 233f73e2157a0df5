"""Who may read and do what in a thread: the one place the rules are written. Every view
asks here, and the search kind takes its visibility levels from the same rule.

A question is read by everyone when its asker chose `public`, by members (confirmed,
active accounts, as for members-only profiles) when `members`. A withdrawn post is gone
for everyone but its author. Someone who is not a member gets one answer, "sign in", for
every question they may not read, whether it is members-only, withdrawn or missing, so
that nothing about members-only questions can be learnt from the answers.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from members.visibility import Access, is_member, visible_levels

from .models import Answer, Question

MODERATE = "questions.moderate_question"


def question_access(user, question: Question | None) -> Access:
    """What this viewer gets at a question's address (`None`: no question has it)."""
    if question is not None and _can_read(user, question):
        return Access.ALLOWED
    return Access.NOT_FOUND if is_member(user) else Access.SIGN_IN


def _can_read(user, question: Question) -> bool:
    if not question.is_live:
        return is_author(user, question)
    return question.audience in visible_levels(user)


def is_author(user, post: Question | Answer) -> bool:
    profile_id = post.asker_id if isinstance(post, Question) else post.author_id
    return bool(
        profile_id is not None
        and user.is_authenticated
        and getattr(user, "profile", None) is not None
        and user.profile.pk == profile_id
    )


def can_answer(user, question: Question) -> bool:
    """A locked thread takes no new answers (questions/curation.py)."""
    return is_member(user) and question.is_live and not question.is_locked


def can_report(user, post: Question | Answer) -> bool:
    """Members report others' published posts to the moderators (questions/moderation.py)."""
    return is_member(user) and post.is_live and not is_author(user, post)


def can_manage(user) -> bool:
    """Editors review posts and lock, move, merge and pin threads in Wagtail's admin."""
    return user.is_authenticated and user.has_perm(MODERATE)


def can_follow(user, question: Question) -> bool:
    """Members may follow a live question they can read, to be emailed its new answers."""
    return is_member(user) and question.is_live


def can_accept(user, question: Question) -> bool:
    """The asker chooses the answer that helped; an editor with the permission may too."""
    if not (question.is_live and is_member(user)):
        return False
    return is_author(user, question) or user.has_perm(MODERATE)


def can_mark_helpful(user, answer: Answer) -> bool:
    return is_member(user) and answer.is_live and not is_author(user, answer)


def can_edit(user, post: Question | Answer) -> bool:
    """Authors may correct their post for a while after writing it (QUESTIONS_EDIT_WINDOW);
    after that it stands as others read and answered it."""
    return can_withdraw(user, post) and timezone.now() - post.created_at < edit_window()


def can_withdraw(user, post: Question | Answer) -> bool:
    return post.is_live and is_member(user) and is_author(user, post)


def edit_window() -> timedelta:
    return timedelta(hours=settings.QUESTIONS_EDIT_WINDOW_HOURS)
