"""One search request, one analysis of its words: the member directory, the search page
and the API read the synonym groups once and build one Elasticsearch query for the words
(two of each when a spelling correction is tried: the correction is other words), and
the database backend's search never runs while Elasticsearch answers. Counted on the
real code path, against the real Elasticsearch and PostgreSQL."""

from collections import Counter
from http import HTTPStatus

import pytest

from casestudies.factories import case_study_record
from search import synonyms
from search.backends import database
from search.backends import elasticsearch as elasticsearch_backend
from tests.factories.members import ProfileFactory, UserFactory

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]


@pytest.fixture
def calls(monkeypatch):
    """How often each counted step ran: reading the synonym groups (each provider
    counts once a read), saying the words in other words, building the Elasticsearch
    query for them, and the database backend's searches."""
    counted = Counter()

    def counting(name, function):
        def wrapper(*args, **kwargs):
            counted[name] += 1
            return function(*args, **kwargs)

        return wrapper

    providers = [counting("synonym groups", provider) for provider in synonyms._PROVIDERS]
    monkeypatch.setattr(synonyms, "_PROVIDERS", providers)
    monkeypatch.setattr(synonyms, "alternatives", counting("alternatives", synonyms.alternatives))
    for module, name in [
        (elasticsearch_backend, "text_query"),
        (database, "search"),
        (database, "documents"),
        (database, "candidates"),
    ]:
        monkeypatch.setattr(
            module, name, counting(f"{module.__name__}.{name}", getattr(module, name))
        )
    return counted


@pytest.fixture
def orchards(es, publish):
    publish(
        case_study_record(slug="orchards", title="Community orchards in Fenmoor"),
        case_study_record(slug="apprentices", title="Apprenticeships in construction"),
    )


def elasticsearch_queries(calls) -> int:
    return calls["search.backends.elasticsearch.text_query"]


def database_backend_ran(calls) -> bool:
    return any(name.startswith("search.backends.database") for name in calls)


@pytest.mark.parametrize("path", ["/search/", "/api/search/"])
def test_a_search_analyses_its_words_once(orchards, client, calls, path):
    response = client.get(path, {"q": "community orchards"})

    assert response.status_code == HTTPStatus.OK
    assert "Community orchards in Fenmoor" in response.content.decode()
    assert calls["synonym groups"] == 1
    assert calls["alternatives"] == 1
    assert elasticsearch_queries(calls) == 1
    assert not database_backend_ran(calls)


def test_a_question_analyses_its_words_once_with_and_without_the_filler(orchards, client, calls):
    response = client.get("/api/search/", {"q": "how do we plant community orchards?"})

    assert response.json()["results"][0]["slug"] == "orchards"
    assert calls["synonym groups"] == 1
    # The words without the filler, and the whole question: is it a glossary term?
    assert calls["alternatives"] == 2
    assert elasticsearch_queries(calls) == 1


def test_a_correction_is_analysed_once_beside_the_words_typed(orchards, client, calls):
    answer = client.get("/api/search/", {"q": "apprentiships construction"}).json()

    assert answer["corrected_from"] == "apprentiships construction"
    assert calls["synonym groups"] == 2
    assert elasticsearch_queries(calls) == 2
    assert not database_backend_ran(calls)


def test_the_member_directory_analyses_its_words_once_also_past_the_last_page(
    es, client, calls, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ProfileFactory(user=UserFactory(confirmed=True), display_name="Ada Orchardson")

    page = client.get("/members/", {"q": "Orchardson", "page": "7"})

    assert page.status_code == HTTPStatus.OK
    assert "Ada Orchardson" in page.content.decode()
    assert calls["synonym groups"] == 1
    # Page 7, then the last page: two searches of the one analysis.
    assert elasticsearch_queries(calls) == 2
    assert not database_backend_ran(calls)


def test_the_database_backend_reads_the_one_analysis_too(orchards, client, calls, settings):
    settings.ELASTICSEARCH_URL = ""

    page = client.get("/search/", {"q": "community orchards"})

    assert "Community orchards in Fenmoor" in page.content.decode()
    assert calls["synonym groups"] == 1
    assert calls["search.backends.database.candidates"] == 1
    assert elasticsearch_queries(calls) == 0
