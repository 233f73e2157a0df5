"""`search_many` answers each search exactly as `search` does, on both backends, and
`published_after` leaves out what was published before it."""

import datetime

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
