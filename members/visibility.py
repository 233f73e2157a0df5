"""Who may see which profile: the one place the rule is written.

The profile page, the contact form and the search service all ask here. A profile is
*listed* (may appear in the directory and the site search) when its owner has confirmed
an email address, is not suspended and has not chosen `hidden`; it is then shown to
everyone when `public`, and to signed-in members when `members`. Owners and staff can
always open a profile page, even a hidden one.

Someone who is not a member gets one answer for every profile they may not see, whether
it is members-only, withdrawn or does not exist: were the answers different, anyone could
test names (slugs come from names) to find out who belongs to the network.
"""

from enum import Enum

from .models import Profile, Visibility


class Access(Enum):
    ALLOWED = "allowed"
    SIGN_IN = "sign_in"  # the viewer is not a member: ask them to sign in (or confirm)
    NOT_FOUND = "not_found"


def is_staff(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)


def is_confirmed(user) -> bool:
    """Whether the user has confirmed at least one email address."""
    if not (user and user.is_authenticated):
        return False
    # Remembered on the user for the request: a page asks once per member it links to.
    confirmed = getattr(user, "_is_confirmed", None)
    if confirmed is None:
        confirmed = user.emailaddress_set.filter(verified=True).exists()
        user._is_confirmed = confirmed
    return confirmed


def is_member(user) -> bool:
    """A signed-in, active account with a confirmed address (or staff)."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    return user.is_staff or is_confirmed(user)


def visible_levels(user) -> frozenset[str]:
    """The visibility values of listed profiles this viewer may see."""
    if is_member(user):
        return frozenset({Visibility.PUBLIC, Visibility.MEMBERS})
    return frozenset({Visibility.PUBLIC})


def profile_access(user, profile: Profile | None) -> Access:
    """What this viewer gets at a profile's address (`None`: no profile has it)."""
    if profile is not None and _owner_or_staff(user, profile):
        return Access.ALLOWED
    if profile is not None and profile.is_listed and profile.visibility in visible_levels(user):
        return Access.ALLOWED
    return Access.NOT_FOUND if is_member(user) else Access.SIGN_IN


def _owner_or_staff(user, profile: Profile) -> bool:
    return bool(user and user.is_authenticated and profile.user_id == user.pk) or is_staff(user)


def can_view(user, profile: Profile | None) -> bool:
    return profile is not None and profile_access(user, profile) is Access.ALLOWED
