"""When Elasticsearch is unreachable or not configured, the page and the API answer from
the database with `degraded: true`, and saving content still works."""

import logging
from http import HTTPStatus

import pytest

from casestudies.factories import case_study_record
from search import client as search_client
from search.models import OutboxItem
from tests.support.indexes import CLOSED_PORT_URL

pytestmark = pytest.mark.django_db


@pytest.fixture
def unreachable(settings):
    settings.ELASTICSEARCH_URL = CLOSED_PORT_URL


def test_the_api_answers_from_the_database_when_elasticsearch_is_unreachable(
    publish, unreachable, client, caplog
):
    publish(case_study_record(title="Community garden", sectors=["public"]))
    search_client.mark_up()  # the failed save marked it down; let the search try again

    with caplog.at_level(logging.WARNING, logger="search"):
        response = client.get("/api/search/", {"q": "garden", "sector": "public"})

    assert response.status_code == HTTPStatus.OK
    body = response.json()
    assert body["degraded"] is True
    assert [hit["title"] for hit in body["results"]] == ["Community garden"]
    assert body["facets"]["sector"][0] == {
        "value": "public",
        "label": "Public",
        "count": 1,
        "selected": True,
    }
    assert "Answering from the database. No Elasticsearch node answered" in caplog.text


def test_the_page_answers_from_the_database_and_says_so(publish, unreachable, client):
    publish(case_study_record(title="Community garden"))

    response = client.get("/search/", {"q": "garden"})

    assert response.status_code == HTTPStatus.OK
    assert "Search is running in a simpler mode" in response.text
    assert "Community garden" in response.text


def test_autocomplete_and_related_fall_back_too(publish, unreachable, client):
    publish(case_study_record(title="Community garden"))

    response = client.get("/api/search/suggest/", {"q": "comm"})

    assert response.status_code == HTTPStatus.OK
    assert response.json()[0]["text"] == "Community garden"


def test_without_elasticsearch_configured_search_is_degraded(publish, no_elasticsearch, client):
    publish(case_study_record(title="Community garden"))

    body = client.get("/api/search/", {"q": "gardens"}).json()

    assert body["degraded"] is True
    assert [hit["title"] for hit in body["results"]] == ["Community garden"]
    assert not OutboxItem.objects.exists()


def test_publishing_while_elasticsearch_is_down_succeeds_and_fills_the_outbox(publish, unreachable):
    publish(case_study_record(slug="garden", title="Community garden"))

    (item,) = OutboxItem.objects.all()
    assert item.source.startswith("casestudies.casestudypage:")
