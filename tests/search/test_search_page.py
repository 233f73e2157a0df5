"""The search page: results, facets, filters removable one by one, every state in the URL,
never indexed by search engines, and clear answers to bad input."""

from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup

from casestudies.factories import case_study_record
from search import fusion

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]

QUOTED = "\u2018{}\u2019"  # the query in curly quotes


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def gardens(es, publish):
    publish(
        *(
            case_study_record(
                title=f"Garden {n}", sectors=["public" if n % 2 else "social"], region="london"
            )
            for n in range(7)
        )
    )


def test_the_page_shows_results_facets_and_is_not_for_search_engines(gardens, client):
    response = client.get("/search/", {"q": "garden", "sector": "public"})

    assert response.status_code == HTTPStatus.OK
    assert response["X-Robots-Tag"] == "noindex"
    page = soup(response)
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert page.find(id="results-title").get_text(
        " ", strip=True
    ) == "3 results for " + QUOTED.format("garden")
    assert len(page.select(".search-result")) == 3
    public = page.find("input", attrs={"name": "sector", "value": "public"})
    social = page.find("input", attrs={"name": "sector", "value": "social"})
    assert public.has_attr("checked") and not social.has_attr("checked")
    assert "(4" in page.find("label", attrs={"for": social["id"]}).get_text()
    assert page.find(id="search-query")["value"] == "garden"


def test_each_selected_filter_has_a_link_that_removes_only_it(gardens, client):
    response = client.get("/search/?q=garden&sector=public&sector=social&region=london&page=2")

    links = {
        a.get_text(" ", strip=True): a["href"]
        for a in soup(response).select(".active-filters__remove")
    }

    assert links == {
        "Remove filter Sector: Public": "?q=garden&sector=social&region=london",
        "Remove filter Sector: Social": "?q=garden&sector=public&region=london",
        "Remove filter Region: London": "?q=garden&sector=public&sector=social",
    }


def test_pagination_keeps_the_search_in_the_url(gardens, client):
    page = soup(client.get("/search/", {"q": "garden", "sort": "newest", "page_size": 5}))

    next_link = page.find("a", attrs={"rel": "next"})
    assert next_link["href"] == "?q=garden&sort=newest&page_size=5&page=2"
    assert page.find(id="search-sort").find("option", selected=True)["value"] == "newest"


def test_a_page_past_the_end_shows_the_last_page(gardens, client):
    response = client.get("/search/", {"q": "garden", "page": "9", "page_size": 5})

    assert response.status_code == HTTPStatus.OK
    page = soup(response)
    assert len(page.select(".search-result")) == 2
    assert page.find(attrs={"aria-current": "page"}).get_text(" ", strip=True) == "Page 2"


def test_a_malformed_page_is_a_400_with_a_sentence(client, db):
    response = client.get("/search/", {"page": "abc"})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    summary = soup(response).find(class_="error-summary")
    assert "There is a problem" in summary.get_text()
    assert "page must be a whole number from 1 to" in summary.get_text()


def test_nothing_found_offers_the_suggestion_and_the_filters_to_remove(
    gardens, client, monkeypatch
):
    # Nothing is near enough in meaning either (`search/fusion.py`).
    monkeypatch.setattr(fusion, "MIN_SIMILARITY", 1.1)
    monkeypatch.setattr(fusion, "CLOSEST_SIMILARITY", 1.1)
    response = client.get("/search/", {"q": "gardn", "sector": "public", "exact": "1"})

    page = soup(response)
    assert page.find(id="results-title").get_text(
        " ", strip=True
    ) == "0 results for " + QUOTED.format("gardn")
    suggestion = page.find(class_="search-suggestion").find("a")
    assert (suggestion.get_text(), suggestion["href"]) == ("garden", "?q=garden")
    assert page.select(".active-filters__remove")
    assert "search without filters" in page.find(class_="search-empty").get_text()


def test_bad_query_syntax_is_never_an_error(gardens, client):
    for query in ['"', "(", "garden -", "||", "<script>alert(1)</script>"]:
        response = client.get("/search/", {"q": query})
        assert response.status_code == HTTPStatus.OK
        assert b"<script>alert(1)</script>" not in response.content
