"""The JSON API: its shape, its parameters, and a 400 with a sentence for bad numbers."""

from http import HTTPStatus

import pytest

from casestudies.factories import case_study_record, seminar_record
from search.types import MAX_QUERY_LENGTH

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]


@pytest.fixture
def content(es, publish):
    publish(
        case_study_record(
            slug="garden",
            title="Community garden",
            summary="A community garden on council land.",
            sectors=["public"],
            year=2013,
        ),
        case_study_record(title="Garden city", sectors=["social"], stages=["delivery"]),
        seminar_record(slug="listening", title="Listening seminar", date="2013-03-14"),
    )


def test_a_search_answers_in_the_documented_shape(content, client):
    body = client.get("/api/search/", {"q": "community garden"}).json()

    assert list(body) == [
        "query", "total", "page", "page_size", "degraded", "suggestion", "corrected_from",
        "closest", "results", "facets",
    ]  # fmt: skip
    assert (body["query"], body["page"], body["page_size"], body["degraded"]) == (
        "community garden", 1, 20, False,
    )  # fmt: skip
    first = body["results"][0]
    documented = {
        "kind", "title", "url", "slug", "summary", "highlights", "sector", "theme",
        "outcome_area", "stage", "region", "organisation_type", "evidence", "year", "published_at",
        "recommended",
        "illustrative",
    }  # fmt: skip
    # Kinds may bring facets of their own: members bring `role`, `contributed` and
    # `open_to_questions`, questions bring `answered`. Every hit carries every facet, so
    # each result has the same keys (empty lists where its kind has none).
    brought = {"role", "contributed", "open_to_questions", "answered"}
    assert documented <= set(first) <= documented | brought
    assert (first["kind"], first["slug"], first["url"]) == (
        "case_study", "garden", "/case-studies/garden/",
    )  # fmt: skip
    assert first["sector"] == ["public"]
    assert first["recommended"] is False
    assert first["year"] == 2013
    assert first["published_at"].startswith("20")
    assert any("<mark>" in fragment for fragment in first["highlights"])
    assert {"value": "public", "label": "Public", "count": 1, "selected": False} in body["facets"][
        "sector"
    ]
    assert set(body["facets"]) >= {
        "kind", "sector", "theme", "outcome_area", "stage", "region", "organisation_type", "year",
    }  # fmt: skip


def test_a_lessons_url_and_slug_end_with_its_anchor(content, client):
    body = client.get("/api/search/", {"kind": "lesson", "q": "pool budgets"}).json()

    (lesson,) = body["results"]
    assert lesson["url"] == "/seminars/listening/#lesson-pool-budgets"
    assert lesson["slug"] == "listening#lesson-pool-budgets"


def test_facets_are_repeatable_and_unknown_values_are_ignored(content, client):
    body = client.get(
        "/api/search/?sector=public&sector=social&sector=martian&stage=delivery&colour=red"
    ).json()

    assert [hit["title"] for hit in body["results"]] == ["Garden city"]
    selected = {v["value"] for v in body["facets"]["sector"] if v["selected"]}
    assert selected == {"public", "social"}


def test_a_page_past_the_end_is_an_empty_list_with_the_right_total(content, client):
    body = client.get("/api/search/", {"page": 40, "page_size": 10}).json()

    assert body["results"] == []
    assert body["total"] == 6  # two case studies, a seminar and its three lessons
    assert body["page"] == 40


def test_a_page_beyond_elasticsearchs_window_is_still_an_answer(content, client):
    body = client.get("/api/search/", {"page": 100_000, "page_size": 50}).json()

    assert (body["results"], body["total"]) == ([], 6)


def test_an_over_long_query_is_cut(content, client):
    body = client.get("/api/search/", {"q": "garden " * 100}).json()

    assert len(body["query"]) <= MAX_QUERY_LENGTH
    assert body["query"].startswith("garden garden")


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"page": "abc"}, "page"),
        ({"page": "0"}, "page"),
        ({"page": "-1"}, "page"),
        ({"page": "1.5"}, "page"),
        ({"page": "9" * 40}, "page"),
        ({"page_size": "500"}, "page_size"),
        ({"page_size": "0"}, "page_size"),
        ({"page_size": "ten"}, "page_size"),
    ],
)
def test_a_malformed_number_is_a_400_with_a_sentence(client, db, params, named):
    response = client.get("/api/search/", params)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    error = response.json()["error"]
    assert error.startswith(f"{named} must be a whole number from 1 to ")
    assert error.endswith(".")


def test_suggest_completes_titles(content, client):
    response = client.get("/api/search/suggest/", {"q": "comm"})

    assert response.json() == [{"text": "Community garden", "url": "/case-studies/garden/"}]
    assert client.get("/api/search/suggest/").json() == []
