"""The API's OpenAPI description: valid OpenAPI 3.1, built from the code it describes,
held to the URLconf both ways, with examples that match their own schemas, and a page
for people at /api/."""

import itertools
import re
from http import HTTPStatus
from urllib.parse import parse_qsl, urlsplit

from django.urls import (
    NoReverseMatch,
    Resolver404,
    URLPattern,
    URLResolver,
    get_resolver,
    resolve,
    reverse,
)

import pytest
from bs4 import BeautifulSoup
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate

from network.api import openapi
from search.facets import FACETS, KIND_LABELS, Facet
from search.types import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, sort_labels

# Described paths whose views are still being built: URL name -> the path described. A
# path here may fail to resolve only while its URL name does not exist; once it does,
# the path is held to it like any other. Empty it as the views arrive.
PENDING: dict[str, str] = {}
# The parts of the site the API is: every URL under them must be described.
PUBLIC_PREFIXES = ("api/", "data/")


@pytest.fixture
def document():
    return openapi.document()


def operations(document):
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


def schema_validator(document, schema):
    """A validator of `schema`, whose `#/components/...` references are the document's."""
    return Draft202012Validator({**schema, "components": document["components"]})


def resolved(document, node):
    if "$ref" not in node:
        return node
    for key in node["$ref"].removeprefix("#/").split("/"):
        document = document[key]
    return document


def routes(patterns, prefix=""):
    """Every route of the URLconf, with its name, as `api/search/`."""
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route, pattern.name


def as_openapi_path(route: str) -> str:
    """`data/files/<str:name>` -> `/data/files/{name}`."""
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)


def example_path(path: str) -> str:
    return re.sub(r"\{\w+\}", "example", path)


def test_the_served_document_is_valid_openapi_3_1(client):
    response = client.get("/api/schema/")

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "application/json"
    spec = response.json()
    assert spec["openapi"] == "3.1.0"
    validate(spec)


def test_every_public_url_of_the_urlconf_is_described(document):
    public = {
        as_openapi_path(route)
        for route, _name in routes(get_resolver().url_patterns)
        if route.startswith(PUBLIC_PREFIXES)
    }

    assert public, "No URL under api/ was found: the test reads the URLconf wrongly."
    assert public - set(document["paths"]) == set()


def test_every_described_path_resolves_to_a_view_of_its_own(document):
    pending_paths = {path: name for name, path in PENDING.items()}
    for path in document["paths"]:
        name = pending_paths.get(path)
        try:
            match = resolve(example_path(path))
        except Resolver404:
            match = None
        if match is None or match.url_name == "wagtail_serve":
            if name and not _reverses(name):
                continue  # still being built: see PENDING
            pytest.fail(f"{path} is described but no view of the API answers it.")
        if name:
            assert match.url_name == name, path


def _reverses(name: str) -> bool:
    try:
        reverse(name)
    except NoReverseMatch as error:
        return "not a valid view function or pattern name" not in str(error)
    return True


def test_the_search_parameters_are_read_from_the_code(document):
    parameters = document["components"]["parameters"]

    assert set(FACETS) <= set(parameters)
    assert parameters["kind"]["schema"]["items"]["enum"] == list(KIND_LABELS)
    assert parameters["sort"]["schema"]["enum"] == list(sort_labels())
    assert parameters["page_size"]["schema"]["maximum"] == MAX_PAGE_SIZE
    assert parameters["page_size"]["schema"]["default"] == DEFAULT_PAGE_SIZE
    search = document["paths"]["/api/search/"]["get"]["parameters"]
    assert [p["$ref"].rsplit("/", 1)[1] for p in search] == [
        "q", *FACETS, "sort", "page", "page_size", "exact",
    ]  # fmt: skip


def test_a_facet_that_a_kind_registers_is_described_at_once(monkeypatch):
    monkeypatch.setitem(FACETS, "colour", Facet("colour", "Colour", lambda: {"red": "Red"}))

    document = openapi.document()

    assert document["components"]["parameters"]["colour"]["schema"]["type"] == "array"
    assert "colour" in document["components"]["schemas"]["Hit"]["required"]
    answer = document["components"]["schemas"]["SearchAnswer"]
    assert "colour" in answer["properties"]["facets"]["properties"]


def test_every_example_matches_the_schema_of_its_answer(document):
    checked = 0
    for _path, _method, operation in operations(document):
        for response in operation["responses"].values():
            for content in resolved(document, response).get("content", {}).values():
                validator = schema_validator(document, content["schema"])
                for name, example in content.get("examples", {}).items():
                    errors = [error.message for error in validator.iter_errors(example["value"])]
                    assert errors == [], name
                    checked += 1

    assert checked >= 8


def test_every_example_request_is_a_described_path_with_described_parameters(document):
    for path, _method, operation in operations(document):
        pattern = re.escape(path).replace(r"\{", "{").replace(r"\}", "}")
        pattern = re.sub(r"\{\w+\}", "[^/]+", pattern)
        names = {resolved(document, p)["name"] for p in operation.get("parameters", [])}
        for response in operation["responses"].values():
            for content in resolved(document, response).get("content", {}).values():
                for example in content.get("examples", {}).values():
                    request = urlsplit(example["x-request"])
                    assert re.fullmatch(pattern, request.path), (path, request.path)
                    assert {name for name, _ in parse_qsl(request.query)} <= names, path


@pytest.mark.django_db
def test_the_page_lists_every_endpoint_with_its_parameters_and_examples(client, document):
    response = client.get("/api/")

    assert response.status_code == HTTPStatus.OK
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("h1").get_text(strip=True) == "API"
    assert soup.find("main").find("a", href="/api/schema/")
    headings = [h.get_text(" ", strip=True) for h in soup.find_all("h3")]
    for path, method, _operation in operations(document):
        assert any(h.startswith(f"{method.upper()} {path}") for h in headings), path
    search = soup.find(id="get-api-search").find_parent("section")
    names = [th.get_text(strip=True) for th in search.select("tbody th[scope=row]")][
        : len(FACETS) + 1
    ]
    assert names == ["q", *FACETS]
    assert "/api/search/?q=co-operative+commissioning" in search.find("pre").get_text()


@pytest.mark.django_db
def test_the_page_has_captioned_tables_with_scoped_headers_and_no_skipped_heading(client):
    soup = BeautifulSoup(client.get("/api/").content, "html.parser")

    tables = soup.find_all("table")
    assert tables
    for table in tables:
        assert table.find("caption").get_text(strip=True)
        assert {th["scope"] for th in table.find("thead").find_all("th")} == {"col"}
        assert {th["scope"] for th in table.find("tbody").find_all("th")} == {"row"}
    levels = [int(h.name[1]) for h in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]
    assert all(later - earlier <= 1 for earlier, later in itertools.pairwise(levels))


@pytest.mark.django_db
def test_the_footer_links_to_the_api(client):
    footer = BeautifulSoup(client.get("/glossary/").content, "html.parser").find("footer")

    assert footer.find("a", href="/api/").get_text(strip=True) == "API"


@pytest.mark.django_db
def test_search_engines_may_read_the_api_page_but_not_its_answers(client):
    rules = client.get("/robots.txt").content.decode().splitlines()

    assert rules.index("Allow: /api/$") < rules.index("Disallow: /api/")
