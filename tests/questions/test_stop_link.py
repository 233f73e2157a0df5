"""The link in every email about a question: it stops that member's emails about it
without signing in (by the page's button or a mail provider's one-click POST), does no
harm used twice, and a forged or cut one gets a page saying so (400), never a 500."""

from http import HTTPStatus

from django.core import mail

import pytest

from questions import following, notify, threads
from tests.factories import questions as factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def other(db):
    """A member who has posted before, so their answers publish at once."""
    return factories.trusted_member()


@pytest.fixture
def link(asker, question):
    following.follow_as_asker(question, asker)
    return following.stop_url(asker, question).removeprefix("http://127.0.0.1:8000")


def test_opening_the_link_asks_before_it_stops_anything(link, asker, question, client):
    response = client.get(link)

    assert response.status_code == HTTPStatus.OK
    assert "Stop these emails" in response.content.decode()
    assert question.title in response.content.decode()
    assert following.is_following(asker, question)


def test_the_one_click_post_stops_the_emails_without_signing_in_and_twice_does_no_harm(
    link, asker, other, question, client
):
    response = client.post(link, {"List-Unsubscribe": "One-Click"})
    again = client.post(link, {"List-Unsubscribe": "One-Click"})

    assert response.status_code == again.status_code == HTTPStatus.OK
    assert "No more emails about this question" in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex"
    assert not following.is_following(asker, question)
    threads.answer(question, other, "We did.")
    notify.send_due()
    assert mail.outbox == []


def test_an_answerer_who_stopped_is_not_told_their_answer_was_accepted(
    asker, other, question, client
):
    reply = factories.answer(question, other)
    client.post(following.stop_url(other, question))

    threads.accept(question, reply, asker)
    notify.send_due()

    assert mail.outbox == []


@pytest.mark.parametrize("spoil", [lambda t: t[:-3] + "xyz", lambda t: t[:10], lambda t: "abc"])
def test_a_tampered_or_cut_link_gets_a_clear_400_page_and_stops_nothing(
    link, asker, question, client, spoil
):
    token = link.rstrip("/").rsplit("/", 1)[1]
    spoilt = link.replace(token, spoil(token))

    for response in (client.get(spoilt), client.post(spoilt)):
        assert response.status_code == HTTPStatus.BAD_REQUEST
        assert "This link does not work" in response.content.decode()
    assert following.is_following(asker, question)


def test_a_link_to_a_question_since_deleted_gets_the_400_page(link, question, client):
    question.delete()

    assert client.post(link).status_code == HTTPStatus.BAD_REQUEST
