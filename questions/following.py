"""Who follows a question, and the signed link in every email that stops them.

Following is per question: the follow button on its page, the asker from the start.
Every email about a question carries a link that stops that member's emails about it;
the link is a signed token (django.core.signing: no token table to keep) naming the
member and the question, so it works without signing in, from any device, for a year, as
people unsubscribe from emails months old. Using it twice does no harm.
"""

from django.core import signing
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from base.site_address import absolute
from members.models import Profile

from .models import Follow, Question

STOP = "questions.stop_notices"
STOP_MAX_AGE = 365 * 24 * 3600


def follow(question: Question, member: Profile) -> None:
    Follow.objects.update_or_create(question=question, member=member, defaults={"stopped_at": None})


def follow_as_asker(question: Question, member: Profile) -> None:
    """The asker follows their new question (a no-op if they have a row already)."""
    Follow.objects.get_or_create(question=question, member=member)


def stop(question: Question, member: Profile) -> None:
    """No more emails about this question to this member, whether or not they followed it
    (an answerer may stop the email saying their answer was accepted)."""
    Follow.objects.update_or_create(
        question=question, member=member, defaults={"stopped_at": timezone.now()}
    )


def is_following(member: Profile | None, question: Question) -> bool:
    if member is None:
        return False
    return Follow.objects.filter(question=question, member=member, stopped_at=None).exists()


def has_stopped(member: Profile, question: Question) -> bool:
    return Follow.objects.filter(
        question=question, member=member, stopped_at__isnull=False
    ).exists()


def followers(question: Question) -> QuerySet[Follow]:
    return Follow.objects.filter(question=question, stopped_at=None)


def stop_url(member: Profile, question: Question) -> str:
    token = signing.dumps([member.pk, question.pk], salt=STOP)
    return absolute(reverse("questions:stop_notices", args=[token]))


def read_stop_token(token: str) -> tuple[Profile, Question] | None:
    """The member and question a stop link names, or None when it is forged, expired or
    names what no longer exists."""
    try:
        member_pk, question_pk = signing.loads(token, salt=STOP, max_age=STOP_MAX_AGE)
        member = Profile.objects.filter(pk=int(member_pk)).first()
        question = Question.objects.filter(pk=int(question_pk)).first()
    except (signing.BadSignature, ValueError, TypeError, OverflowError):
        return None
    return (member, question) if member and question else None
