"""Consent is per topic: a topic someone else put on an address is never confirmed by
its owner confirming their own; their words reach emails and pages only as a quoted,
capped label; bounced addresses are not re-mailed by the public form; one address is
one subscriber however it is typed; a confirm link is spent once used and cannot undo
an unsubscribe."""

from http import HTTPStatus
from urllib.parse import urlencode, urlsplit

from django.core import mail, signing

import pytest

from newsletter import emails, leaving, tokens, topics
from newsletter.models import Frequency, Subscriber, Subscription
from tests.factories.members import PASSWORD, ProfileFactory

from .conftest import links_in, signed_ago

pytestmark = pytest.mark.django_db

VICTIM = "victim@example.org"
THEME = "theme=governance"
LURE = (
    "Urgent: your account is locked, call 0800 123 456 or visit "
    "https://evil.example/login to keep your \u2019membership\u2019 of the network active"
)


def plant(client, email=VICTIM, query=LURE):
    """What the attacker does: an anonymous alert for their words on someone's address."""
    url = f"/newsletter/subscribe/?{urlencode({'q': query})}"
    return client.post(url, {"email": email, "frequency": "immediately"})


def post_newsletter(client, email=VICTIM, topic=THEME):
    return client.post(
        "/newsletter/", {"email": email, "frequency": "weekly", "topic_theme": [topic]}
    )


def planted() -> Subscription:
    return Subscription.objects.exclude(topic=THEME).get()


def test_confirming_ones_own_topic_leaves_a_topic_someone_else_added_waiting(committing):
    plant(committing)
    post_newsletter(committing)

    confirm = links_in(mail.outbox[-1])["confirm"]
    answer = committing.post(confirm)

    assert answer.status_code == HTTPStatus.OK
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.subscriptions.get(topic=THEME).confirmed_at is not None
    assert planted().confirmed_at is None


def test_the_victims_email_and_confirm_page_name_only_their_own_topic(committing):
    plant(committing)
    post_newsletter(committing)

    email = mail.outbox[-1]
    page = committing.get(links_in(email)["confirm"]).content.decode()

    for text in (email.body, page):
        assert "Theme: Governance" in text
        assert "Urgent" not in text


def test_a_signed_in_member_subscribing_leaves_a_topic_someone_else_added_waiting(
    client, committing
):
    profile = ProfileFactory()
    plant(committing, email=profile.user.email)
    client.login(username=profile.user.username, password=PASSWORD)

    client.post(f"/newsletter/subscribe/?{THEME}", {"frequency": "weekly"})

    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.subscriptions.get(topic=THEME).confirmed_at is not None
    assert planted().confirmed_at is None


def test_the_attackers_words_reach_the_email_only_inside_the_quoted_capped_label(committing):
    plant(committing)

    body = mail.outbox[-1].body
    label = topics.label(planted().topic)
    assert label.startswith("Search: \u2018Urgent: your account is locked")
    assert label.endswith("\u2026\u2019") and len(label) <= len("Search: \u2018\u2019") + 81
    assert f"- {label}\n" in body
    assert body.count("Urgent") == 1
    assert "evil.example" not in body


def test_a_topic_label_drops_links_and_quotation_marks_that_could_close_its_own():
    label = topics.label(
        topics.normalise("q=see www.evil.example or mail x@evil.example \u2019 now")
    )

    assert label == "Search: \u2018see or mail ' now\u2019"


def test_a_label_keeps_short_queries_whole_and_names_facets_by_their_labels():
    label = topics.label(topics.normalise("q=co-operative commissioning&theme=governance"))

    assert label == "Search: \u2018co-operative commissioning\u2019; Theme: Governance"
    assert topics.label(THEME) == "Theme: Governance"
    assert topics.label("") == "Everything new"


def test_the_manage_page_shows_the_capped_label_not_the_words_as_typed(client, confirmed):
    subscriber = confirmed(topics=[topics.normalise(urlencode({"q": LURE}))])
    manage = urlsplit(emails.leaving_urls(subscriber)[1]).path

    page = client.get(manage).content.decode()

    assert "Search: \u2018Urgent: your account is locked" in page
    assert "evil.example" not in page and "membership" not in page


def test_a_bounced_address_subscribing_anonymously_gets_no_email_and_stays_bounced(
    committing, confirmed
):
    subscriber = confirmed(VICTIM, topics=[THEME])
    leaving.end(subscriber, "The address bounced permanently.", Subscriber.Status.BOUNCED)

    answer = post_newsletter(committing, topic="theme=leadership")

    assert (answer.status_code, answer["Location"]) == (
        HTTPStatus.FOUND,
        "/newsletter/check-your-email/",
    )
    assert mail.outbox == []
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.BOUNCED
    assert not subscriber.subscriptions.exists()


