"""`search_many` answers each search exactly as `search` does, on both backends, and
`published_after` leaves out what was published before it."""

import datetime
from dataclasses import replace

import pytest

from casestudies.factories import case_study_record
from search.models import Entry
from search.service import search, search_many
from search.types import NEWEST, SearchRequest

pytestmark = pytest.mark.django_db


def test_many_searches_at_once_equal_one_at_a_time(backend, publish):
    publish(
        case_study_record(title="Garden one", themes=["governance"], region="london"),
        case_study_record(title="Garden two", themes=["leadership"], region="wales"),
        case_study_record(title="Budget three", themes=["governance"], region="wales"),
    )
    requests = [
        SearchRequest(),
        SearchRequest("garden"),
        SearchRequest("", {"theme": ("governance",)}, sort=NEWEST),
        SearchRequest("garden", {"region": ("wales", "london"), "theme": ("leadership",)}),
        SearchRequest("", {"region": ("wales",)}, page_size=1, page=2),
    ]

    assert search_many(requests) == [search(request) for request in requests]


def test_published_after_leaves_out_older_documents(backend, publish):
    publish(case_study_record(title="Older"))
    publish(case_study_record(title="Newer"))
    older, newer = (Entry.objects.get(title=t).published_at for t in ("Older", "Newer"))
    assert newer - older > datetime.timedelta(milliseconds=2)  # Elasticsearch keeps ms
    cut = older + (newer - older) / 2

    result = search(SearchRequest(published_after=cut))

    assert [hit.title for hit in result.hits] == ["Newer"]


def test_hits_only_finds_the_same_hits_without_counts_or_snippets(backend, publish):
    """What alerts and feeds ask: the same hits, in the same order, as the full search,
    alone or many at once, with no facet counts and no highlighted snippets."""
    publish(
        case_study_record(title="Garden one", summary="A garden plan.", themes=["governance"]),
        case_study_record(title="Garden two", summary="Another garden.", region="wales"),
        case_study_record(title="Budget three", themes=["governance"], region="wales"),
    )
    requests = [
        SearchRequest("garden"),
        SearchRequest("garden", {"region": ("wales",)}, sort=NEWEST),
        SearchRequest("", {"theme": ("governance",)}),
    ]
    full = [search(request) for request in requests]
    bare = [replace(request, hits_only=True) for request in requests]

    for result, alone, together in zip(full, map(search, bare), search_many(bare), strict=True):
        assert result.facets  # what hits_only leaves out is there in the full search
        if result.request.query:
            assert any(hit.highlights for hit in result.hits)
        for answer in (alone, together):
            assert [hit.doc_id for hit in answer.hits] == [hit.doc_id for hit in result.hits]
            assert answer.total == result.total
            assert answer.facets == {}
            assert all(hit.highlights == [] for hit in answer.hits)
