"""The newsletter in the Wagtail admin: subscribers listed and exported as CSV, counts
per topic and frequency, and no adding or editing by staff."""

from http import HTTPStatus

from django.urls import reverse

import pytest

from newsletter.models import Frequency
from tests.factories.members import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_staff_see_subscribers_with_their_status_and_topic_count(staff, confirmed, subscribe):
    confirmed("known@example.org", topics=["", "theme=governance"])
    subscribe("waiting@example.org")

    response = staff.get(reverse("newsletter_subscribers:index"), {"status": "confirmed"})

    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "known@example.org" in html
    assert "waiting@example.org" not in html


def test_subscribers_export_as_csv(staff, confirmed):
    confirmed("known@example.org", topics=["", "theme=governance"])

    response = staff.get(reverse("newsletter_subscribers:index"), {"export": "csv"})

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("text/csv")
    rows = b"".join(response.streaming_content).decode().splitlines()
    assert rows[0].startswith("Email,Status")
    assert rows[1].startswith("known@example.org,confirmed") and rows[1].endswith(",2")


def test_topic_counts_by_frequency_cover_confirmed_subscribers_only(staff, confirmed, subscribe):
    confirmed("a@example.org", topics=["theme=governance"], frequency=Frequency.DAILY)
    confirmed("b@example.org", topics=["theme=governance"], frequency=Frequency.WEEKLY)
    subscribe("c@example.org", topics=["theme=governance"])

    response = staff.get(reverse("newsletter_topics:index"))

    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    row = html[html.index("Theme: Governance") :].split("</tr>")[0]
    assert row.count("<td>") == 4
    assert [cell.split("</td>")[0] for cell in row.split("<td>")[1:]] == ["0", "1", "1", "2"]


def test_staff_cannot_add_or_edit_subscribers(staff, confirmed):
    subscriber = confirmed()

    assert staff.get(reverse("newsletter_subscribers:add")).status_code == HTTPStatus.FOUND
    edit = reverse("newsletter_subscribers:edit", args=[subscriber.pk])
    assert staff.get(edit).status_code == HTTPStatus.FOUND
