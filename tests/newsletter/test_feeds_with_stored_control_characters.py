"""Text stored with control characters (before the boundary cleaned them) breaks no feed
and no sitemap: every feed that lists it, and the sitemap, parse as XML, with what XML
cannot hold dropped."""

from http import HTTPStatus

import pytest
from defusedxml import ElementTree

from casestudies.factories import case_study_record
from casestudies.models import CaseStudyPage
from tests.factories.members import ProfileFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
FEEDS = ["", "?kind=case_study", "?q=feedbreaker", "?kind=member", "?q=%0Bfeedbreaker%01"]


@pytest.fixture
def stored(backend, publish, django_capture_on_commit_callbacks):
    """A case study and a public profile whose stored words hold control characters."""
    publish(case_study_record(slug="breaker", title="Feedbreaker"))
    page = CaseStudyPage.objects.get(slug="breaker")
    page.title = "Ctlchar feedbreaker\x0b case"
    page.summary = "A summary\x01 with\x1f controls\x0c in it."
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision(clean=False).publish()
        ProfileFactory(display_name="Vertical\x0btab feedbreaker", slug="vertical-tab")


@pytest.mark.parametrize("query", FEEDS)
def test_every_feed_listing_stored_control_characters_parses_as_xml(stored, client, query):
    response = client.get(f"/search/feed/{query}")

    assert response.status_code == HTTPStatus.OK
    feed = ElementTree.fromstring(response.content)
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")]
    assert any("feedbreaker" in title for title in titles)


def test_the_sitemap_parses_as_xml_with_stored_control_characters(stored, client):
    response = client.get("/sitemap.xml")

    assert response.status_code == HTTPStatus.OK
    sitemap = ElementTree.fromstring(response.content)
    locations = [element.text for element in sitemap.iter() if element.tag.endswith("loc")]
    assert any(location.endswith("/case-studies/breaker/") for location in locations)
