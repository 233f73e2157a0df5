"""Every allauth page a member meets renders in the site's layout (through the template
elements), for the signed-in and the signed-out."""

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
