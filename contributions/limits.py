"""Per-member limits on contributions, from settings: submissions in any 24 hours
(CONTRIBUTIONS_DAILY_SUBMISSIONS) and unpublished drafts in total
(CONTRIBUTIONS_MAX_DRAFTS). Each refusal is a sentence the member can act on.

A limit is a count then a write, so two requests of one member (two tabs, a script, an
autosave beside a submit) could both count below the cap and both write. Each check
therefore first locks the member's profile row: call it inside the transaction that
writes, and the member's next request waits at the lock until this one has written and
committed, then counts what it wrote.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from wagtail.models import WorkflowState

from casestudies.models import CaseStudyPage
from members.models import Profile


def _lock(profile) -> None:
    """Hold the member's profile row until the transaction ends."""
    Profile.objects.select_for_update().filter(pk=profile.pk).values_list("pk").first()


def drafts_refusal(profile) -> str:
    """Why this member may not start another draft, or "". Call it inside the
    transaction that creates the draft."""
    _lock(profile)
    limit = settings.CONTRIBUTIONS_MAX_DRAFTS
    if CaseStudyPage.objects.filter(contributor=profile, live=False).count() >= limit:
        return (
            f"You already have {limit} unpublished contributions, the most one member may "
            "have at a time. Finish or submit one of them before starting another."
        )
    return ""


def submission_refusal(profile) -> str:
    """Why this member may not submit another contribution today, or "". Call it inside
    the transaction that submits."""
    _lock(profile)
    limit = settings.CONTRIBUTIONS_DAILY_SUBMISSIONS
    since = timezone.now() - timedelta(days=1)
    pages = CaseStudyPage.objects.filter(contributor=profile).values_list("pk", flat=True)
    submitted = WorkflowState.objects.filter(
        object_id__in=[str(pk) for pk in pages],
        requested_by=profile.user,
        created_at__gte=since,
    ).count()
    if submitted >= limit:
        return (
            f"You can submit up to {limit} contributions a day. Your draft is saved: "
            "submit it tomorrow."
        )
    return ""
