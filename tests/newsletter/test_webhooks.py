"""django-anymail's tracking webhooks are wired at /newsletter/webhooks/<provider>/
tracking/: a provider's bounce ends the subscriptions, and a request without the
basic-auth secret changes nothing."""

import base64
import json
from http import HTTPStatus

import pytest

from newsletter.models import Subscriber

pytestmark = pytest.mark.django_db
URL = "/newsletter/webhooks/postmark/tracking/"
BOUNCE = {
    "RecordType": "Bounce",
    "ID": 42,
    "Type": "HardBounce",
    "TypeCode": 1,
    "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483",
    "Description": "The server was unable to deliver your message.",
    "Email": "reader@example.org",
    "BouncedAt": "2026-12-01T10:00:00Z",
}


def _post(client, secret=None):
    headers = {}
    if secret:
        headers["HTTP_AUTHORIZATION"] = "Basic " + base64.b64encode(secret.encode()).decode()
    return client.post(URL, json.dumps(BOUNCE), content_type="application/json", **headers)


def test_a_providers_bounce_through_the_webhook_ends_every_subscription(client, confirmed):
    subscriber = confirmed("reader@example.org", topics=["", "theme=governance"])

    response = _post(client, "provider:test-only-secret")

    subscriber.refresh_from_db()
    assert response.status_code == HTTPStatus.OK
    assert subscriber.status == Subscriber.Status.BOUNCED
    assert subscriber.subscriptions.count() == 0
    assert "(Postmark: The server was unable to deliver" in subscriber.ended_reason


@pytest.mark.parametrize("secret", [None, "provider:wrong"])
def test_the_webhook_refuses_a_request_without_the_secret(client, confirmed, secret):
    subscriber = confirmed("reader@example.org")

    response = _post(client, secret)

    subscriber.refresh_from_db()
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert subscriber.status == Subscriber.Status.CONFIRMED
