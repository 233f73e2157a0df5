"""Two-factor sign-in for staff, required in production settings.

allauth asks for the code at sign-in once an authenticator app is set up; this makes
setting one up the only thing a staff account can do until it has one.
"""

from django.contrib import messages
from django.shortcuts import redirect

from allauth.mfa.models import Authenticator

ALLOWED_PREFIXES = ("/accounts/", "/static/", "/media/")


class StaffTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_set_up(request):
            messages.warning(
                request, "Staff accounts need an authenticator app. Set one up to continue."
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    @staticmethod
    def _must_set_up(request) -> bool:
        user = request.user
        return (
            user.is_authenticated
            and user.is_staff
            and not request.path.startswith(ALLOWED_PREFIXES)
            and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        )
