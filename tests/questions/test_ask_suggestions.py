"""Before posting: "Check for similar questions" posts nothing, keeps every field, and
shows similar questions that have an answer that helped (not those still waiting), on
both search backends, and the people who can help on the topics picked."""

import re
import uuid
from http import HTTPStatus

from django.urls import reverse

import pytest

from questions.models import Audience, Question
from taxonomy.models import Region, Theme
from tests.contributions.contributions_support import make_member
from tests.factories import questions as factories

pytestmark = pytest.mark.django_db

ASK = reverse("questions:ask")


@pytest.fixture
def word():
    """A made-up word no other document holds: the index outlives each test."""
    return "zq" + uuid.uuid4().hex[:10]


@pytest.fixture
def earlier(asker, other, word, django_capture_on_commit_callbacks):
    """Two earlier questions about `word`: one answered, one not; returns both."""
    with django_capture_on_commit_callbacks(execute=True):
        answered = factories.question(
            asker, audience=Audience.PUBLIC, title=f"Did anyone weight {word} social value?"
        )
        answered.accepted_answer = factories.answer(answered, other)
        answered.save()
        waiting = factories.question(
            asker, audience=Audience.PUBLIC, title=f"Who weighted {word} social value?"
        )
    return answered, waiting


def test_checking_keeps_every_field_posts_nothing_and_shows_answered_similar_questions(
    backend, earlier, other, as_member, word
):
    answered, waiting = earlier
    governance = Theme.objects.get(slug="governance")
    london = Region.objects.get(slug="london")
    before = Question.objects.count()
    form = {
        "title": f"Has anyone weighted {word} social value above 20%?",
        "details": "Our *tender* opens soon.",
        "audience": Audience.PUBLIC,
        "themes": [governance.pk],
        "region": london.pk,
        "check": "1",
    }

    response = as_member(other).post(ASK, form)

    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert Question.objects.count() == before
    assert f'value="Has anyone weighted {word} social value above 20%?"' in html
    assert "Our *tender* opens soon." in html
    assert re.search(rf'name="themes" value="{governance.pk}"[^>]* checked', html)
    assert f'<option value="{london.pk}" selected>' in html
    assert 'value="public" required id="id_audience_1" checked' in html
    assert answered.get_absolute_url() in html
    assert waiting.get_absolute_url() not in html


def test_checking_shows_the_people_who_can_help_on_the_topics_picked(as_member, other):
    helper = make_member(display_name="Gail Governance", open_to_questions=True)
    helper.themes.set([Theme.objects.get(slug="governance")])
    form = {
        "title": "How do we pool budgets?",
        "audience": Audience.MEMBERS,
        "themes": [Theme.objects.get(slug="governance").pk],
        "check": "1",
    }

    html = as_member(other).post(ASK, form).content.decode()

    assert "People who can help" in html and "Gail Governance" in html
