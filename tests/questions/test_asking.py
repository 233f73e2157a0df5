"""Asking: only confirmed members, with the case studies' vocabularies, a daily limit and
a honeypot; every refusal leaves nothing behind."""

from http import HTTPStatus

from django.urls import reverse

import pytest

from questions.models import Action, Audience, Event, Question
from taxonomy.models import Region, Sector, Theme
from tests.contributions.contributions_support import make_member
from tests.factories import questions as factories

pytestmark = pytest.mark.django_db

ASK = reverse("questions:ask")


def _form(**fields):
    return {
        "title": "Has anyone weighted social value above 20%?",
        "details": "We tender **home care** next week.",
        "audience": Audience.MEMBERS,
        **fields,
    }


def test_a_confirmed_member_asks_with_vocabularies_and_the_history_records_it(asker, as_member):
    public = Sector.objects.get(slug="public")
    leadership = Theme.objects.get(slug="leadership")
    london = Region.objects.get(slug="london")

    response = as_member(asker).post(
        ASK, _form(sectors=[public.pk], themes=[leadership.pk], region=london.pk)
    )

    question = Question.objects.get()
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == question.get_absolute_url()
    assert (question.asker, question.audience) == (asker, Audience.MEMBERS)
    assert list(question.sectors.all()) == [public]
    assert list(question.themes.all()) == [leadership]
    assert question.region == london
    [event] = Event.objects.all()
    assert (event.action, event.actor, event.text) == (Action.ASKED, asker, question.details)


def test_members_only_is_the_default_choice_on_the_form(asker, as_member):
    html = as_member(asker).get(ASK).content.decode()

    assert 'value="members" required id="id_audience_0" checked' in html


def test_a_stranger_is_sent_to_sign_in_and_nothing_is_asked(client):
    response = client.post(ASK, _form())

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("account_login"))
    assert not Question.objects.exists()


def test_a_member_who_has_not_confirmed_their_address_cannot_ask(as_member):
    unconfirmed = make_member(confirmed=False)

    response = as_member(unconfirmed).post(ASK, _form())

    assert response.status_code == HTTPStatus.OK
    assert "account/verified_email_required.html" in [t.name for t in response.templates]
    assert not Question.objects.exists()


def test_a_question_without_a_title_is_refused_with_the_error_summary(asker, as_member):
    response = as_member(asker).post(ASK, _form(title=""))

    html = response.content.decode()
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "There is a problem" in html
    assert '<a href="#id_title">Write your question.</a>' in html
    assert not Question.objects.exists()


def test_unknown_vocabulary_values_are_a_form_error_not_a_500(asker, as_member):
    response = as_member(asker).post(ASK, _form(sectors=["abc"], region="99999999999999"))

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "There is a problem" in response.content.decode()
    assert not Question.objects.exists()


def test_a_filled_honeypot_keeps_nothing(asker, as_member):
    response = as_member(asker).post(ASK, _form(website="https://spam.example"))

    assert response.status_code == HTTPStatus.FOUND
    assert not Question.objects.exists()


def test_the_daily_limit_refuses_one_more_question(asker, as_member, settings):
    settings.QUESTIONS_DAILY_QUESTIONS = 2
    for _ in range(2):
        factories.question(asker)

    response = as_member(asker).post(ASK, _form(title="A third one today?"))

    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert "You can ask up to 2 questions a day" in response.content.decode()
    assert Question.objects.count() == 2


def test_questions_asked_more_than_a_day_ago_do_not_count_towards_the_limit(
    asker, as_member, settings
):
    settings.QUESTIONS_DAILY_QUESTIONS = 1
    factories.written_ago(factories.question(asker), hours=25)

    response = as_member(asker).post(ASK, _form())

    assert response.status_code == HTTPStatus.FOUND
    assert Question.objects.count() == 2
