"""Per-member limits on contributions, from settings: submissions in any 24 hours
(CONTRIBUTIONS_DAILY_SUBMISSIONS) and unpublished drafts in total
(CONTRIBUTIONS_MAX_DRAFTS). Each refusal is a sentence the member can act on."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from wagtail.models import WorkflowState

from casestudies.models import CaseStudyPage


def drafts_refusal(profile) -> str:
    """Why this member may not start another draft, or ""."""
    limit = settings.CONTRIBUTIONS_MAX_DRAFTS
    if CaseStudyPage.objects.filter(contributor=profile, live=False).count() >= limit:
        return (
            f"You already have {limit} unpublished contributions, the most one member may "
            "have at a time. Finish or submit one of them before starting another."
        )
    return ""


def submission_refusal(profile) -> str:
    """Why this member may not submit another contribution today, or ""."""
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
