"""The people who can help, on the pages that offer them: a question (never its asker), a
case study, a seminar (from its lessons' themes), and a search with a topic filter. Each
"Ask them" opens the message relay about the page."""

from http import HTTPStatus

from django.urls import reverse
from django.utils.http import urlencode

import pytest

from casestudies.factories import as_lines, case_study_record, seminar_record
from casestudies.importexport.importer import import_lines
from casestudies.models import CaseStudyPage, SeminarPage
from questions.models import Audience
from taxonomy.models import Theme
from tests.contributions.contributions_support import make_member
from tests.factories import questions as factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def helper(db):
    """A public member open to questions who knows about governance."""
    profile = make_member(display_name="Gail Governance", open_to_questions=True)
    profile.themes.set([Theme.objects.get(slug="governance")])
    return profile


def _ask_link(profile, about: str) -> str:
    url = reverse("members:contact", args=[profile.slug])
    return f'href="{url}?{urlencode({"about": about})}"'.replace("%2F", "/")


def _page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    return response.content.decode()


def test_a_question_page_offers_the_people_who_can_help_but_not_its_asker(helper, asker, client):
    asker.open_to_questions = True
    asker.save()
    asker.themes.set([Theme.objects.get(slug="governance")])
    question = factories.question(asker, audience=Audience.PUBLIC)
    question.themes.set([Theme.objects.get(slug="governance")])

    html = _page(client, question.get_absolute_url())

    assert "People who can help" in html
    assert _ask_link(helper, question.get_absolute_url()) in html
    assert asker.display_name not in html.split("People who can help")[1]


def test_a_question_on_another_topic_offers_nobody(helper, asker, client):
    question = factories.question(asker, audience=Audience.PUBLIC)
    question.themes.set([Theme.objects.get(slug="leadership")])

    assert "People who can help" not in _page(client, question.get_absolute_url())


def test_a_case_study_page_offers_the_people_who_can_help(helper, client):
    record = case_study_record(slug="pooled-budgets", themes=["governance"])
    assert not import_lines(as_lines(record)).rejections
    url = CaseStudyPage.objects.get(slug="pooled-budgets").url

    html = _page(client, url)

    assert "People who can help" in html and _ask_link(helper, url) in html


def test_a_seminar_page_offers_the_people_who_know_its_lessons_themes(helper, client):
    assert not import_lines(as_lines(seminar_record(slug="a-seminar"))).rejections
    url = SeminarPage.objects.get(slug="a-seminar").url

    html = _page(client, url)

    assert "People who can help" in html and _ask_link(helper, url) in html


def test_a_search_for_a_topic_offers_them_and_a_search_without_one_does_not(helper, client):
    assert "Gail Governance" in _page(client, "/search/?theme=governance&kind=question")
    assert "People who can help" not in _page(client, "/search/?q=governance")
