"""An invented (illustrative) case study carries a visible "Illustrative example" label
wherever one is listed: search results and the case study index on both backends, related
case studies, the home page's cards and a member's profile. The label is text, not colour
alone."""

import pytest
from bs4 import BeautifulSoup

from casestudies.factories import case_study_record
from casestudies.models import CaseStudyContact, CaseStudyPage
from casestudies.site_tree import ensure_site_tree
from search.service import related, search
from search.types import SearchRequest
from tests.factories.members import ProfileFactory

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]
LABEL = "Illustrative example"


@pytest.fixture
def pair(publish):
    """An invented case study and a real one, alike enough to be related."""
    publish(
        case_study_record(slug="invented", title="Invented orchards", illustrative=True),
        case_study_record(slug="real", title="Real orchards", illustrative=False),
    )


def _labelled(html: str, container: str) -> dict[str, bool]:
    """Each listed item's link -> whether the item shows the label."""
    items = BeautifulSoup(html, "html.parser").select(container)
    return {item.find("a")["href"]: LABEL in item.get_text() for item in items}


def test_hits_say_whether_they_are_illustrative_on_both_backends(backend, pair):
    hits = search(SearchRequest("orchards")).hits

    assert {hit.slug: hit.illustrative for hit in hits} == {"invented": True, "real": False}
    invented = next(hit for hit in hits if hit.slug == "invented")
    assert [(hit.slug, hit.illustrative) for hit in related(invented.doc_id)] == [("real", False)]


@pytest.mark.parametrize("path", ["/search/", "/case-studies/"])
def test_results_and_the_case_study_index_label_the_invented_one(backend, pair, client, path):
    html = client.get(path, {"q": "orchards"}).content.decode()

    assert _labelled(html, ".search-result") == {
        "/case-studies/invented/": True,
        "/case-studies/real/": False,
    }


def test_related_case_studies_label_the_invented_one(backend, pair, client):
    html = client.get(CaseStudyPage.objects.get(slug="real").url).content.decode()

    assert _labelled(html, ".related .card") == {"/case-studies/invented/": True}


def test_the_home_page_cards_label_the_invented_one(pair, client):
    html = client.get(ensure_site_tree().home.url).content.decode()

    labelled = _labelled(html, ".card")
    assert labelled["/case-studies/invented/"] is True
    assert labelled["/case-studies/real/"] is False


def test_a_members_profile_labels_the_invented_one(pair, client):
    member = ProfileFactory()
    for page in CaseStudyPage.objects.all():
        CaseStudyContact.objects.create(page=page, member=member, role="Author")

    html = client.get(member.get_absolute_url()).content.decode()

    assert _labelled(html, "#case-studies-title + ul li") == {
        "/case-studies/invented/": True,
        "/case-studies/real/": False,
    }
