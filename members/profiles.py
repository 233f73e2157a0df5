"""Making profiles: one per account, with a slug that never changes once given."""

import secrets

from django.utils.text import slugify

from .models import Profile

# Slugs that would collide with the member URLs themselves.
RESERVED_SLUGS = {"me", "search", "contact", "directory"}


def unique_slug(name: str) -> str:
    base = slugify(name)[:60] or "member"
    if base in RESERVED_SLUGS:
        base = f"{base}-member"
    slug = base
    while Profile.objects.filter(slug=slug).exists():
        slug = f"{base}-{secrets.token_hex(2)}"
    return slug


def profile_for(user, display_name: str = "") -> Profile:
    """The user's profile, made on first need (accounts made outside sign-up have none)."""
    profile = Profile.objects.filter(user=user).first()
    if profile:
        return profile
    name = display_name or user.get_full_name() or "New member"
    return Profile.objects.create(user=user, display_name=name, slug=unique_slug(name))


def user_display(user) -> str:
    """How allauth names a user ("Signed in as …"): their profile name, never the random
    username or the email address."""
    profile = Profile.objects.filter(user=user).only("display_name").first()
    return profile.display_name if profile else "your account"
