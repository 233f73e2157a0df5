"""Keeping a member's search document current when something outside the profile changes
it: the account is switched on or off, an address is confirmed or removed, or one of their
contributions is published, unpublished or deleted ("has contributed"). (Saving or
deleting the profile, and its terms, are followed by the search app.) Every refresh goes
through the search app's after-commit path."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from wagtail.signals import page_published, page_unpublished

from allauth.account.models import EmailAddress

from casestudies.models import CaseStudyPage
from search.indexing import schedule
from search.kinds import source_key

from .models import Profile


def _refresh_profile_of(user_id) -> None:
    profile_ids = Profile.objects.filter(user_id=user_id).values_list("pk", flat=True)
    schedule(source_key(Profile, pk) for pk in profile_ids)


def user_saved(sender, instance, created, update_fields=None, **kwargs):
    # Signing in saves `last_login` alone, which changes nothing in the index.
    if not created and set(update_fields or ()) != {"last_login"}:
        _refresh_profile_of(instance.pk)


def address_changed(sender, instance, **kwargs):
    _refresh_profile_of(instance.user_id)


def expertise_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and isinstance(instance, Profile):
        _refresh_profile_of(instance.user_id)


def name_the_user(profile: Profile) -> None:
    """Wagtail's and Django's admin name people by their full name, else by the random
    username: keep the account's name the profile's display name. An update, not a save,
    so that no signal (and no second refresh of the index) follows."""
    name = profile.display_name
    get_user_model().objects.filter(pk=profile.user_id).exclude(
        first_name=name, last_name=""
    ).update(first_name=name, last_name="")
    # A user already loaded and saved again later must not put the old name back.
    if user := profile._state.fields_cache.get("user"):
        user.first_name, user.last_name = name, ""


def profile_saved(sender, instance, **kwargs):
    name_the_user(instance)


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


def connect() -> None:
    pre_save.connect(
        contributor_replaced, sender=CaseStudyPage, dispatch_uid="members.contribution.credit"
    )
    post_save.connect(profile_saved, sender=Profile, dispatch_uid="members.profile.name")
    page_published.connect(
        contribution_changed, sender=CaseStudyPage, dispatch_uid="members.contribution.published"
    )
    page_unpublished.connect(
        contribution_changed, sender=CaseStudyPage, dispatch_uid="members.contribution.unpublished"
    )
    post_delete.connect(
        contribution_changed, sender=CaseStudyPage, dispatch_uid="members.contribution.deleted"
    )
    post_save.connect(user_saved, sender=settings.AUTH_USER_MODEL, dispatch_uid="members.user")
    for signal in (post_save, post_delete):
        signal.connect(address_changed, sender=EmailAddress, dispatch_uid=f"members.email.{signal}")
    for field in ("themes", "stages", "outcome_areas"):
        m2m_changed.connect(
            expertise_changed,
            sender=getattr(Profile, field).through,
            dispatch_uid=f"members.expertise.{field}",
        )
