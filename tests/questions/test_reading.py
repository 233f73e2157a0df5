"""Who reads a question: everyone for a public one, members for a members-only one
(strangers are asked to sign in, and never see its title), nobody but the asker once
withdrawn. A deleted member's posts stay, credited to "a former member"."""

from http import HTTPStatus

from django.urls import reverse

import pytest

from questions.models import Audience, Question, Status
from tests.contributions.contributions_support import make_member
from tests.factories import questions as factories

pytestmark = pytest.mark.django_db

SECRET = "Zanzibar procurement quandary?"


@pytest.fixture
def members_only(asker):
    return factories.question(asker, title=SECRET)


def test_a_stranger_is_asked_to_sign_in_and_never_sees_the_title(members_only, client):
    response = client.get(members_only.get_absolute_url(), follow=True)

    html = response.content.decode()
    assert response.redirect_chain[0][0].startswith(reverse("account_login"))
    assert "Only signed-in members can read this question" in html
    assert SECRET not in html


def test_a_stranger_gets_the_same_answer_for_a_question_that_does_not_exist(client):
    response = client.get(reverse("questions:detail", kwargs={"pk": 987654}))

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("account_login"))


def test_an_unconfirmed_member_is_asked_to_confirm(members_only, as_member):
    response = as_member(make_member(confirmed=False)).get(members_only.get_absolute_url())

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert SECRET not in response.content.decode()


def test_a_member_reads_a_members_only_question(members_only, other, as_member):
    response = as_member(other).get(members_only.get_absolute_url())

    assert response.status_code == HTTPStatus.OK
    assert SECRET in response.content.decode()
    assert '<meta name="robots" content="noindex">' in response.content.decode()


def test_a_stranger_reads_a_public_question_and_its_answers(asker, other, client):
    public = factories.question(asker, audience=Audience.PUBLIC, title="Open to all?")
    factories.answer(public, other, body="An answer for everyone.")

    html = client.get(public.get_absolute_url()).content.decode()

    assert "Open to all?" in html
    assert "An answer for everyone." in html
    assert "Sign in</a> to answer" in html


def test_the_list_shows_a_stranger_public_questions_only(members_only, asker, client):
    factories.question(asker, audience=Audience.PUBLIC, title="Open to all?")

    html = client.get(reverse("questions:list")).content.decode()

    assert "Open to all?" in html
    assert SECRET not in html


def test_the_list_shows_a_member_both(members_only, other, as_member):
    html = as_member(other).get(reverse("questions:list")).content.decode()

    assert SECRET in html


def test_the_list_survives_a_page_number_that_is_not_one(client):
    response = client.get(reverse("questions:list"), {"page": "abc"})

    assert response.status_code == HTTPStatus.OK


def test_a_withdrawn_question_is_read_by_its_asker_only(members_only, asker, other, as_member):
    members_only.status = Status.WITHDRAWN
    members_only.save()

    assert as_member(other).get(members_only.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND
    assert as_member(asker).get(members_only.get_absolute_url()).status_code == HTTPStatus.OK


def test_a_deleted_members_posts_stay_credited_to_a_former_member(
    members_only, reply, other, asker, as_member
):
    asker.user.delete()

    html = as_member(other).get(members_only.get_absolute_url()).content.decode()

    assert Question.objects.filter(pk=members_only.pk, asker=None).exists()
    assert "Asked by a former member" in html
