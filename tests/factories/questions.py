"""Questions and answers as members leave them, written straight to the database."""

from datetime import timedelta

from django.utils import timezone

from questions.models import Answer, Audience, Question
from tests.contributions.contributions_support import make_member


def question(asker, audience=Audience.MEMBERS, **fields) -> Question:
    fields.setdefault("title", "Has anyone weighted social value above 20%?")
    fields.setdefault("details", "We are about to **tender** home care.")
    return Question.objects.create(asker=asker, audience=audience, **fields)


def answer(to, author, **fields) -> Answer:
    fields.setdefault("body", "We weighted it at 25% and nobody challenged it.")
    return Answer.objects.create(question=to, author=author, **fields)


def written_ago(post, hours: float):
    """Move a post's writing time into the past (auto_now_add ignores a given value)."""
    type(post).objects.filter(pk=post.pk).update(created_at=timezone.now() - timedelta(hours=hours))
    post.refresh_from_db()
    return post


def trusted_member(**fields):
    """A member whose posts publish at once: one question of theirs was published before
    (a first post waits for a moderator, `questions.moderation`)."""
    profile = make_member(**fields)
    question(profile, title="An earlier question")
    return profile
