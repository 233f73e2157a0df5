"""The database backend's PostgreSQL path (`search/backends/full_text.py`): the weighted
vector is written with the entries and by a rebuild, a request reads a bounded number
of rows however many documents match, and no text typed into the query reaches SQL as
anything but a parameter."""

from django.contrib.postgres.search import SearchQuery
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from casestudies.factories import case_study_record
from search.backends import database, full_text
from search.models import Entry
from search.query import analyse
from search.types import NEWEST, SearchRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def postgresql(no_elasticsearch):
    assert full_text.is_available(), "the database backend's tests run on PostgreSQL"


def database_search(request: SearchRequest):
    """The database backend's result, as the service asks for it."""
    return database.search(request, analyse(request.query))


def titled(word: str):
    """Entries whose title (weight A) holds the word."""
    query = SearchQuery(f"'{word}':A", config=full_text.CONFIG, search_type="raw")
    return Entry.objects.filter(search_vector=query)


def test_an_entry_is_written_with_its_vector_weighted_by_where_words_appear(postgresql, publish):
    publish(case_study_record(slug="o", title="Orchards", summary="Hedges.", body="Meadows."))

    assert [entry.slug for entry in titled("orchards")] == ["o"]
    assert not titled("hedges").exists()  # a summary word weighs B
    assert Entry.objects.filter(search_vector=full_text.term_query("meadow")).count() == 1


def test_a_rebuild_writes_every_entrys_vector(postgresql, publish):
    publish(case_study_record(title="Orchards"), case_study_record(title="Harbours"))
    Entry.objects.update(search_vector=None)

    call_command("search_index", "rebuild", "--no-progress")

    assert Entry.objects.count() > 0
    assert not Entry.objects.filter(search_vector=None).exists()
    assert database_search(SearchRequest("harbour")).total == 1


def queries_of(request: SearchRequest) -> int:
    """The queries of a search once the vocabularies' labels are cached."""
    database_search(request)
    with CaptureQueriesContext(connection) as captured:
        database_search(request)
    return len(captured.captured_queries)


@pytest.mark.parametrize(
    "request_",
    [
        SearchRequest("orchards"),
        SearchRequest("orchards hedges meadows", {"year": ("2014",)}, sort=NEWEST),
        SearchRequest("", {"sector": ("public",), "region": ("london",)}, page=2, page_size=3),
    ],
    ids=["words", "words-facets-newest", "browse-facets-page-2"],
)
def test_a_search_costs_the_same_number_of_queries_however_many_documents_match(
    postgresql, publish, request_
):
    def some(numbers):
        facets = {"year": 2014, "sectors": ["public"], "region": "london"}
        return [case_study_record(title=f"Orchards {n}", **facets) for n in numbers]

    publish(*some(range(4)))
    few = queries_of(request_)
    publish(*some(range(4, 14)))

    assert queries_of(request_) == few


@pytest.mark.parametrize(
    "query",
    [
        "orchards' & | ! <-> :* ( ) \\",
        '"orchards" \'hedges',
        "orchards\x00hedges",
        "!!!:*",
        "'':* & ''",
        "orchards " * 400,
        "a:A | b:*B <2> c",
        "%s %(name)s {0} ; DROP TABLE search_entry; --",
    ],
)
def test_hostile_text_reaches_sql_only_as_parameters(postgresql, publish, query):
    publish(case_study_record(title="Orchards and hedges"))

    result = database_search(SearchRequest(query))
    database.suggest(query, result.request.viewer, 5)
    database.similar_to_text(query, "case_study", None, result.request.viewer, 5)

    assert result.degraded
    assert Entry.objects.exists()
    assert result.total in (0, 1)
