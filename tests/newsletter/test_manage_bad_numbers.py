"""The manage page reads the subscription it changes as a whole number: Unicode digits
and over-long numbers are a 400 with a sentence, and change nothing."""

from http import HTTPStatus

from django.urls import reverse

import pytest

from newsletter import tokens
from newsletter.models import Frequency

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("number", ["²", "٣", "9" * 5000])
def test_a_malformed_subscription_number_is_a_400_with_a_sentence(client, confirmed, number):
    subscriber = confirmed(frequency=Frequency.DAILY)
    manage = reverse("newsletter:manage", args=[tokens.make(subscriber, tokens.MANAGE)])

    response = client.post(manage, {"subscription": number, "remove": "1"})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "subscription must be a whole number" in response.content.decode()
    assert subscriber.subscriptions.count() == 1
