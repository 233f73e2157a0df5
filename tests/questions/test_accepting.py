"""The answer that helped: chosen by the asker or an editor with the permission, never by
anyone else; the history keeps every choice."""

from http import HTTPStatus

from django.urls import reverse

import pytest

from questions.models import Action, Event, Status
from tests.factories import questions as factories

pytestmark = pytest.mark.django_db


def _accept(client, reply):
    return client.post(reverse("questions:accept", kwargs={"pk": reply.pk}))


def _unaccept(client, question):
    return client.post(reverse("questions:unaccept", kwargs={"pk": question.pk}))


def test_the_asker_accepts_an_answer_and_the_history_records_it(question, reply, asker, as_member):
    response = _accept(as_member(asker), reply)

    question.refresh_from_db()
    assert response.status_code == HTTPStatus.FOUND
    assert question.accepted_answer == reply
    assert Event.objects.filter(action=Action.ACCEPTED, answer=reply, actor=asker).exists()


def test_another_member_cannot_accept_and_nothing_changes(question, reply, other, as_member):
    response = _accept(as_member(other), reply)

    question.refresh_from_db()
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert question.accepted_answer is None
    assert not Event.objects.exists()


def test_a_stranger_cannot_accept_and_nothing_changes(question, reply, client):
    response = _accept(client, reply)

    question.refresh_from_db()
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("account_login"))
    assert question.accepted_answer is None


def test_an_editor_with_the_permission_may_accept(question, reply, editor, as_member):
    _accept(as_member(editor), reply)

    question.refresh_from_db()
    assert question.accepted_answer == reply


def test_unaccepting_clears_the_mark_and_the_history_keeps_both(question, reply, asker, as_member):
    client = as_member(asker)
    _accept(client, reply)

    response = _unaccept(client, question)

    question.refresh_from_db()
    assert response.status_code == HTTPStatus.FOUND
    assert question.accepted_answer is None
    assert list(Event.objects.values_list("action", flat=True)) == [
        Action.ACCEPTED,
        Action.UNACCEPTED,
    ]


def test_another_member_cannot_unaccept(question, reply, other, as_member):
    question.accepted_answer = reply
    question.save()

    response = _unaccept(as_member(other), question)

    question.refresh_from_db()
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert question.accepted_answer == reply


def test_a_withdrawn_answer_cannot_be_accepted(question, reply, asker, as_member):
    reply.status = Status.WITHDRAWN
    reply.save()

    response = _accept(as_member(asker), reply)

    question.refresh_from_db()
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert question.accepted_answer is None


def test_accepting_another_answer_moves_the_mark(question, reply, asker, as_member):
    second = factories.answer(question, reply.author, body="Another way.")
    client = as_member(asker)
    _accept(client, reply)

    _accept(client, second)

    question.refresh_from_db()
    assert question.accepted_answer == second
