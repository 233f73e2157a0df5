"""The search service's contract: one request type and one result type, shared by the
search page, the JSON API and both backends. Nothing here knows about HTTP."""

import datetime
import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from .query import NOTHING, AnalysedQuery
from .visibility import ANONYMOUS, Viewer

RELEVANCE = "relevance"
NEWEST = "newest"
# Sorts by a facet's values in their order (`facets.Facet.sort_label`): facet -> label,
# filled as kinds register their facets.
FACET_SORTS: dict[str, str] = {}


def sort_labels() -> dict[str, str]:
    """Every sort a request may ask for -> what people read."""
    return {RELEVANCE: "Most relevant", NEWEST: "Newest", **FACET_SORTS}


DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 50
MAX_QUERY_LENGTH = 200


@dataclass(frozen=True)
class SearchRequest:
    query: str = ""
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # facet -> values
    sort: str = RELEVANCE
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE
    viewer: Viewer = ANONYMOUS
    # Search for the words exactly as typed, never for a spelling correction of them.
    exact: bool = False
    # Only documents published after this moment (alerts and feeds ask "what is new").
    published_after: datetime.datetime | None = None
    # Put the pages editors recommend for the words first (the search page, the listings
    # and the API ask for them; feeds and alerts list only what matches).
    recommend: bool = False
    # Ids of documents the page shows elsewhere (recommended ones): not among the results.
    leave_out: tuple[str, ...] = ()
    # Only the hits, as feeds and alerts list them: no facet counts (`facets` is empty) and
    # no highlighted snippets, which cost a search more than finding the hits does.
    hits_only: bool = False
    # The words found nothing: find what holds any one of them, or is close in meaning
    # (the service asks this itself; the page says so).
    closest: bool = False

    def __post_init__(self):
        if self.sort not in sort_labels():
            raise ValueError(f"sort must be one of {', '.join(sort_labels())}, not {self.sort!r}.")
        if not 1 <= self.page_size <= MAX_PAGE_SIZE:
            raise ValueError(f"page_size must be from 1 to {MAX_PAGE_SIZE}.")
        if self.page < 1:
            raise ValueError("page must be 1 or more.")

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size

    def selected(self) -> dict[str, tuple[str, ...]]:
        """The facets with at least one selected value."""
        return {name: values for name, values in self.filters.items() if values}


@dataclass(frozen=True)
class Hit:
    kind: str
    title: str
    url: str
    slug: str
    summary: str
    highlights: list[str]  # HTML-escaped fragments with <mark>
    facets: dict[str, list[str]]  # term facet -> slugs (sector, theme, ...)
    year: int | None
    published_at: datetime.datetime | None
    doc_id: str = ""  # the document's id in the index, stable across rebuilds
    illustrative: bool = False  # an invented example: listings label it


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class SearchResult:
    request: SearchRequest
    total: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]
    suggestion: str | None = None
    degraded: bool = False
    # When these are the results of a spelling correction: the words as typed.
    corrected_from: str | None = None
    # Documents editors recommend for these words, shown before the results (on page 1)
    # and counted in `total`, but never among `hits`.
    promoted: list[Hit] = field(default_factory=list)
    # The analysis of `request.query` that the search read (`query.py`): the page shows
    # its definitions.
    analysed: AnalysedQuery = NOTHING

    @property
    def ranked_total(self) -> int:
        """The results without the recommended ones: what the pages are made of."""
        return self.total - len(self.promoted)

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.ranked_total / self.request.page_size))


@dataclass(frozen=True)
class Suggestion:
    text: str
    url: str