def test_a_bounced_member_comes_back_by_subscribing_signed_in(client, confirmed):
    profile = ProfileFactory()
    subscriber = confirmed(profile.user.email, topics=[THEME])
    leaving.end(subscriber, "The address bounced permanently.", Subscriber.Status.BOUNCED)
    client.login(username=profile.user.username, password=PASSWORD)

    client.post(f"/newsletter/subscribe/?{THEME}", {"frequency": "weekly"})

    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.subscriptions.get().confirmed_at is not None


def test_a_quoted_local_part_and_a_capitalised_address_are_one_subscriber(committing):
    post_newsletter(committing, email='"fz"@probe.test')
    post_newsletter(committing, email="FZ@Probe.test", topic="theme=leadership")

    subscriber = Subscriber.objects.get()
    assert subscriber.email == "fz@probe.test"
    assert subscriber.subscriptions.count() == 2
    assert Subscriber.objects.with_address('  "FZ"@PROBE.TEST ').get() == subscriber


def test_a_bounce_for_the_address_typed_another_way_ends_its_subscriber(confirmed):
    subscriber = confirmed('"fz"@probe.test', topics=[THEME])

    leaving.on_tracking(None, event=BounceFor("FZ@PROBE.TEST"), esp_name="Test")

    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.BOUNCED


class BounceFor:
    """The few fields of an anymail tracking event that `on_tracking` reads."""

    event_type = "bounced"
    description = ""

    def __init__(self, recipient):
        self.recipient = recipient


def test_an_old_confirm_link_after_unsubscribing_leaves_the_subscriber_unsubscribed(
    committing,
):
    post_newsletter(committing)
    confirm = links_in(mail.outbox[-1])["confirm"]
    committing.post(confirm)
    leaving.end(Subscriber.objects.get(), "The subscriber unsubscribed.")

    answer = committing.post(confirm)

    assert answer.status_code == HTTPStatus.BAD_REQUEST
    assert b"This link does not work" in answer.content
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    assert not subscriber.subscriptions.exists()


def test_after_unsubscribing_only_the_new_link_confirms_a_new_subscription(committing):
    post_newsletter(committing)
    old = links_in(mail.outbox[-1])["confirm"]
    leaving.end(Subscriber.objects.get(), "The subscriber unsubscribed.")
    post_newsletter(committing)
    new = links_in(mail.outbox[-1])["confirm"]

    assert committing.post(old).status_code == HTTPStatus.BAD_REQUEST
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING
    assert committing.post(new).status_code == HTTPStatus.OK
    assert Subscriber.objects.get().status == Subscriber.Status.CONFIRMED


def test_a_confirm_link_used_twice_does_nothing_the_second_time(committing):
    post_newsletter(committing)
    confirm = links_in(mail.outbox[-1])["confirm"]
    committing.post(confirm)
    first = Subscription.objects.get().confirmed_at

    again = committing.post(confirm)

    assert again.status_code == HTTPStatus.BAD_REQUEST
    assert committing.get(confirm).status_code == HTTPStatus.BAD_REQUEST
    assert Subscription.objects.get().confirmed_at == first


def test_a_confirmation_link_past_its_week_is_a_clear_page_and_confirms_nothing(client, subscribe):
    subscriber = subscribe(VICTIM, [THEME], Frequency.WEEKLY)
    waiting = [subscriber.subscriptions.get().pk]
    old = signed_ago(
        tokens.CONFIRM_MAX_AGE + 60, lambda: tokens.make_confirmation(subscriber, waiting, [])
    )

    answer = client.post(f"/newsletter/confirm/{old}/")

    assert answer.status_code == HTTPStatus.BAD_REQUEST
    assert "This link does not work" in answer.content.decode()
    assert Subscription.objects.get().confirmed_at is None


def test_a_confirmation_link_made_before_links_named_their_topics_is_a_clear_page(
    client, subscribe
):
    subscriber = subscribe(VICTIM, [THEME], Frequency.WEEKLY)
    old = signing.dumps([subscriber.pk, tokens._address(subscriber)], salt=tokens.CONFIRM)

    answer = client.post(f"/newsletter/confirm/{old}/")

    assert answer.status_code == HTTPStatus.BAD_REQUEST
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING
