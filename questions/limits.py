"""Per-member limits on new posts, from settings: questions (QUESTIONS_DAILY_QUESTIONS)
and answers (QUESTIONS_DAILY_ANSWERS) in any 24 hours. Each refusal is a sentence the
member can act on.

A limit is a count then a write, so each check first locks the member's profile row:
call it inside the transaction that writes, and a second request of the same member
waits at the lock until the first has written, then counts what it wrote.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from members.models import Profile

from .models import Answer, Question


def _lock(profile: Profile) -> None:
    Profile.objects.select_for_update().filter(pk=profile.pk).values_list("pk").first()


def _since():
    return timezone.now() - timedelta(days=1)


def question_refusal(profile: Profile) -> str:
    """Why this member may not ask another question today, or ""."""
    _lock(profile)
    limit = settings.QUESTIONS_DAILY_QUESTIONS
    if Question.objects.filter(asker=profile, created_at__gte=_since()).count() >= limit:
        return f"You can ask up to {limit} questions a day. Please ask this one tomorrow."
    return ""


def answer_refusal(profile: Profile) -> str:
    """Why this member may not answer again today, or ""."""
    _lock(profile)
    limit = settings.QUESTIONS_DAILY_ANSWERS
    if Answer.objects.filter(author=profile, created_at__gte=_since()).count() >= limit:
        return f"You can post up to {limit} answers a day. Please post this one tomorrow."
    return ""
