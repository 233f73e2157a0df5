"""Every email the accounts send speaks in the site's name, links to SITE_BASE_URL (never
to the host the request came in on) and has a plain text and an HTML part in the site's
layout."""

import re

from django.core import mail
from django.test import RequestFactory, override_settings
from django.urls import reverse

from wagtail.models import Site

import pytest
from allauth.account.adapter import get_adapter

from casestudies.site_tree import ensure_site_tree
from tests.support.links import named_links

pytestmark = pytest.mark.django_db

BASE = "https://svn.example.org"
REQUEST_HOST = "localhost:8100"


@pytest.fixture(autouse=True)
def _site():
    with override_settings(SITE_BASE_URL=BASE, ALLOWED_HOSTS=["localhost"]):
        ensure_site_tree()
        Site.objects.filter(is_default_site=True).update(site_name="Social Value Network")
        yield


def _post(client, url, data):
    return client.post(url, data, SERVER_NAME="localhost", SERVER_PORT="8100")


def _assert_in_the_sites_voice(message):
    html = {mimetype: body for body, mimetype in message.alternatives}["text/html"]
    for part in (message.body, html, message.subject):
        assert REQUEST_HOST not in part
        assert "Hello from" not in part
        assert "Social Value Network" in part
    assert f"{BASE}/" in message.body
    assert f'href="{BASE}/' in html
    return html


def test_the_sign_up_confirmation_email_is_in_the_sites_words(client):
    _post(
        client,
        reverse("account_signup"),
        {
            "display_name": "Priya Shah",
            "email": "priya@example.org",
            "password1": "commissioning-for-value-2026",
            "password2": "commissioning-for-value-2026",
        },
    )

    (message,) = mail.outbox
    html = _assert_in_the_sites_voice(message)
    assert message.subject == "[Social Value Network] Confirm your email address to join"
    assert re.search(rf"{BASE}/accounts/confirm-email/[^\s]+/", message.body)
    assert f'<a href="{BASE}/accounts/confirm-email/' in html
    assert "Thank you for joining the Social Value Network." in message.body


def test_the_password_reset_email_links_to_the_site(client, member):
    _post(client, reverse("account_reset_password"), {"email": member.user.email})

    (message,) = mail.outbox
    _assert_in_the_sites_voice(message)
    assert message.subject == "[Social Value Network] Reset your password"
    assert re.search(rf"{BASE}/accounts/password/reset/key/[^\s]+/", message.body)


def test_a_reset_for_an_unknown_address_says_so_with_a_link_to_join(client):
    _post(client, reverse("account_reset_password"), {"email": "nobody@example.org"})

    (message,) = mail.outbox
    _assert_in_the_sites_voice(message)
    assert f"{BASE}/accounts/signup/" in message.body


def test_joining_with_a_taken_address_emails_its_owner_in_the_sites_words(client, member):
    _post(
        client,
        reverse("account_signup"),
        {
            "display_name": "Someone",
            "email": member.user.email,
            "password1": "commissioning-for-value-2026",
            "password2": "commissioning-for-value-2026",
        },
    )

    (message,) = mail.outbox
    _assert_in_the_sites_voice(message)
    assert message.subject == "[Social Value Network] You already have an account"
    assert f"{BASE}/accounts/password/reset/" in message.body


NOTICES = {
    "account/email/password_changed": "Your password has been changed",
    "account/email/password_set": "A password has been set",
    "account/email/password_reset": "Your password has been reset",
    "account/email/email_changed": "has been changed from old@example.org to new@example.org",
    "account/email/email_confirm": "Your email address has been confirmed",
    "account/email/email_deleted": "old@example.org has been removed",
    "mfa/email/totp_activated": "Two-step sign-in with an authenticator app has been turned on",
    "mfa/email/totp_deactivated": "Two-step sign-in with an authenticator app has been turned off",
    "mfa/email/recovery_codes_generated": "A new set of recovery codes",
}


@pytest.mark.parametrize(("template", "words"), NOTICES.items())
def test_every_security_notice_is_in_the_sites_words(member, template, words):
    request = RequestFactory().get("/", SERVER_NAME="localhost", SERVER_PORT="8100")
    request.user = member.user
    from allauth.core import context

    with context.request_context(request):
        get_adapter(request).send_notification_mail(
            template,
            member.user,
            {
                "from_email": "old@example.org",
                "to_email": "new@example.org",
                "deleted_email": "old@example.org",
            },
        )

    (message,) = mail.outbox
    _assert_in_the_sites_voice(message)
    assert words in message.body
    assert "If it was not, reset your password now" in message.body
    assert f"{BASE}/accounts/password/reset/" in message.body
    assert "{{" not in message.body and "Two-Factor" not in message.body


def test_a_message_from_a_member_comes_in_the_sites_layout(make_member):
    from members.contact import send_contact_message
    from network.home.models import Purpose, StandardPage
    from network.home.trust_pages import ensure_trust_pages

    ensure_trust_pages(ensure_site_tree().home)
    sender, recipient = make_member(display_name="Asha Patel"), make_member()

    send_contact_message(sender.user, recipient, "Could we talk about your framework?", False)

    (message,) = mail.outbox
    html = _assert_in_the_sites_voice(message)
    privacy = f"{BASE}{StandardPage.objects.get(purpose=Purpose.PRIVACY).url}"
    assert f"How we use your information: {privacy}" in message.body
    assert f'href="{privacy}"' in html
    assert "Could we talk about your framework?" in html


def test_a_message_from_a_member_links_by_url_name_to_the_profile_and_the_settings(make_member):
    from members.contact import send_contact_message

    sender, recipient = make_member(display_name="Asha Patel"), make_member()

    send_contact_message(sender.user, recipient, "Could we talk about your framework?", False)

    (message,) = mail.outbox
    assert named_links(message.body, BASE) == {
        "members:profile": BASE + reverse("members:profile", args=[sender.slug]),
        "members:edit": BASE + reverse("members:edit"),
    }


def test_the_newsletter_confirmation_comes_in_the_sites_layout(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _post(
            client,
            "/newsletter/",
            {
                "email": "reader@example.org",
                "topic_theme": ["theme=governance"],
                "frequency": "weekly",
            },
        )

    (message,) = mail.outbox
    html = _assert_in_the_sites_voice(message)
    assert f"{BASE}/newsletter/confirm/" in message.body
    assert f'href="{BASE}/"' in html
