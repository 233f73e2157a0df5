"""Leaving: RFC 8058 one-click unsubscribe without session or CSRF, a page with one
button for people, managing topics, bounces and complaints from the provider's webhook,
and members' data download and account deletion."""

import hashlib
from http import HTTPStatus
from urllib.parse import urlsplit

from django.core import mail, signing
from django.test import Client
from django.urls import reverse

import pytest
from anymail.signals import AnymailTrackingEvent, tracking
from bs4 import BeautifulSoup

from members.yourdata import delete_account, member_data
from newsletter import emails, subscribing, tokens
from newsletter.models import Consent, Frequency, Subscriber, Subscription
from tests.factories.members import ProfileFactory

from .conftest import signed_ago

pytestmark = pytest.mark.django_db


def unsubscribe_path(subscriber) -> str:
    return urlsplit(emails.leaving_urls(subscriber)[0]).path


def test_every_email_carries_the_list_unsubscribe_headers(subscribe, settings):
    settings.NEWSLETTER_UNSUBSCRIBE_MAILTO = "leave@example.org"

    subscriber = subscribe("reader@example.org")

    headers = mail.outbox[0].extra_headers
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    https, mailto = headers["List-Unsubscribe"].split(", ")
    assert https == f"<{emails.leaving_urls(subscriber)[0]}>"
    assert mailto.startswith("<mailto:leave@example.org?subject=unsubscribe")
    assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in str(mail.outbox[0].message())


