"""Real answers of the search API, on both backends, match the schemas that its OpenAPI
description gives them: whatever is searched, filtered, sorted, paged or malformed."""

from http import HTTPStatus

import pytest
from jsonschema import Draft202012Validator

from casestudies.factories import case_study_record, seminar_record
from network.api import openapi
from opendata.dump import write_dump

pytestmark = pytest.mark.django_db

SEARCHES = [
    {},
    {"q": "community garden"},
    {"q": "gardn"},  # a spelling correction, or the closest matches
    {"q": "zzzznothingmatches"},
    {"q": "garden*", "sort": "newest"},
    {"sector": ["public", "social"], "stage": "delivery"},
    {"kind": "lesson", "q": "pool budgets"},
    {"year": "2013", "sort": "evidence"},
    {"q": "community garden", "exact": "1", "page_size": 1, "page": 2},
    {"page": 40, "page_size": 10},  # past the end
]


@pytest.fixture
def content(backend, publish):
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


def described_types(path: str, status: str = "200") -> set[str]:
    return set(openapi.document()["paths"][path]["get"]["responses"][status]["content"])


def answer_schema(path: str, status: str) -> Draft202012Validator:
    """A validator of the JSON answer that the description gives `GET path` for `status`."""
    document = openapi.document()
    response = document["paths"][path]["get"]["responses"][status]
    if "$ref" in response:
        response = document["components"]["responses"][response["$ref"].rsplit("/", 1)[1]]
    schema = response["content"]["application/json"]["schema"]
    return Draft202012Validator({**schema, "components": document["components"]})


def errors(validator: Draft202012Validator, body) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(body)
    ]


def test_search_answers_match_the_described_schema(content, client):
    validator = answer_schema("/api/search/", "200")
    for params in SEARCHES:
        response = client.get("/api/search/", params)

        assert response.status_code == HTTPStatus.OK, params
        assert errors(validator, response.json()) == [], params


def test_the_answers_list_results_and_an_empty_page_past_the_end(content, client):
    found = client.get("/api/search/", {"q": "community garden"}).json()
    past_the_end = client.get("/api/search/", {"page": 40, "page_size": 10}).json()

    assert found["results"] and found["facets"]["sector"]
    assert (past_the_end["results"], past_the_end["total"]) == ([], 6)


def test_suggestions_match_the_described_schema(content, client):
    validator = answer_schema("/api/search/suggest/", "200")
    for words in ("comm", "gard", "", "zzzz"):
        body = client.get("/api/search/suggest/", {"q": words}).json()

        assert errors(validator, body) == [], words
    assert client.get("/api/search/suggest/", {"q": "comm"}).json()


@pytest.mark.parametrize(
    "params", [{"page": "abc"}, {"page": "0"}, {"page_size": "500"}, {"page_size": "ten"}]
)
def test_a_malformed_number_is_a_described_400(client, params):
    response = client.get("/api/search/", params)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert errors(answer_schema("/api/search/", "400"), response.json()) == []


def test_the_described_400_example_is_the_apis_own_answer(client):
    example = openapi.document()["components"]["responses"]["BadParameter"]["content"][
        "application/json"
    ]["examples"]["malformed_page"]

    response = client.get(example["x-request"])

    assert response.json() == example["value"]


def test_the_csv_download_answers_with_the_described_type_headers_and_columns(content, client):
    described = openapi.document()["paths"]["/api/search.csv"]["get"]["responses"]["200"]
    example = described["content"]["text/csv"]["examples"]["words"]["value"]

    response = client.get("/api/search.csv", {"q": "community garden"})

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].split(";")[0] in described["content"]
    assert int(response["X-Results-Total"]) >= 1
    assert set(described["headers"]) >= {"X-Results-Total", "X-Results-Capped"}
    text = b"".join(response.streaming_content).decode()
    assert text.splitlines()[0] == example.splitlines()[0]


def test_the_open_data_answers_as_described_before_and_after_a_dump(
    settings, tmp_path, publish, client
):
    settings.OPEN_DATA_ROOT = tmp_path / "opendata"
    settings.ELASTICSEARCH_URL = ""  # a dump reads the database; no index is left behind
    validator = answer_schema("/api/data/", "200")
    assert errors(validator, client.get("/api/data/").json()) == []  # nothing dumped yet
    publish(case_study_record(slug="garden", title="Community garden"))
    write_dump()

    described = client.get("/api/data/").json()

    assert errors(validator, described) == []
    assert described["files"] and described["schemas"]
    for listed, path in [(f, "/data/files/{name}") for f in described["files"]] + [
        (s, "/data/schema/{record_type}.json") for s in described["schemas"]
    ]:
        response = client.get(listed["url"])
        assert response.status_code == HTTPStatus.OK, listed["url"]
        assert response["Content-Type"].split(";")[0] in described_types(path), listed["url"]
    assert client.get("/data/files/nothing.csv").status_code == HTTPStatus.NOT_FOUND
    assert client.get("/data/schema/nothing.json").status_code == HTTPStatus.NOT_FOUND
