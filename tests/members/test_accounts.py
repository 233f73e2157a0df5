"""Sign-up, confirmation, sign-in and the protections around them."""

import re
from http import HTTPStatus

from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

import pytest
from allauth.account.models import EmailAddress

from members.models import Profile

pytestmark = pytest.mark.django_db

SIGNUP = {
    "display_name": "Priya Shah",
    "email": "priya@example.org",
    "password1": "commissioning-for-value-2026",
    "password2": "commissioning-for-value-2026",
}


def _confirmation_link(message) -> str:
    return re.search(r"https?://[^\s]+/accounts/confirm-email/[^\s]+/", message.body).group(0)


def test_sign_up_sends_a_confirmation_email_and_makes_a_profile(client):
    response = client.post(reverse("account_signup"), SIGNUP)

    assert response.status_code == HTTPStatus.FOUND
    assert response.url == reverse("account_email_verification_sent")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["priya@example.org"]
    assert "/accounts/confirm-email/" in mail.outbox[0].body
    profile = Profile.objects.get(user__email="priya@example.org")
    assert profile.display_name == "Priya Shah"
    assert profile.slug == "priya-shah"
    assert not profile.is_confirmed


def test_username_is_not_derived_from_the_email_address(client):
    client.post(reverse("account_signup"), SIGNUP)

    user = get_user_model().objects.get(email="priya@example.org")
    assert "priya" not in user.username


def test_following_the_confirmation_link_confirms_and_signs_in(client):
    client.post(reverse("account_signup"), SIGNUP)
    link = _confirmation_link(mail.outbox[0])

    response = client.post(link.split("testserver", 1)[-1])

    assert EmailAddress.objects.get(email="priya@example.org").verified
    assert response.status_code == HTTPStatus.FOUND
    assert response.url == reverse("members:edit")
    assert client.get(reverse("members:edit")).status_code == HTTPStatus.OK


def test_an_unconfirmed_account_cannot_sign_in(client):
    client.post(reverse("account_signup"), SIGNUP)
    client.logout()

    response = client.post(
        reverse("account_login"), {"login": SIGNUP["email"], "password": SIGNUP["password1"]}
    )

    assert response.status_code == HTTPStatus.FOUND
    assert response.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session


def test_a_confirmed_member_signs_in_with_email_and_password(client, member, password):
    response = client.post(
        reverse("account_login"), {"login": member.user.email, "password": password}
    )

    assert response.status_code == HTTPStatus.FOUND
    assert client.session["_auth_user_id"] == str(member.user.pk)


def test_signing_up_with_a_taken_address_looks_the_same_as_a_new_one(client, member):
    taken = client.post(reverse("account_signup"), {**SIGNUP, "email": member.user.email})
    fresh = client.post(reverse("account_signup"), SIGNUP)

    assert taken.status_code == fresh.status_code == HTTPStatus.FOUND
    assert taken.url == fresh.url
    assert Profile.objects.filter(user__email=member.user.email).count() == 1


def test_password_reset_answers_the_same_for_unknown_addresses(client, member):
    known = client.post(reverse("account_reset_password"), {"email": member.user.email})
    unknown = client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})

    assert known.status_code == unknown.status_code == HTTPStatus.FOUND
    assert known.url == unknown.url


def test_filling_the_honeypot_pretends_success_but_creates_nothing(client):
    response = client.post(reverse("account_signup"), {**SIGNUP, "website": "http://spam"})

    assert response.status_code == HTTPStatus.FOUND
    assert not get_user_model().objects.filter(email=SIGNUP["email"]).exists()
    assert mail.outbox == []


def test_the_sign_up_page_uses_the_site_layout_and_hides_the_honeypot(client):
    response = client.get(reverse("account_signup"))

    html = response.content.decode()
    assert '<html lang="en-GB">' in html
    assert "Join the network" in html
    assert 'class="honeypot" aria-hidden="true"' in html


def test_a_sign_up_with_errors_shows_the_error_summary(client):
    response = client.post(reverse("account_signup"), {**SIGNUP, "password2": "different"})

    assert response.status_code == HTTPStatus.OK
    assert "There is a problem" in response.content.decode()


def test_repeated_failed_sign_ins_are_rate_limited(client, member):
    attempts = [
        client.post(reverse("account_login"), {"login": member.user.email, "password": "wrong"})
        for _ in range(6)
    ]

    assert attempts[-1].status_code == HTTPStatus.TOO_MANY_REQUESTS or (
        "Too many failed" in attempts[-1].content.decode()
    )


def test_the_wagtail_admin_signs_in_through_allauth(client):
    response = client.get("/admin/login/?next=/admin/")

    assert response.status_code == HTTPStatus.FOUND
    assert response.url == f"{reverse('account_login')}?next=/admin/"


def test_signing_in_greets_the_member_by_profile_name_not_username(client, member, password):
    response = client.post(
        f"{reverse('account_login')}?next={reverse('members:edit')}",
        {"login": member.user.email, "password": password},
        follow=True,
    )

    html = response.content.decode()
    assert f"Successfully signed in as {member.display_name}" in html
    assert member.user.username not in html
