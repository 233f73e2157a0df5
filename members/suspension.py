"""Suspending a member: the profile disappears from every listing and page, sign-in is
refused and any open session ends (Django ignores sessions of inactive users). Apps that
hold the member's work in progress listen to `suspended` (contributions withdraw theirs
from review), inside the same transaction."""

from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from .models import Profile

# Sent with `profile=` once the member is suspended, in the suspending transaction.
suspended = Signal()


@transaction.atomic
def suspend(profile: Profile, reason: str = "") -> None:
    profile.suspended_at = timezone.now()
    profile.suspension_reason = reason
    profile.user.is_active = False
    profile.user.save(update_fields=["is_active"])
    profile.save(update_fields=["suspended_at", "suspension_reason", "updated_at"])
    suspended.send(sender=Profile, profile=profile)


@transaction.atomic
def reinstate(profile: Profile) -> None:
    profile.suspended_at = None
    profile.suspension_reason = ""
    profile.user.is_active = True
    profile.user.save(update_fields=["is_active"])
    profile.save(update_fields=["suspended_at", "suspension_reason", "updated_at"])
