"""Suspending a member: the profile disappears from every listing and page, sign-in is
refused and any open session ends (Django ignores sessions of inactive users)."""

from django.db import transaction
from django.utils import timezone

from casestudies.contributions.workflow import pending_for, withdraw_pending

from .models import Profile


@transaction.atomic
def suspend(profile: Profile, reason: str = "") -> None:
    profile.suspended_at = timezone.now()
    profile.suspension_reason = reason
    profile.user.is_active = False
    profile.user.save(update_fields=["is_active"])
    profile.save(update_fields=["suspended_at", "suspension_reason", "updated_at"])
    # Their contributions waiting for review leave the moderators' queue.
    withdraw_pending(pending_for(profile.pk))


@transaction.atomic
def reinstate(profile: Profile) -> None:
    profile.suspended_at = None
    profile.suspension_reason = ""
    profile.user.is_active = True
    profile.user.save(update_fields=["is_active"])
    profile.save(update_fields=["suspended_at", "suspension_reason", "updated_at"])
