"""Contributions as members see them: the "case studies they contributed" on a profile,
what counts for the directory's "has contributed" facet, and keeping the contributor's
search document current when a contribution is published, unpublished, deleted or
credited to someone else. A suspended member's contributions waiting for review leave
the moderators' queue."""

from django.db.models.signals import post_delete, pre_save

from wagtail.signals import page_published, page_unpublished

from casestudies.models import CaseStudyPage
from members import shown, suspension
from members.models import Profile
from search.indexing import schedule
from search.kinds import source_key

from .workflow import pending_for, withdraw_pending


def published_contributions(profile):
    """The member's contributions that are published."""
    return CaseStudyPage.objects.live().filter(contributor=profile, is_contribution=True)


def contribution_counts(profile_ids) -> dict[int, int]:
    """How many published contributions each member has, for the people who can help."""
    published = CaseStudyPage.objects.live().public().filter(is_contribution=True)
    return shown.count_by(published, "contributor", profile_ids)


def on_profile(profile):
    """The member's published contributions (drafts never show here)."""
    return (
        CaseStudyPage.objects.live()
        .public()
        .filter(contributor=profile)
        .order_by("-first_published_at")
    )


def contribution_changed(sender, instance, **kwargs):
    """A contribution was published, unpublished or deleted: the contributor's document
    says whether they have contributed."""
    if getattr(instance, "contributor_id", None):
        schedule([source_key(Profile, instance.contributor_id)])


def contributor_replaced(sender, instance, **kwargs):
    """An editor credited a page to someone else: the member it was credited to before
    may no longer have contributed. (Saving a draft leaves the row's contributor alone,
    so this schedules nothing then.)"""
    if instance.pk is None:
        return
    before = sender.objects.filter(pk=instance.pk).values_list("contributor_id", flat=True)
    old = before.first()
    if old and old != instance.contributor_id:
        schedule([source_key(Profile, old)])


def member_suspended(sender, profile, **kwargs):
    withdraw_pending(pending_for(profile.pk))


def connect() -> None:
    shown.register(
        shown.Shown(
            "contributions",
            public=on_profile,
            contributions=published_contributions,
            counts=contribution_counts,
            phrases=("{n} case study contributed", "{n} case studies contributed"),
        )
    )
    suspension.suspended.connect(member_suspended, dispatch_uid="contributions.suspended")
    pre_save.connect(
        contributor_replaced, sender=CaseStudyPage, dispatch_uid="members.contribution.credit"
    )
    page_published.connect(
        contribution_changed, sender=CaseStudyPage, dispatch_uid="members.contribution.published"
    )
    page_unpublished.connect(
        contribution_changed, sender=CaseStudyPage, dispatch_uid="members.contribution.unpublished"
    )
    post_delete.connect(
        contribution_changed, sender=CaseStudyPage, dispatch_uid="members.contribution.deleted"
    )
