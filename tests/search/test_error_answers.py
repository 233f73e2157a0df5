"""Whatever Elasticsearch answers, no search surface fails: an error status, a server
that is not Elasticsearch, or an empty body all mean "answer from the database"."""

from http import HTTPStatus

import pytest

from casestudies.factories import case_study_record
from casestudies.models import CaseStudyPage
from search import client as search_client
from tests.support.faults import FakeElasticsearch, error_body

pytestmark = pytest.mark.django_db

ANSWERS = {
    **{
        f"status {status}": (status, error_body(status), None)
        for status in (400, 401, 403, 409, 429, 500, 503)
    },
    "200 without the product header": (200, {"hits": {"hits": []}}, {}),
    "empty 200": (200, b"", None),
    "200 of the wrong shape": (200, {"took": 1}, None),
}
SURFACES = {
    "search page": ("/search/", {"q": "allotments", "sector": "public"}),
    "search API": ("/api/search/", {"q": "allotments"}),
    "autocomplete": ("/api/search/suggest/", {"q": "allot"}),
    "member directory": ("/members/", {"q": "manager"}),
}


@pytest.fixture(params=list(ANSWERS), ids=list(ANSWERS))
def fake(request, settings):
    status, body, headers = ANSWERS[request.param]
    server = FakeElasticsearch(status, body, headers).start()
    settings.ELASTICSEARCH_URL = server.url
    search_client._down_until.clear()
    yield server
    server.stop()


@pytest.fixture
def allotments(publish, settings):
    settings.ELASTICSEARCH_URL = ""  # written to the database backend only
    publish(
        case_study_record(slug="allotments", title="Allotments for all", sectors=["public"]),
        case_study_record(slug="orchards", title="Community orchards", sectors=["public"]),
    )
    return CaseStudyPage.objects.get(slug="allotments")


def test_every_search_surface_answers_from_the_database(allotments, fake, client):
    answers = {}
    for surface, (path, params) in SURFACES.items():
        search_client.mark_up()  # ask Elasticsearch every time, not only the first
        answers[surface] = client.get(path, params)

    assert {surface: r.status_code for surface, r in answers.items()} == dict.fromkeys(
        SURFACES, HTTPStatus.OK
    )
    assert fake.requests >= len(SURFACES)  # Elasticsearch was asked each time, and failed
    body = answers["search API"].json()
    assert body["degraded"] is True
    assert [hit["title"] for hit in body["results"]] == ["Allotments for all"]
    assert [item["text"] for item in answers["autocomplete"].json()] == ["Allotments for all"]
    assert "Allotments for all" in answers["search page"].content.decode()


def test_a_case_study_page_shows_related_case_studies_from_the_database(allotments, fake, client):
    response = client.get(allotments.url)

    assert response.status_code == HTTPStatus.OK
    assert fake.requests >= 1
    assert "Community orchards" in response.content.decode()
