"""Two-factor sign-in for everyone who can reach an admin, required in production settings.

allauth asks for the code at sign-in once an authenticator app is set up; this makes
setting one up the only thing such an account can do until it has one. "Reaching an
admin" is wider than `is_staff`: Wagtail's user forms never set it, so editors and
moderators get in through the `wagtailadmin.access_admin` permission of their groups,
and superusers hold every permission.
"""

from django.contrib import messages
from django.shortcuts import redirect

from allauth.mfa.models import Authenticator

ALLOWED_PREFIXES = ("/accounts/", "/static/", "/media/")


def can_reach_admin(user) -> bool:
    """Whether the account can open the Wagtail admin or Django's own admin."""
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.is_staff or user.is_superuser or user.has_perm("wagtailadmin.access_admin"))
    )


class StaffTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_set_up(request):
            messages.warning(
                request,
                "Accounts that can open the admin need an authenticator app. "
                "Set one up to continue.",
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    @staticmethod
    def _must_set_up(request) -> bool:
        user = request.user
        return (
            not request.path.startswith(ALLOWED_PREFIXES)
            and can_reach_admin(user)
            and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        )
