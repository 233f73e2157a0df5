"""Fixtures for the newsletter: subscribers made through the real flows, the links of
the emails in the locmem outbox, tokens dated in the past, and digests run as cron runs
them."""

import re
import time

from django.core import mail, signing

import pytest

from newsletter import subscribing, tokens
from newsletter.models import Frequency, Subscriber

LINK = re.compile(r"https?://\S+/newsletter/(confirm|unsubscribe|manage)/([^/\s]+)/")


def links_in(message) -> dict[str, str]:
    """{"confirm": path, ...}: the newsletter links in an email's plain-text part."""
    return {kind: f"/newsletter/{kind}/{token}/" for kind, token in LINK.findall(message.body)}


def signed_ago(seconds: int, make):
    """The token `make()` signs, dated `seconds` ago, as a link in an old email is."""
    with pytest.MonkeyPatch.context() as patch:
        then = int(time.time()) - seconds
        patch.setattr(signing.TimestampSigner, "timestamp", lambda self: signing.b62_encode(then))
        return make()


@pytest.fixture
def subscribe(db, django_capture_on_commit_callbacks):
    """`subscribe(email, topics, frequency)` as the public form does, emails sent;
    `newsletter=True` ticks the editors' newsletter too."""

    def _subscribe(
        email, topics=("",), frequency=Frequency.DAILY, client_ip="192.0.2.1", newsletter=False
    ):
        with django_capture_on_commit_callbacks(execute=True):
            subscribing.subscribe(
                email,
                list(topics),
                frequency,
                form="test",
                wording="We will email you.",
                client_ip=client_ip,
                newsletter_wording="Send me the newsletter." if newsletter else None,
            )
        return Subscriber.objects.with_address(email).get()

    return _subscribe


@pytest.fixture
def confirmed(subscribe):
    """A confirmed subscriber with the given topics, confirmed as their email's link
    would (built here, as the day's limits may have held the email back), the outbox
    emptied."""

    def _confirmed(
        email="reader@example.org", topics=("",), frequency=Frequency.DAILY, newsletter=False
    ):
        subscriber = subscribe(email, topics, frequency, newsletter=newsletter)
        waiting = subscriber.subscriptions.filter(topic__in=topics, confirmed_at=None)
        consents = subscriber.consents.filter(confirmed_at=None, withdrawn_at=None)
        link = tokens.Confirmation(
            subscriber, tuple(s.pk for s in waiting), tuple(c.pk for c in consents)
        )
        subscribing.confirm(link)
        mail.outbox.clear()
        subscriber.refresh_from_db()
        return subscriber

    return _confirmed


@pytest.fixture
def committing(client, django_capture_on_commit_callbacks):
    """`committing.post(url, data)`: the test client, running what waits for the commit
    (the confirmation email), as a real request would."""

    class _Client:
        def post(self, *args, **kwargs):
            with django_capture_on_commit_callbacks(execute=True):
                return client.post(*args, **kwargs)

        def get(self, *args, **kwargs):
            return client.get(*args, **kwargs)

    return _Client()
