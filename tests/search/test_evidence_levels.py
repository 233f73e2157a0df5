"""How strong a case study's evidence is (`casestudies/evidence.py`): set through the
import format (and by editors), "not yet assessed" until then, never guessed; a facet on
search and the case study index on both backends, in the API, and a text label on every
listing and on the page, whose meaning /evidence/ explains."""

import json

import feedparser
import pytest
from bs4 import BeautifulSoup

from casestudies import evidence
from casestudies.factories import as_lines, case_study_record
from casestudies.importexport.exporter import export_lines
from casestudies.importexport.importer import import_lines
from casestudies.models import CaseStudyContact, CaseStudyPage
from casestudies.site_tree import ensure_site_tree
from search.service import search
from search.types import SearchRequest
from tests.factories.members import ProfileFactory

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]

TRIAL = "Strength of evidence: Level 3: Shown to cause change"
UNWEIGHED = "Strength of evidence: Not yet assessed"


@pytest.fixture
def pair(publish):
    """A case study graded level 3 with a trial behind one outcome, and one not graded."""
    publish(
        case_study_record(
            slug="graded",
            title="Graded orchards",
            evidence_level="level-3",
            outcomes=[
                {
                    "measure": "Local hires",
                    "after": "40",
                    "evidence": "Payroll, against a matched borough",
                    "evidence_type": "comparison-group",
                }
            ],
        ),
        case_study_record(slug="ungraded", title="Ungraded orchards"),
    )


def _labels(html: str, container: str) -> dict[str, str]:
    """Each listed item's link -> the evidence label it shows."""
    found = {}
    for item in BeautifulSoup(html, "html.parser").select(container):
        text = " ".join(item.get_text().split())
        found[item.find("a")["href"]] = next(
            (label for label in (TRIAL, UNWEIGHED) if label in text), ""
        )
    return found


def test_the_level_is_a_facet_on_both_backends(backend, pair):
    result = search(SearchRequest("orchards", filters={"evidence": ("level-3",)}))

    assert [hit.slug for hit in result.hits] == ["graded"]
    counted = [(value.value, value.count) for value in result.facets["evidence"] if value.count]
    assert counted == [("level-3", 1), ("not-assessed", 1)]  # strongest first


@pytest.mark.parametrize("path", ["/search/", "/case-studies/"])
def test_every_result_shows_its_level_in_words(backend, pair, client, path):
    html = client.get(path, {"q": "orchards"}).content.decode()

    assert _labels(html, ".search-result") == {
        "/case-studies/graded/": TRIAL,
        "/case-studies/ungraded/": UNWEIGHED,
    }
    assert "Strength of evidence" in html  # the facet's heading


def test_the_api_gives_the_level(backend, pair, client):
    hits = client.get("/api/search/", {"q": "orchards"}).json()["results"]

    assert {hit["slug"]: hit["evidence"] for hit in hits} == {
        "graded": ["level-3"],
        "ungraded": ["not-assessed"],
    }


def test_cards_and_profiles_show_the_level(pair, client):
    member = ProfileFactory()
    for page in CaseStudyPage.objects.all():
        CaseStudyContact.objects.create(page=page, member=member, role="Author")

    cards = _labels(client.get(ensure_site_tree().home.url).content.decode(), ".card")
    profile = client.get(member.get_absolute_url()).content.decode()

    assert cards["/case-studies/graded/"] == TRIAL
    assert cards["/case-studies/ungraded/"] == UNWEIGHED
    assert _labels(profile, "#case-studies-title + ul li") == {
        "/case-studies/graded/": TRIAL,
        "/case-studies/ungraded/": UNWEIGHED,
    }


def test_the_page_says_the_level_its_meaning_and_each_outcomes_evidence(pair, client):
    page = client.get(CaseStudyPage.objects.get(slug="graded").url).content.decode()
    text = " ".join(BeautifulSoup(page, "html.parser").get_text(" ").split())

    assert "Strength of evidence Level 3: Shown to cause change" in text
    assert evidence.level("level-3").meaning in text
    assert "Evidence: Comparison group: Payroll, against a matched borough" in text
    assert 'href="/evidence/"' in page


def test_the_evidence_page_explains_every_level(client):
    response = client.get("/evidence/")

    text = " ".join(BeautifulSoup(response.content, "html.parser").get_text(" ").split())
    assert response.status_code == 200
    for level in evidence.LEVELS:
        assert f"{level.label} {level.meaning}" in text
    for name in evidence.OUTCOME_EVIDENCE_TYPES.values():
        assert name in text


def test_the_export_carries_the_level_and_each_outcomes_type(pair):
    records = {r["slug"]: r for r in map(json.loads, export_lines("case_study"))}

    assert records["graded"]["evidence_level"] == "level-3"
    assert records["graded"]["outcomes"][0]["evidence_type"] == "comparison-group"
    assert records["ungraded"]["evidence_level"] == "not-assessed"


def test_an_unknown_level_is_refused_naming_the_levels(db):
    report = import_lines(as_lines(case_study_record(evidence_level="level-9")))

    assert len(report.rejections) == 1
    assert "evidence_level 'level-9' is not one of the allowed values: level-5, " in str(
        report.rejections[0]
    )
    assert not CaseStudyPage.objects.exists()


def test_feeds_give_the_level_as_a_category_and_in_words(client, pair, settings):
    settings.ELASTICSEARCH_URL = ""  # the feed is the same on either backend

    feed = feedparser.parse(client.get("/search/feed/?q=orchards").content)

    entries = {entry.title: entry for entry in feed.entries}
    graded = entries["Graded orchards"]
    assert TRIAL in [tag.term for tag in graded.tags]
    assert graded.summary.endswith(TRIAL)


@pytest.fixture
def three(publish):
    """Three case studies, published in turn: level 1, not assessed, level 4."""
    for slug, level in (("weak", "level-1"), ("unweighed", "not-assessed"), ("strong", "level-4")):
        publish(case_study_record(slug=slug, title=f"{slug} hedgerows", evidence_level=level))


@pytest.mark.parametrize("query", ["hedgerows", ""])
def test_the_strongest_evidence_comes_first_on_both_backends(backend, three, query):
    result = search(SearchRequest(query, filters={"kind": ("case_study",)}, sort="evidence"))

    assert [hit.slug for hit in result.hits] == ["strong", "weak", "unweighed"]


def test_the_case_study_index_offers_the_sort_and_the_directory_does_not(backend, three, client):
    index = client.get("/case-studies/", {"sort": "evidence"}).content.decode()
    directory = client.get("/members/").content.decode()
    api = client.get("/api/search/", {"q": "hedgerows", "sort": "evidence"}).json()

    assert '<option value="evidence" selected>Strongest evidence first</option>' in index
    assert 'value="evidence"' not in directory
    assert [hit["slug"] for hit in api["results"]] == ["strong", "weak", "unweighed"]
