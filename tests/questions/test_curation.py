"""Editors' care of a thread, from Wagtail's admin: a locked thread refuses answers and
says so; a merged duplicate redirects for good to the kept question, with its answers
and a line in its history; a pinned question shows on the home page when it is public."""

from http import HTTPStatus

from django.contrib.auth.models import Permission
from django.urls import reverse

import pytest

from casestudies.site_tree import ensure_site_tree
from questions.models import Action, Answer, Audience, Event, Status
from taxonomy.models import Theme
from tests.factories import questions as factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def manage(editor, as_member):
    """`manage(question, action, **data)`: the editor's POST to the thread's tools."""

    def _post(question, action, **data):
        editor.user.user_permissions.add(*_admin_access())
        url = reverse("questions_thread", args=[question.pk])
        return as_member(editor).post(url, {"action": action, **data})

    return _post


def _admin_access():
    return Permission.objects.filter(codename="access_admin")


def test_a_locked_thread_refuses_an_answer_and_says_so(question, other, manage, as_member):
    assert manage(question, "lock").status_code == HTTPStatus.FOUND

    member = as_member(other)
    response = member.post(reverse("questions:answer", args=[question.pk]), {"body": "Late."})

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert not Answer.objects.exists()
    page = member.get(question.get_absolute_url()).content.decode()
    assert "This thread is locked" in page and "Post your answer" not in page
    assert Event.objects.filter(question=question, action=Action.LOCKED).exists()


def test_a_merged_duplicate_redirects_for_good_and_its_answers_move(
    asker, other, manage, as_member
):
    kept = factories.question(asker, title="Weighting social value above 20%?")
    duplicate = factories.question(asker, title="Social value over 20 per cent?")
    moved = factories.answer(duplicate, other)

    manage(duplicate, "merge", into=kept.pk)

    response = as_member(other).get(duplicate.get_absolute_url())
    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"] == kept.get_absolute_url()
    moved.refresh_from_db()
    assert moved.question == kept
    duplicate.refresh_from_db()
    assert duplicate.status == Status.MERGED
    assert Event.objects.filter(question=duplicate, action=Action.MERGED).exists()
    assert moved.body in as_member(other).get(kept.get_absolute_url()).content.decode()


def test_merging_a_question_into_itself_is_refused_with_a_sentence(question, manage):
    response = manage(question, "merge", into=question.pk)

    assert response.status_code == HTTPStatus.OK
    assert "cannot be merged into itself" in response.content.decode()
    question.refresh_from_db()
    assert question.status == Status.LIVE


def test_moving_a_thread_changes_its_topics(question, manage):
    leadership = Theme.objects.get(slug="leadership")

    manage(question, "move", themes=[leadership.pk])

    assert list(question.themes.all()) == [leadership]


@pytest.mark.parametrize("audience", [Audience.PUBLIC, Audience.MEMBERS])
def test_a_pinned_question_shows_on_the_home_page_only_when_public(asker, manage, client, audience):
    ensure_site_tree()
    question = factories.question(asker, audience=audience, title="Who weighted it at 30%?")
    assert "Pinned question" not in client.get("/").content.decode()

    manage(question, "pin")
    client.logout()
    home = client.get("/").content.decode()

    shown = audience == Audience.PUBLIC
    assert ("Pinned question" in home) is shown
    assert (question.get_absolute_url() in home) is shown
