"""Query parameters -> `SearchRequest`, shared by the search page and the JSON API.

Bad input gets a clear answer and loses nothing: unknown facet values and sorts are
ignored, an over-long query is cut, and a malformed number raises `BadParameter` with a
sentence saying what was wrong (the views answer 400 with it).
"""

from django.http import QueryDict

from .facets import FACETS
from .types import (
    DEFAULT_PAGE_SIZE,
    MAX_PAGE_SIZE,
    MAX_QUERY_LENGTH,
    RELEVANCE,
    SORTS,
    SearchRequest,
)
from .visibility import Viewer

MAX_PAGE = 100_000


class BadParameter(ValueError):
    """A parameter that cannot be read; the message is a sentence for people."""


def parse(params: QueryDict, viewer: Viewer) -> SearchRequest:
    sort = params.get("sort", RELEVANCE)
    return SearchRequest(
        query=clean_query(params.get("q", "")),
        filters=_filters(params),
        sort=sort if sort in SORTS else RELEVANCE,
        page=_whole_number(params, "page", default=1, maximum=MAX_PAGE),
        page_size=_whole_number(
            params, "page_size", default=DEFAULT_PAGE_SIZE, maximum=MAX_PAGE_SIZE
        ),
        viewer=viewer,
    )


def clean_query(text: str) -> str:
    """Whitespace squashed, and cut to MAX_QUERY_LENGTH characters at a word boundary."""
    text = " ".join(text.split())
    if len(text) > MAX_QUERY_LENGTH:
        text = text[:MAX_QUERY_LENGTH].rsplit(" ", 1)[0]
    return text


def _filters(params: QueryDict) -> dict[str, tuple[str, ...]]:
    filters = {}
    for name, facet in FACETS.items():
        values = [value for value in params.getlist(name) if facet.is_valid(value)]
        if values:
            filters[name] = tuple(dict.fromkeys(values))
    return filters


def _whole_number(params: QueryDict, name: str, *, default: int, maximum: int) -> int:
    raw = params.get(name, "").strip()
    if not raw:
        return default
    if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= maximum:
        shown = raw if len(raw) <= 20 else f"{raw[:20]}…"
        raise BadParameter(
            f"{name} must be a whole number from 1 to {maximum}, like {name}={default}, "
            f"not “{shown}”."
        )
    return int(raw)
