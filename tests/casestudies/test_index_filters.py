"""The case study index is a listing of the one faceted view: published case studies,
newest first, with the same checkbox facets, counts and parameters as the site search."""

from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup

from casestudies.factories import case_study_record

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def database_backend(settings):
    settings.ELASTICSEARCH_URL = ""  # the same view answers from either backend


@pytest.fixture
def many_case_studies(publish):
    """Thirteen London case studies in the public sector, and one in Wales."""
    publish(*[case_study_record(region="london", sectors=["public"]) for _ in range(13)])
    publish(case_study_record(region="wales", sectors=["social"], title="Welsh one"))


def _get(client, params=None) -> BeautifulSoup:
    response = client.get("/case-studies/", params or {})
    assert response.status_code == HTTPStatus.OK
    return BeautifulSoup(response.content, "html.parser")


def _count(soup) -> str:
    return soup.find(id="results-title").get_text(" ", strip=True)


def test_index_lists_newest_first_and_never_a_draft(client, publish):
    publish(
        case_study_record(slug="old", title="Old one", year=2013, sectors=["public"]),
        case_study_record(slug="new", title="New one", year=2020, sectors=["social"]),
        case_study_record(slug="draft", title="Draft one", year=2024, published=False),
    )

    html = str(_get(client).find(id="results"))

    assert html.index("New one") < html.index("Old one")
    assert "Draft one" not in html


def test_facets_combine_and_count_like_the_search(client, many_case_studies):
    soup = _get(client, {"sector": "public", "region": "london"})

    assert _count(soup) == "13 case studies"
    london = soup.find("input", attrs={"name": "region", "value": "london"})
    assert london.has_attr("checked")
    # Wales has no public-sector case study: with the sector chosen, it is not offered.
    assert soup.find("input", attrs={"name": "region", "value": "wales"}) is None
    social = soup.find("input", attrs={"name": "sector", "value": "social"})
    assert social is None  # nothing social in London either
    assert soup.find("input", attrs={"name": "kind"}) is None  # the page fixes the kind
    assert "Welsh one" not in str(soup.find(id="results"))


def test_pagination_keeps_the_filters(client, many_case_studies):
    first = _get(client, {"region": "london", "page_size": "10"})
    next_link = first.find("nav", class_="pagination").find("a", rel="next")

    assert next_link["href"] == "?region=london&page_size=10&page=2"
    second = _get(client, {"region": "london", "page_size": "10", "page": "2"})
    assert len(second.select("ol.search-results > li")) == 3


def test_nothing_matching_is_explained(client, many_case_studies):
    soup = _get(client, {"region": "london", "sector": "social"})

    assert "No case studies match these filters" in soup.find("main").get_text()


def test_unknown_filter_values_and_bad_page_numbers_are_not_errors(client, publish):
    publish(case_study_record(slug="only", title="Only one"))

    for params in ({"sector": "nonsense"}, {"page": "999"}, {"region": "x"}):
        response = client.get("/case-studies/", params)
        assert response.status_code == HTTPStatus.OK
        assert "Only one" in response.content.decode()
    assert client.get("/case-studies/", {"page": "abc"}).status_code == HTTPStatus.BAD_REQUEST
