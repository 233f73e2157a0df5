"""Marking an answer helpful (once each, never one's own), editing one's own post within
the window, and withdrawing it; each refusal changes nothing."""

from http import HTTPStatus

from django.urls import reverse

import pytest

from questions.models import Action, Event, HelpfulMark, Status
from tests.contributions.contributions_support import make_member
from tests.factories import questions as factories

pytestmark = pytest.mark.django_db


def _helpful(client, reply):
    return client.post(reverse("questions:helpful", kwargs={"pk": reply.pk}))


def test_a_member_marks_an_answer_helpful_once(reply, asker, as_member):
    client = as_member(asker)

    first, second = _helpful(client, reply), _helpful(client, reply)

    assert (first.status_code, second.status_code) == (HTTPStatus.FOUND, HTTPStatus.FOUND)
    assert HelpfulMark.objects.filter(answer=reply, member=asker).count() == 1


def test_the_page_counts_helpful_marks(question, reply, asker, as_member):
    HelpfulMark.objects.create(answer=reply, member=make_member())
    client = as_member(asker)
    _helpful(client, reply)

    html = client.get(question.get_absolute_url()).content.decode()

    assert "2 members found this helpful, you among them." in html


def test_nobody_marks_their_own_answer_helpful(reply, other, as_member):
    response = _helpful(as_member(other), reply)

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert not HelpfulMark.objects.exists()


def test_the_author_edits_within_the_window_and_the_history_keeps_the_text(
    question, asker, as_member
):
    url = reverse("questions:edit", kwargs={"pk": question.pk})
    data = {"title": "A better question?", "details": "More *detail*.", "audience": "public"}

    response = as_member(asker).post(url, data)

    question.refresh_from_db()
    assert response.status_code == HTTPStatus.FOUND
    assert (question.title, question.audience) == ("A better question?", "public")
    assert Event.objects.filter(action=Action.EDITED, text="More *detail*.").exists()


def test_an_answer_edited_within_the_window_keeps_its_history(reply, other, as_member):
    url = reverse("questions:edit_answer", kwargs={"pk": reply.pk})

    as_member(other).post(url, {"body": "Corrected."})

    reply.refresh_from_db()
    assert reply.body == "Corrected."
    assert Event.objects.filter(action=Action.EDITED, answer=reply, text="Corrected.").exists()


def test_after_the_window_the_author_cannot_edit(question, asker, as_member, settings):
    settings.QUESTIONS_EDIT_WINDOW_HOURS = 24
    factories.written_ago(question, hours=25)
    url = reverse("questions:edit", kwargs={"pk": question.pk})

    response = as_member(asker).post(url, {"title": "Changed?", "audience": "members"})

    question.refresh_from_db()
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert "can be edited for 24 hours" in response.content.decode()
    assert question.title != "Changed?"
    assert not Event.objects.exists()


def test_another_member_cannot_edit_an_answer(reply, asker, as_member):
    url = reverse("questions:edit_answer", kwargs={"pk": reply.pk})

    response = as_member(asker).post(url, {"body": "Not mine to change."})

    reply.refresh_from_db()
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert reply.body != "Not mine to change."


def test_the_asker_withdraws_their_question_and_others_no_longer_find_it(
    question, asker, other, as_member, client
):
    as_member(asker).post(reverse("questions:withdraw", kwargs={"pk": question.pk}))

    question.refresh_from_db()
    assert question.status == Status.WITHDRAWN
    assert as_member(other).get(question.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND


def test_another_member_cannot_withdraw_a_question(question, other, as_member):
    response = as_member(other).post(reverse("questions:withdraw", kwargs={"pk": question.pk}))

    question.refresh_from_db()
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert question.status == Status.LIVE


def test_withdrawing_the_accepted_answer_unmarks_it(question, reply, other, as_member):
    question.accepted_answer = reply
    question.save()

    as_member(other).post(reverse("questions:withdraw_answer", kwargs={"pk": reply.pk}))

    question.refresh_from_db()
    reply.refresh_from_db()
    assert reply.status == Status.WITHDRAWN
    assert question.accepted_answer is None
    assert list(Event.objects.values_list("action", flat=True)) == [
        Action.UNACCEPTED,
        Action.WITHDRAWN,
    ]


def test_the_asker_cannot_withdraw_someone_elses_answer(reply, asker, as_member):
    response = as_member(asker).post(reverse("questions:withdraw_answer", kwargs={"pk": reply.pk}))

    reply.refresh_from_db()
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert reply.status == Status.LIVE


def test_an_edit_with_errors_is_sent_back_and_changes_nothing(question, asker, as_member):
    url = reverse("questions:edit", kwargs={"pk": question.pk})

    response = as_member(asker).post(url, {"title": "", "audience": "nobody"})

    question.refresh_from_db()
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "There is a problem" in response.content.decode()
    assert question.title == "Has anyone weighted social value above 20%?"
    assert not Event.objects.exists()
