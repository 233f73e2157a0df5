"""Password reset has one way in, allauth's, and it is rate-limited."""

from http import HTTPStatus

from django.core import mail
from django.urls import reverse

import pytest

pytestmark = pytest.mark.django_db


def test_wagtails_own_password_reset_is_not_found_and_sends_no_mail(client, member):
    asked = client.get("/admin/password_reset/")
    posted = client.post("/admin/password_reset/", {"email": member.user.email})

    assert asked.status_code == posted.status_code == HTTPStatus.NOT_FOUND
    assert mail.outbox == []


def test_allauths_password_reset_stops_sending_after_a_few_requests(client, member):
    answers = [
        client.post(reverse("account_reset_password"), {"email": member.user.email})
        for _ in range(10)
    ]

    assert answers[0].status_code == HTTPStatus.FOUND
    assert answers[-1].status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert 1 <= len(mail.outbox) <= 5
