"""Subscribing: double opt-in with one button, the same answer for every address, the
day's limits, a honeypot, consent records, and members who need no second email."""

from http import HTTPStatus

from django.core import mail

from wagtail.models import Site

import pytest
from bs4 import BeautifulSoup

from newsletter.models import Consent, Frequency, Subscriber, Subscription
from tests.factories.members import PASSWORD, ProfileFactory

from .conftest import links_in

pytestmark = pytest.mark.django_db

THEME = "theme=governance"


def post_newsletter(client, email, **extra):
    """Post the /newsletter/ form (`client` is the `committing` fixture)."""
    data = {"email": email, "frequency": "weekly", "topic_theme": [THEME], **extra}
    return client.post("/newsletter/", data)


def test_the_newsletter_page_offers_ready_made_topics_and_frequencies(client):
    response = client.get("/newsletter/")

    page = BeautifulSoup(response.content, "html.parser")
    assert response.status_code == HTTPStatus.OK
    assert page.find("input", attrs={"name": "topic_theme", "value": THEME})
    assert page.find("input", attrs={"name": "topic_region", "value": "region=london"})
    assert page.find("input", attrs={"name": "everything"})
    frequencies = {i["value"] for i in page.find_all("input", attrs={"name": "frequency"})}
    assert frequencies == {"immediately", "daily", "weekly"}


def test_subscribing_sends_one_confirmation_email_with_the_unsubscribe_headers(committing):
    with_commit = committing.post(
        "/newsletter/",
        {"email": "new@example.org", "frequency": "weekly", "topic_theme": [THEME]},
    )

    assert with_commit.status_code == HTTPStatus.FOUND
    assert with_commit["Location"] == "/newsletter/check-your-email/"
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["new@example.org"]
    assert "confirm" in links_in(email)
    assert "Theme: Governance" in email.body
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    subscription = Subscription.objects.get()
    assert (subscription.topic, subscription.frequency) == (THEME, Frequency.WEEKLY)
    assert subscription.confirmed_at is None


def test_the_confirmation_subject_speaks_in_the_name_the_editors_gave_the_site(committing):
    Site.objects.filter(is_default_site=True).update(site_name="Quince Commissioners")

    post_newsletter(committing, "new@example.org", topic_theme=[THEME])

    assert mail.outbox[0].subject == "Confirm your email alerts from Quince Commissioners"


def test_following_the_link_confirms_nothing_until_the_button_is_pressed(committing):
    post_newsletter(committing, "new@example.org", topic_theme=[THEME])
    link = links_in(mail.outbox[0])["confirm"]

    page = committing.get(link)
    assert page.status_code == HTTPStatus.OK
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING
    assert len(BeautifulSoup(page.content, "html.parser").select("main form button")) == 1

    committing.post(link)
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.subscriptions.get().confirmed_at is not None
    assert subscriber.consents.get().confirmed_at is not None


def test_a_forged_confirmation_link_is_a_clear_page_not_an_error(client):
    response = client.get("/newsletter/confirm/not-a-token/")

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert b"This link does not work" in response.content


def test_the_answer_is_the_same_for_new_pending_and_confirmed_addresses(committing, confirmed):
    confirmed("known@example.org", topics=[THEME])
    post_newsletter(committing, "waiting@example.org", topic_theme=[THEME])

    answers = [
        post_newsletter(committing, email, topic_theme=[THEME])
        for email in ("fresh@example.org", "waiting@example.org", "known@example.org")
    ]

    assert {(a.status_code, a["Location"]) for a in answers} == {
        (HTTPStatus.FOUND, "/newsletter/check-your-email/")
    }


def test_a_re_subscribe_never_resets_a_confirmed_status(committing, confirmed):
    subscriber = confirmed("known@example.org", topics=[THEME], frequency=Frequency.DAILY)

    post_newsletter(committing, "known@example.org", topic_region=["region=london"])

    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    governance = subscriber.subscriptions.get(topic=THEME)
    assert governance.confirmed_at is not None and governance.frequency == Frequency.DAILY
    assert subscriber.subscriptions.get(topic="region=london").confirmed_at is None
    assert "Your other alerts carry on as before." in mail.outbox[-1].body


def test_at_most_three_confirmation_emails_go_to_one_address_a_day(committing):
    for _ in range(5):
        post_newsletter(committing, "Same@example.org", topic_theme=[THEME])

    assert len(mail.outbox) == 3


def test_at_most_three_confirmation_emails_go_from_one_client_a_day(committing):
    for n in range(5):
        post_newsletter(committing, f"person{n}@example.org", topic_theme=[THEME])

    assert len(mail.outbox) == 3
    assert Subscriber.objects.count() == 5


def test_the_honeypot_gets_the_same_answer_and_nothing_is_kept_or_sent(committing):
    response = post_newsletter(committing, "bot@example.org", website="https://spam.example")

    assert response["Location"] == "/newsletter/check-your-email/"
    assert mail.outbox == []
    assert not Subscriber.objects.exists()


def test_a_form_without_a_topic_or_the_newsletter_says_what_to_do(client):
    response = client.post("/newsletter/", {"email": "a@example.org", "frequency": "daily"})

    assert response.status_code == HTTPStatus.OK
    assert (
        "Choose at least one topic, everything new, or the editors\u2019 newsletter."
        in response.content.decode()
    )
    assert not Subscriber.objects.exists()


def test_consent_records_the_form_and_the_words_shown(client):
    post_newsletter(client, "new@example.org", topic_theme=[THEME])

    consent = Consent.objects.get()
    assert consent.form == "newsletter page"
    assert "unsubscribe at once" in consent.wording


def test_every_search_page_offers_alerts_for_that_search(client, settings):
    settings.ELASTICSEARCH_URL = ""
    page = BeautifulSoup(
        client.get("/search/?q=co-operative&theme=governance&page=2&sort=newest").content,
        "html.parser",
    )

    alerts = page.find("a", string="Get email alerts for this search")
    assert alerts["href"] == "/newsletter/subscribe/?q=co-operative&theme=governance"
    feed = page.find("link", attrs={"type": "application/atom+xml"})
    assert feed["href"] == "/search/feed/?q=co-operative&theme=governance"


def test_alerts_for_a_search_keep_its_normalised_topic(committing):
    url = "/newsletter/subscribe/?theme=leadership&theme=governance&q=co-operative&nope=1"
    page = committing.get(url)
    assert "\u2018co-operative\u2019; Theme: Governance or Leadership" in page.content.decode()

    committing.post(url, {"email": "new@example.org", "frequency": "immediately"})

    subscription = Subscription.objects.get()
    assert subscription.topic == "q=co-operative&theme=governance&theme=leadership"
    assert subscription.frequency == Frequency.IMMEDIATELY


def test_a_signed_in_member_subscribes_with_their_address_and_no_email(client):
    profile = ProfileFactory()
    client.login(username=profile.user.username, password=PASSWORD)

    response = client.post("/newsletter/subscribe/?region=london", {"frequency": "weekly"})

    assert response.status_code == HTTPStatus.OK
    assert b"You are subscribed" in response.content
    assert mail.outbox == []
    subscriber = Subscriber.objects.get()
    assert subscriber.email == profile.user.email and subscriber.user == profile.user
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.subscriptions.get().confirmed_at is not None
