"""Every allauth page a member meets renders in the site's layout (through the template
elements), for the signed-in and the signed-out."""

import re
from http import HTTPStatus

from django.urls import reverse

import pytest

pytestmark = pytest.mark.django_db

SIGNED_OUT = [
    "account_login",
    "account_signup",
    "account_reset_password",
    "account_reset_password_done",
    "account_email_verification_sent",
]
SIGNED_IN = [
    "account_email",
    "account_change_password",
    "account_reauthenticate",
    "account_logout",
    "mfa_index",
    "members:edit",
    "members:your_data",
]


@pytest.mark.parametrize("name", SIGNED_OUT)
def test_signed_out_pages_use_the_site_layout(client, name):
    response = client.get(reverse(name))

    assert response.status_code == HTTPStatus.OK
    assert 'class="skip-link"' in response.content.decode()


@pytest.mark.parametrize("name", SIGNED_IN)
def test_signed_in_pages_use_the_site_layout(member, signed_in, name):
    response = signed_in(member).get(reverse(name))

    assert response.status_code == HTTPStatus.OK
    assert 'class="skip-link"' in response.content.decode()


def test_setting_up_an_authenticator_app_is_offered(member, signed_in, password):
    client = signed_in(member)
    client.post(reverse("account_reauthenticate"), {"password": password})

    response = client.get(reverse("mfa_activate_totp"))

    assert response.status_code == HTTPStatus.OK
    assert "svg" in response.content.decode()  # the QR code


# The words of the library that the site does not use, and each page's title in the site's.
LIBRARY_WORDS = (
    "Two-Factor",
    "Remember Me",
    "finalize",
    "Change Email",
    "E-mail",
    "Sign In<",
    "Please reauthenticate",
    "Otherwise contact us",
)
TITLES = {
    "account_login": (False, "Sign in"),
    "account_signup": (False, "Join the network"),
    "account_reset_password": (False, "Reset your password"),
    "account_email_verification_sent": (False, "Check your email"),
    "account_email": (True, "Email address"),
    "account_change_password": (True, "Change your password"),
    "mfa_index": (True, "Two-step sign-in"),
    "account_reauthenticate": (True, "Confirm it is you"),
    "account_reset_password_done": (False, "Reset your password"),
}


@pytest.mark.parametrize(("name", "expected"), TITLES.items())
def test_account_pages_are_titled_and_worded_like_the_menu(client, member, name, expected):
    needs_member, title = expected
    if needs_member:
        client.force_login(member.user)

    text = client.get(reverse(name)).content.decode()

    page_title, heading = (
        " ".join(re.sub(r"<[^>]+>", "", match).split())
        for match in re.findall(r"<title>.*?</title>|<h1.*?</h1>", text, re.DOTALL)
    )
    assert page_title == f"{title} \N{EN DASH} Social Value Network"
    assert heading == title
    for words in LIBRARY_WORDS:
        assert words not in text, words


def test_the_sign_in_form_offers_remember_me_in_sentence_case(client):
    text = client.get(reverse("account_login")).content.decode()

    assert "Remember me" in text
