"""The editors' newsletter is a consent apart from alerts: unticked by default, recorded
with its own words, confirmed only by the link of the request that ticked it, and sent
only to those who chose it; it can be chosen alone, and turned off on the manage page."""

from http import HTTPStatus
from urllib.parse import urlsplit

from django.core import mail, signing

import pytest
from bs4 import BeautifulSoup

from newsletter import emails, leaving, tokens
from newsletter.issue_sending import audience
from newsletter.models import Consent, Subscriber
from tests.factories.members import PASSWORD, ProfileFactory

from .conftest import links_in

pytestmark = pytest.mark.django_db

THEME = "theme=governance"


def post(client, email="reader@example.org", **extra):
    return client.post("/newsletter/", {"email": email, "frequency": "weekly", **extra})


def readers() -> list[str]:
    return [s.email for s in audience([])]


def manage_path(subscriber) -> str:
    return urlsplit(emails.leaving_urls(subscriber)[1]).path


@pytest.mark.parametrize("url", ["/newsletter/", f"/newsletter/subscribe/?{THEME}"])
def test_both_subscription_pages_offer_the_newsletter_unticked(client, url):
    page = BeautifulSoup(client.get(url).content, "html.parser")

    box = page.find("input", attrs={"name": "newsletter"})
    assert box["type"] == "checkbox" and not box.has_attr("checked")
    label = page.find("label", attrs={"for": box["id"]}).get_text()
    assert label == "Also send me the editors\u2019 newsletter (about once a month)"


def test_an_alert_only_subscriber_is_not_sent_the_editors_newsletter(confirmed):
    confirmed("alerts@example.org", topics=[THEME])
    confirmed("both@example.org", topics=[THEME], newsletter=True)

    assert readers() == ["both@example.org"]


def test_the_newsletter_alone_needs_no_topic_and_its_link_makes_a_reader(committing):
    answer = post(committing, newsletter="on")

    assert answer["Location"] == "/newsletter/check-your-email/"
    body = mail.outbox[-1].body
    assert "- The editors' newsletter, about once a month" in body
    committing.post(links_in(mail.outbox[-1])["confirm"])
    subscriber = Subscriber.objects.get()
    assert readers() == ["reader@example.org"]
    assert not subscriber.subscriptions.exists()
    (consent,) = subscriber.consents.all()
    assert consent.purpose == Consent.Purpose.NEWSLETTER and consent.confirmed_at
    assert consent.wording.startswith("Also send me the editors\u2019 newsletter")


def test_ticking_both_records_two_consents_each_with_its_own_words(committing):
    post(committing, topic_theme=[THEME], newsletter="on")
    committing.post(links_in(mail.outbox[-1])["confirm"])

    consents = {c.purpose: c for c in Subscriber.objects.get().consents.all()}
    assert set(consents) == {Consent.Purpose.ALERTS, Consent.Purpose.NEWSLETTER}
    assert all(c.confirmed_at for c in consents.values())
    assert "newsletter" not in consents[Consent.Purpose.ALERTS].wording
    assert "newsletter" in consents[Consent.Purpose.NEWSLETTER].wording
    assert readers() == ["reader@example.org"]


def test_a_newsletter_someone_else_ticked_is_not_confirmed_by_the_owners_own_link(committing):
    post(committing, newsletter="on")  # someone else, on the owner's address
    post(committing, topic_theme=[THEME])  # the owner, alerts only

    committing.post(links_in(mail.outbox[-1])["confirm"])

    subscriber = Subscriber.objects.get()
    assert subscriber.subscriptions.get().confirmed_at is not None
    assert not subscriber.newsletter and readers() == []


def test_the_manage_page_turns_the_newsletter_off_and_on_again(client, confirmed):
    subscriber = confirmed(topics=[THEME], newsletter=True)
    page = BeautifulSoup(client.get(manage_path(subscriber)).content, "html.parser")
    assert page.find("input", attrs={"name": "newsletter"}).has_attr("checked")

    client.post(manage_path(subscriber), {"newsletter_choice": "1"})

    assert readers() == []
    newsletter = subscriber.consents.get(purpose=Consent.Purpose.NEWSLETTER)
    assert newsletter.withdrawn_reason == "The subscriber turned the newsletter off."
    assert subscriber.subscriptions.get().confirmed_at is not None

    client.post(manage_path(subscriber), {"newsletter_choice": "1", "newsletter": "on"})

    assert readers() == ["reader@example.org"]
    assert subscriber.consents.filter(purpose="newsletter", withdrawn_at=None).count() == 1


def test_a_signed_in_members_newsletter_choice_applies_at_once(client):
    profile = ProfileFactory()
    client.login(username=profile.user.username, password=PASSWORD)

    answer = client.post("/newsletter/", {"frequency": "weekly", "newsletter": "on"})

    assert answer.status_code == HTTPStatus.OK and b"You are subscribed" in answer.content
    assert mail.outbox == []
    assert readers() == [profile.user.email]


def test_unsubscribing_ends_the_newsletter_and_a_later_alert_does_not_bring_it_back(
    committing, confirmed
):
    subscriber = confirmed(topics=[THEME], newsletter=True)
    leaving.end(subscriber, "The subscriber unsubscribed.")

    post(committing, topic_theme=[THEME])
    committing.post(links_in(mail.outbox[-1])["confirm"])

    assert Subscriber.objects.get().status == Subscriber.Status.CONFIRMED
    assert readers() == []


def test_a_confirmation_link_sent_before_the_newsletter_was_apart_still_confirms(client, subscribe):
    subscriber = subscribe("reader@example.org", [THEME])
    topic, consent = subscriber.subscriptions.get(), subscriber.consents.get()
    payload = [subscriber.pk, tokens._address(subscriber), [topic.pk], consent.pk]
    old = signing.dumps(payload, salt=tokens.CONFIRM)

    answer = client.post(f"/newsletter/confirm/{old}/")

    assert answer.status_code == HTTPStatus.OK
    assert Subscriber.objects.get().status == Subscriber.Status.CONFIRMED
