""" "Your data": everything the site holds about a member, and deleting it.

The export is what a subject access request would need: the account, its addresses and
sign-in factors (their kinds, never their secrets), the profile, messages sent and
received, the practice the member is linked to, and their email alerts. What other apps
hold is theirs to give: the practice through `shown`, the rest through `register` here.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction

from allauth.mfa.models import Authenticator

from . import shown
from .models import ContactMessage, Profile


@dataclass(frozen=True)
class DataHolder:
    """An app above this one that holds data about an account (the newsletter its
    subscriptions): `export(user)` gives it for "your data" under `name`, `forget(user)`
    deletes what must not outlive the account, before the account is deleted."""

    name: str
    export: Callable[..., object]
    forget: Callable[..., None]


_holders: dict[str, DataHolder] = {}


def register(holder: DataHolder) -> None:
    _holders[holder.name] = holder


def member_data(user) -> dict:
    profile = Profile.objects.filter(user=user).first()
    return {
        "account": {
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "email_addresses": [
                {"email": a.email, "verified": a.verified, "primary": a.primary}
                for a in user.emailaddress_set.order_by("pk")
            ],
            "two_factor_methods": [
                {"type": a.type, "created_at": a.created_at.isoformat()}
                for a in Authenticator.objects.filter(user=user).order_by("pk")
            ],
        },
        "profile": _profile_data(profile) if profile else None,
        "messages_sent": _messages(ContactMessage.objects.filter(sender=user)),
        "messages_received": _messages(ContactMessage.objects.filter(recipient=user)),
        **{holder.name: holder.export(user) for holder in _holders.values()},
    }


def _profile_data(profile: Profile) -> dict:
    return {
        "slug": profile.slug,
        "url": profile.get_absolute_url(),
        "display_name": profile.display_name,
        "job_title": profile.job_title,
        "role": profile.role.slug if profile.role else None,
        "organisation": profile.organisation_label,
        "sector": profile.sector.slug if profile.sector else None,
        "region": profile.region.slug if profile.region else None,
        "themes": [t.slug for t in profile.themes.all()],
        "stages": [t.slug for t in profile.stages.all()],
        "outcome_areas": [t.slug for t in profile.outcome_areas.all()],
        "bio": profile.bio,
        "photo": profile.photo.url if profile.photo else None,
        "visibility": profile.visibility,
        "accepts_messages": profile.accepts_messages,
        "open_to_questions": profile.open_to_questions,
        "suspended_at": profile.suspended_at.isoformat() if profile.suspended_at else None,
        "first_public_at": (
            profile.first_public_at.isoformat() if profile.first_public_at else None
        ),
        "created_at": profile.created_at.isoformat(),
        "updated_at": profile.updated_at.isoformat(),
        **shown.exported(profile),
    }


def _messages(queryset) -> list[dict]:
    return [
        {
            "from": m.sender_name,
            "to": m.recipient_name,
            "sent_at": m.sent_at.isoformat(),
            "body": m.body,
            "shared_email": m.shared_email,
        }
        for m in queryset.order_by("sent_at")
    ]


def delete_account(user) -> None:
    """Delete the account and its profile. Case studies stay, credited to "a former member";
    the search index drops the profile, and storage its photo, once the transaction commits."""
    with transaction.atomic():
        for holder in _holders.values():
            holder.forget(user)
        user.delete()
