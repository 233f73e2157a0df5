"""How django-allauth treats members: the one place accounts are customised.

- usernames are random, so nothing derived from an email address is stored as a name;
- a profile is made at sign-up from the name given on the form;
- a suspended member cannot sign in.
"""

import secrets

from django.contrib.auth import get_user_model

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.stagekit import clear_login

from .profiles import profile_for


class AccountAdapter(DefaultAccountAdapter):
    def populate_username(self, request, user) -> None:
        if not user.username:
            user.username = _random_username()

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            profile_for(user, form.cleaned_data.get("display_name", ""))
        return user

    def pre_login(self, request, user, **kwargs):
        # Suspension also switches `is_active` off; this holds even if someone turns it on.
        profile = getattr(user, "profile", None)
        if profile is not None and profile.is_suspended:
            clear_login(request)
            return self.respond_user_inactive(request, user)
        return super().pre_login(request, user, **kwargs)


def _random_username() -> str:
    user_model = get_user_model()
    while True:
        username = f"member-{secrets.token_hex(6)}"
        if not user_model.objects.filter(username=username).exists():
            return username
