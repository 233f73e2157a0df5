"""Answering: members answer a question they may read, within a daily limit, past a
honeypot; nobody answers a question they may not read or one withdrawn."""

from http import HTTPStatus

from django.urls import reverse

import pytest

from questions.models import Action, Answer, Audience, Event, Status
from tests.contributions.contributions_support import make_member
from tests.factories import questions as factories

pytestmark = pytest.mark.django_db

BODY = "We weighted it at **25%** and nobody challenged it."


def _answer_url(question):
    return reverse("questions:answer", kwargs={"pk": question.pk})


def test_a_member_answers_and_the_history_records_the_text(question, other, as_member):
    response = as_member(other).post(_answer_url(question), {"body": BODY})

    reply = Answer.objects.get()
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == reply.get_absolute_url()
    assert (reply.author, reply.body, reply.question) == (other, BODY, question)
    assert Event.objects.filter(answer=reply, action=Action.ANSWERED, text=BODY).exists()


def test_the_answer_shows_on_the_question_rendered_from_markdown(question, other, as_member):
    client = as_member(other)
    client.post(_answer_url(question), {"body": BODY + " <script>alert(1)</script>"})

    html = client.get(question.get_absolute_url()).content.decode()

    assert "<strong>25%</strong>" in html
    assert "<script>alert(1)" not in html


def test_a_stranger_cannot_answer_a_members_only_question(question, client):
    response = client.post(_answer_url(question), {"body": BODY})

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("account_login"))
    assert not Answer.objects.exists()


def test_an_unconfirmed_member_cannot_answer_even_a_public_question(asker, as_member):
    public = factories.question(asker, audience=Audience.PUBLIC)

    as_member(make_member(confirmed=False)).post(_answer_url(public), {"body": BODY})

    assert not Answer.objects.exists()


def test_nobody_answers_a_withdrawn_question(question, other, as_member):
    question.status = Status.WITHDRAWN
    question.save()

    response = as_member(other).post(_answer_url(question), {"body": BODY})

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert not Answer.objects.exists()


def test_an_empty_answer_is_refused_with_the_error_summary(question, other, as_member):
    response = as_member(other).post(_answer_url(question), {"body": "  "})

    html = response.content.decode()
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "There is a problem" in html
    assert '<a href="#id_body">Write your answer before posting it.</a>' in html
    assert not Answer.objects.exists()


def test_a_filled_honeypot_keeps_nothing(question, other, as_member):
    as_member(other).post(_answer_url(question), {"body": BODY, "website": "x"})

    assert not Answer.objects.exists()


def test_the_daily_limit_refuses_one_more_answer(question, other, as_member, settings):
    settings.QUESTIONS_DAILY_ANSWERS = 1
    factories.answer(question, other)

    response = as_member(other).post(_answer_url(question), {"body": BODY})

    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert "You can post up to 1 answers a day" in response.content.decode()
    assert Answer.objects.count() == 1


def test_answering_by_get_is_not_allowed(question, other, as_member):
    response = as_member(other).get(_answer_url(question))

    assert response.status_code == HTTPStatus.METHOD_NOT_ALLOWED


def test_a_number_too_large_for_the_database_is_not_found(other, as_member):
    response = as_member(other).post("/questions/99999999999999999999/answer/", {"body": BODY})

    assert response.status_code == HTTPStatus.NOT_FOUND
