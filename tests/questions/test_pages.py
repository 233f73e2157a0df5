"""The question pages are valid HTML, their headings go down one level at a time, and
every control has a label, for a stranger, the asker and another member."""

import itertools

import pytest
from bs4 import BeautifulSoup

from questions.models import Audience
from taxonomy.models import Theme
from tests.contributions.contributions_support import make_member
from tests.factories import questions as factories
from tests.support import nu_validator

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(client, asker, other):
    """The pages as each viewer gets them: path -> HTML."""
    public = factories.question(asker, audience=Audience.PUBLIC, details="Some *details*.")
    # Someone who can help, offered on the question page and the checked ask form.
    governance = Theme.objects.get(slug="governance")
    make_member(open_to_questions=True).themes.set([governance])
    public.themes.set([governance])
    accepted = factories.answer(public, other)
    factories.answer(public, other, body="A second answer.")
    public.accepted_answer = accepted
    public.save()
    documents = {
        "list (stranger)": client.get("/questions/").content,
        "question (stranger)": client.get(public.get_absolute_url()).content,
    }
    client.force_login(asker.user)
    documents["ask"] = client.get("/questions/ask/").content
    documents["ask with errors"] = client.post("/questions/ask/", {"title": ""}).content
    checked = {"title": "Pooled budgets?", "audience": "members", "themes": [governance.pk]}
    documents["ask, checked"] = client.post("/questions/ask/", {**checked, "check": "1"}).content
    documents["question (asker)"] = client.get(public.get_absolute_url()).content
    documents["edit question"] = client.get(f"/questions/{public.pk}/edit/").content
    client.force_login(other.user)
    documents["question (other member)"] = client.get(public.get_absolute_url()).content
    documents["edit answer"] = client.get(f"/questions/answers/{accepted.pk}/edit/").content
    return documents


def test_the_question_pages_have_no_html_errors(pages):
    assert "People who can help" in pages["question (stranger)"].decode()
    assert "People who can help" in pages["ask, checked"].decode()
    assert nu_validator.errors(pages) == []


def test_headings_go_down_one_level_at_a_time_and_every_control_is_labelled(pages):
    for name, html in pages.items():
        soup = BeautifulSoup(html, "html.parser")
        main = soup.find("main")
        levels = [int(h.name[1]) for h in main.find_all(["h1", "h2", "h3", "h4"])]
        assert levels[0] == 1, name
        assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), name
        for control in main.select("input:not([type=hidden]), textarea, select"):
            assert main.find("label", attrs={"for": control["id"]}), (name, control)
