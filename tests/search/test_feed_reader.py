"""Feeds as a feed reader reads them (feedparser): well formed, with a self link that
is the feed's own address, ids that are tag URIs which stay the same, and an author."""

import feedparser
import pytest

from casestudies.factories import case_study_record

pytestmark = pytest.mark.django_db

SITE = "https://socialvalue.example.org"


@pytest.fixture
def on_site(settings):
    settings.SITE_BASE_URL = SITE
    settings.ELASTICSEARCH_URL = ""  # the feed is the same on either backend


def read(client, query: str):
    response = client.get(f"/search/feed/{query}", HTTP_HOST="localhost")
    return feedparser.parse(response.content)


@pytest.mark.parametrize("query", ["", "?q=commissioning&theme=governance&region=london"])
def test_a_feed_is_well_formed_with_its_own_address_as_self_and_an_author(
    client, publish, on_site, query
):
    publish(
        case_study_record(slug="first", title="Commissioning first", themes=["governance"]),
        case_study_record(slug="second", title="Commissioning second", themes=["governance"]),
    )

    feed = read(client, query)

    assert not feed.bozo, feed.get("bozo_exception")
    [self_link] = [link.href for link in feed.feed.links if link.rel == "self"]
    assert self_link == f"{SITE}/search/feed/{query}"
    assert feed.feed.author == "Social Value Network"
    assert feed.feed.link.startswith(f"{SITE}/search/")
    assert len(feed.entries) == 2
    for entry in feed.entries:
        assert entry.id.startswith("tag:socialvalue.example.org,2026:")
        assert entry.link.startswith(f"{SITE}/case-studies/")


def test_an_entrys_id_stays_the_same_when_its_page_is_edited(client, publish, on_site):
    publish(case_study_record(slug="kept", title="Commissioning kept"))
    [before] = read(client, "").entries

    publish(case_study_record(slug="kept", title="Commissioning kept, retitled"))
    [after] = read(client, "").entries

    assert after.title == "Commissioning kept, retitled"
    assert after.id == before.id
