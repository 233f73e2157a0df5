"""Keeping a member's search document current when something outside the profile changes
it: the account is switched on or off, or an address is confirmed or removed. (Saving or
deleting the profile, and its terms, are followed by the search app; contributions by the
contributions app.) Every refresh goes through the search app's after-commit path.

A profile shows on the pages that name the member, so any change to a profile, an
account (bar a sign-in) or an address also forgets the cached pages (`base.pagecache`)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_delete, post_save

from allauth.account.models import EmailAddress

from base import pagecache
from search.indexing import schedule
from search.kinds import source_key

from .models import Profile


def _refresh_profile_of(user_id) -> None:
    profile_ids = Profile.objects.filter(user_id=user_id).values_list("pk", flat=True)
    schedule(source_key(Profile, pk) for pk in profile_ids)


def user_saved(sender, instance, created, update_fields=None, **kwargs):
    # Signing in saves `last_login` alone, which changes nothing in the index or on a page.
    if update_fields is not None and set(update_fields) == {"last_login"}:
        return
    pagecache.forget_all()
    if not created:
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


def connect() -> None:
    pagecache.forget_on_change(Profile, EmailAddress, uid="members")
    post_delete.connect(
        pagecache.forget_all, sender=settings.AUTH_USER_MODEL, dispatch_uid="members.user.gone"
    )
    post_save.connect(profile_saved, sender=Profile, dispatch_uid="members.profile.name")
    post_save.connect(user_saved, sender=settings.AUTH_USER_MODEL, dispatch_uid="members.user")
    for signal in (post_save, post_delete):
        signal.connect(address_changed, sender=EmailAddress, dispatch_uid=f"members.email.{signal}")
    for field in ("themes", "stages", "outcome_areas"):
        m2m_changed.connect(
            expertise_changed,
            sender=getattr(Profile, field).through,
            dispatch_uid=f"members.expertise.{field}",
        )