def test_a_one_click_post_unsubscribes_at_once_without_session_or_csrf(confirmed):
    subscriber = confirmed(topics=["", "theme=governance"])
    strict = Client(enforce_csrf_checks=True)

    response = strict.post(
        unsubscribe_path(subscriber),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == HTTPStatus.OK
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    assert subscriber.ended_reason == "The subscriber unsubscribed."
    assert not Subscription.objects.exists()
    consent = Consent.objects.get()
    assert consent.withdrawn_at is not None
    assert consent.withdrawn_reason == "The subscriber unsubscribed."


def test_following_the_unsubscribe_link_shows_a_button_and_changes_nothing(client, confirmed):
    subscriber = confirmed()

    response = client.get(unsubscribe_path(subscriber))

    page = BeautifulSoup(response.content, "html.parser")
    assert response.status_code == HTTPStatus.OK
    assert page.select_one("main form button").get_text(strip=True) == "Unsubscribe"
    assert page.find("a", string="change your topics or how often we email you")
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED


def test_an_unsubscribe_token_is_good_for_months_and_a_tampered_one_is_refused(client, confirmed):
    subscriber = confirmed()
    path = unsubscribe_path(subscriber)

    assert tokens.MANAGE_MAX_AGE >= 180 * 24 * 3600
    assert client.get(path).status_code == HTTPStatus.OK
    assert client.get(path[:-5] + "x/").status_code == HTTPStatus.BAD_REQUEST


def test_tokens_are_djangos_so_links_already_sent_keep_working(client, confirmed, settings):
    subscriber = confirmed()
    address = hashlib.sha256(subscriber.email.encode()).hexdigest()[:16]
    # A link as every earlier email carried it, signed by `signing.dumps` itself.
    old = signing.dumps([subscriber.pk, address], salt=tokens.MANAGE)

    new = tokens.make(subscriber, tokens.MANAGE)

    # The same payload, and the signature Django computes for it and its timestamp.
    value, timestamp, signature = new.split(":")
    assert value == old.split(":")[0]
    django = signing.TimestampSigner(salt=tokens.MANAGE)
    assert signature == django.signature(f"{value}:{timestamp}")
    assert signing.loads(new, salt=tokens.MANAGE) == [subscriber.pk, address]
    assert tokens.read(old, tokens.MANAGE) == subscriber
    assert client.get(f"/newsletter/unsubscribe/{old}/").status_code == HTTPStatus.OK
    # A token signed for one purpose is refused for another, and a new key refuses it.
    assert tokens.read(old, tokens.CONFIRM) is None
    settings.SECRET_KEY = "another-key-entirely"
    assert tokens.read(old, tokens.MANAGE) is None
    assert tokens.read(tokens.make(subscriber, tokens.MANAGE), tokens.MANAGE) == subscriber


def test_an_unsubscribe_link_past_its_year_is_the_bad_link_page_and_changes_nothing(
    client, confirmed
):
    subscriber = confirmed()
    fresh = signed_ago(tokens.MANAGE_MAX_AGE - 3600, lambda: tokens.make(subscriber, tokens.MANAGE))
    stale = signed_ago(tokens.MANAGE_MAX_AGE + 60, lambda: tokens.make(subscriber, tokens.MANAGE))

    assert client.get(f"/newsletter/unsubscribe/{fresh}/").status_code == HTTPStatus.OK
    for answer in (
        client.get(f"/newsletter/unsubscribe/{stale}/"),
        client.post(f"/newsletter/unsubscribe/{stale}/"),
        client.get(f"/newsletter/manage/{stale}/"),
    ):
        assert answer.status_code == HTTPStatus.BAD_REQUEST
        assert "This link does not work" in answer.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED


@pytest.mark.parametrize("token", ["x", "a:b", "a:b:c:d", "W10:1abcde:" + "A" * 43, "%C3%A9"])
def test_a_malformed_leaving_token_is_the_bad_link_page(client, token):
    answer = client.get(f"/newsletter/unsubscribe/{token}/")

    assert answer.status_code == HTTPStatus.BAD_REQUEST
    assert "This link does not work" in answer.content.decode()


def test_the_leaving_links_are_what_reverse_gives_for_their_token(confirmed, settings):
    settings.SITE_BASE_URL = "https://token.example"
    subscriber = confirmed()

    unsubscribe, manage = emails.leaving_urls(subscriber)

    token = unsubscribe.rstrip("/").rsplit("/", 1)[1]
    assert unsubscribe == emails.absolute(reverse("newsletter:unsubscribe", args=[token]))
    assert manage == emails.absolute(reverse("newsletter:manage", args=[token]))
    assert tokens.read(token, tokens.MANAGE) == subscriber


def test_the_manage_page_changes_how_often_and_removes_a_topic(client, confirmed):
    subscriber = confirmed(topics=["", "theme=governance"], frequency=Frequency.DAILY)
    manage = unsubscribe_path(subscriber).replace("/unsubscribe/", "/manage/")
    everything = subscriber.subscriptions.get(topic="")
    governance = subscriber.subscriptions.get(topic="theme=governance")

    page = client.get(manage)
    assert "Theme: Governance" in page.content.decode()
    client.post(manage, {"subscription": everything.pk, f"s{everything.pk}-frequency": "weekly"})
    client.post(manage, {"subscription": governance.pk, "remove": "1"})

    assert list(subscriber.subscriptions.values_list("topic", "frequency")) == [
        ("", Frequency.WEEKLY)
    ]


def track(event_type, recipient="reader@example.org", description=""):
    event = AnymailTrackingEvent(
        event_type=event_type, recipient=recipient, description=description
    )
    tracking.send(sender=object, event=event, esp_name="TestProvider")


@pytest.mark.parametrize("event_type", ["bounced", "complained"])
def test_a_permanent_bounce_or_complaint_ends_every_subscription(confirmed, event_type):
    subscriber = confirmed(topics=["", "region=london"])

    track(event_type, recipient="READER@example.org", description="550 no such user")

    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.BOUNCED
    assert "TestProvider: 550 no such user" in subscriber.ended_reason
    assert not subscriber.subscriptions.exists()
    assert subscriber.consents.get().withdrawn_reason == subscriber.ended_reason


def test_a_temporary_bounce_is_counted_and_ends_nothing(confirmed):
    subscriber = confirmed()

    track("deferred")
    track("deferred")

    subscriber.refresh_from_db()
    assert subscriber.temporary_bounces == 2
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.subscriptions.exists()


def test_events_for_unknown_addresses_are_ignored(confirmed):
    subscriber = confirmed()

    track("bounced", recipient="stranger@example.org")

    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED


def test_a_members_data_download_includes_their_email_alerts(db):
    profile = ProfileFactory()
    subscribing.subscribe_member(
        profile.user, profile.user.email, ["theme=governance"], "weekly", form="f", wording="w"
    )

    data = member_data(profile.user)["newsletter"]

    assert data[0]["email"] == profile.user.email
    assert data[0]["topics"] == [
        {"topic": "Theme: Governance", "search": "theme=governance", "frequency": "weekly"}
    ]
    assert data[0]["consents"][0]["wording"] == "w"


def test_deleting_an_account_ends_its_subscriptions_and_keeps_the_consent_record(db):
    profile = ProfileFactory()
    subscriber = subscribing.subscribe_member(
        profile.user, profile.user.email, [""], "daily", form="f", wording="w"
    )

    delete_account(profile.user)

    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    assert subscriber.user is None
    assert not subscriber.subscriptions.exists()
    assert subscriber.consents.get().withdrawn_reason == "The member deleted their account."
