"""Moderation and search, on both backends: a question waiting for a moderator is in no
search result, even for members, until approved; a suspended member's questions leave
the index and the list, and their accepted answer leaves the question's document."""

import uuid
from http import HTTPStatus

from django.urls import reverse

import pytest

from members.suspension import suspend
from questions import moderation
from questions.models import Audience, Status
from tests.factories import questions as factories

pytestmark = pytest.mark.django_db


def _word() -> str:
    return "zm" + uuid.uuid4().hex[:10]


def _found(client, word) -> list[str]:
    response = client.get("/api/search/", {"q": word})
    assert response.status_code == HTTPStatus.OK
    return [result["url"] for result in response.json()["results"]]


@pytest.fixture
def indexed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_a_waiting_question_is_in_no_search_until_a_moderator_approves_it(
    backend, asker, other, client, indexed
):
    word = _word()
    with indexed():
        question = factories.question(
            asker, audience=Audience.PUBLIC, title=f"Who tried {word}?", status=Status.PENDING
        )
    client.force_login(other.user)
    assert question.get_absolute_url() not in _found(client, word)
    client.logout()
    assert question.get_absolute_url() not in _found(client, word)

    with indexed():
        moderation.approve(question, None)

    assert question.get_absolute_url() in _found(client, word)


def test_a_suspended_members_questions_leave_search_and_the_list(
    backend, asker, other, client, indexed
):
    word = _word()
    with indexed():
        question = factories.question(asker, audience=Audience.PUBLIC, title=f"Who {word}?")
    assert question.get_absolute_url() in _found(client, word)

    with indexed():
        suspend(asker, "Spam.")

    assert question.get_absolute_url() not in _found(client, word)
    listing = client.get(reverse("questions:list")).content.decode()
    assert question.get_absolute_url() not in listing
    assert client.get(question.get_absolute_url()).status_code == HTTPStatus.FOUND  # sign in


def test_a_suspended_members_accepted_answer_leaves_the_questions_document(
    backend, asker, other, client, indexed
):
    word = _word()
    with indexed():
        question = factories.question(asker, audience=Audience.PUBLIC)
        reply = factories.answer(question, other, body=f"We did {word}.")
        question.accepted_answer = reply
        question.save()
    assert question.get_absolute_url() in _found(client, word)

    with indexed():
        suspend(other, "Spam.")

    assert question.get_absolute_url() not in _found(client, word)
    page = client.get(question.get_absolute_url()).content.decode()
    assert word not in page and "0 answers" in page
