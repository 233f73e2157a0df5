"""How django-allauth treats members: the one place accounts are customised.

- usernames are random, so nothing derived from an email address is stored as a name;
- a profile is made at sign-up from the name given on the form;
- a suspended member cannot sign in;
- every email speaks in the site's name, with links from SITE_BASE_URL (never the host a
  request came in on), as text and HTML in the site's layout (base/mail.py); the
  words are in templates/account/email/ and templates/mfa/email/.
"""

import copy
import secrets
from types import SimpleNamespace
from urllib.parse import quote, urlsplit

from django.contrib.auth import get_user_model
from django.urls import reverse

from allauth.account.adapter import DefaultAccountAdapter

from base import mail
from base.identity import absolute, site_name, site_url

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
        """A suspended member is refused as allauth refuses an inactive account (the
        sign-in under way forgotten, the "account inactive" page). Suspension also turns
        `is_active` off; this holds even if someone turns it back on."""
        profile = getattr(user, "profile", None)
        if profile is not None and profile.is_suspended:
            user = copy.copy(user)  # the refusal's own view of the account, never saved
            user.is_active = False
        return super().pre_login(request, user, **kwargs)

    # --- Emails ----------------------------------------------------------------------------

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        context = {**mail.context(), **context, "current_site": _this_site()}
        super().send_mail(template_prefix, email, _on_site(context, self.request))

    def render_mail(self, template_prefix, email, context, headers=None):
        message = super().render_mail(template_prefix, email, context, headers=headers)
        mail.add_html_part(message)
        return message

    def get_email_confirmation_url(self, request, emailconfirmation) -> str:
        return absolute(reverse("account_confirm_email", args=[emailconfirmation.key]))

    def get_reset_password_from_key_url(self, key: str) -> str:
        path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
        return absolute(path.replace("UID-KEY", quote(key)))


def _this_site():
    """What allauth's templates call `current_site`, from the site's settings."""
    return SimpleNamespace(name=site_name(), domain=urlsplit(site_url()).netloc)


def _on_site(context: dict, request) -> dict:
    """Links allauth built from the request (sign-up, password reset) moved onto
    SITE_BASE_URL, so that no email carries the host a request arrived on."""
    if request is None:
        return context
    origin = request.build_absolute_uri("/").rstrip("/")
    return {
        key: site_url() + value[len(origin) :]
        if isinstance(value, str) and value.startswith(origin + "/")
        else value
        for key, value in context.items()
    }


def _random_username() -> str:
    user_model = get_user_model()
    while True:
        username = f"member-{secrets.token_hex(6)}"
        if not user_model.objects.filter(username=username).exists():
            return username
