"""Query parameters -> `SearchRequest`, shared by the search page and the JSON API.

Bad input gets a clear answer and loses nothing: unknown facet values and sorts are
ignored, an over-long query is cut, and a malformed number raises `BadParameter` with a
sentence saying what was wrong (the views answer 400 with it).

One anonymous request costs a bounded amount of work, whatever it asks: control
characters are dropped before any backend sees the text, and there are caps on the words
of a query, on the words that expand into many terms (fuzzy `~` and prefix `*`
operators), and on the values of each facet.
"""

import re

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
MAX_QUERY_WORDS = 32
# Words with a fuzzy (`~`) or prefix (`*`) operator each expand into many terms: the
# first few keep it, the rest are searched as plain words.
MAX_EXPANDING_WORDS = 3
# More than any vocabulary has values; enough years for any real question.
MAX_VALUES_PER_FACET = 20
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_EXPANDING = re.compile(r"~\d*|\*")


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
        exact=params.get("exact") == "1",
    )


def to_params(request: SearchRequest, hidden: tuple[str, ...] = ()) -> QueryDict:
    """The query string of a request, as `parse` reads it back: what the request holds
    (not what was typed), so links built from it are as long as the request allows.
    `hidden` facets are fixed by the page and stay out of its links."""
    params = QueryDict(mutable=True)
    if request.query:
        params["q"] = request.query
    for name, values in request.selected().items():
        if name not in hidden:
            params.setlist(name, list(values))
    if request.sort != RELEVANCE:
        params["sort"] = request.sort
    if request.page_size != DEFAULT_PAGE_SIZE:
        params["page_size"] = str(request.page_size)
    if request.exact:
        params["exact"] = "1"
    return params


def without_control_characters(text: str) -> str:
    """The text with every control character (NUL included) replaced by a space."""
    return _CONTROL.sub(" ", text)


def clean_query(text: str) -> str:
    """Control characters dropped, whitespace squashed, at most MAX_QUERY_WORDS words of
    which MAX_EXPANDING_WORDS keep their fuzzy or prefix operators, cut to
    MAX_QUERY_LENGTH characters at a word boundary."""
    words = []
    expanding = 0
    cleaned = without_control_characters(text[: MAX_QUERY_LENGTH * 2])
    for word in cleaned.split()[:MAX_QUERY_WORDS]:
        if _EXPANDING.search(word):
            expanding += 1
            if expanding > MAX_EXPANDING_WORDS:
                word = _EXPANDING.sub("", word)
        if word:
            words.append(word)
    text = " ".join(words)
    if len(text) > MAX_QUERY_LENGTH:
        text = text[:MAX_QUERY_LENGTH].rsplit(" ", 1)[0]
    return text


def _filters(params: QueryDict) -> dict[str, tuple[str, ...]]:
    """The first MAX_VALUES_PER_FACET known values of each facet, each once."""
    filters = {}
    for name, facet in FACETS.items():
        values = []
        is_valid = facet.validator()
        for value in dict.fromkeys(params.getlist(name)):
            if is_valid(value):
                values.append(value)
                if len(values) == MAX_VALUES_PER_FACET:
                    break
        if values:
            filters[name] = tuple(values)
    return filters


def _whole_number(params: QueryDict, name: str, *, default: int, maximum: int) -> int:
    raw = params.get(name, "").strip()
    if not raw:
        return default
    well_formed = raw.isascii() and raw.isdigit() and len(raw) <= len(str(maximum))
    if not well_formed or not 1 <= int(raw) <= maximum:
        shown = raw if len(raw) <= 20 else f"{raw[:20]}…"
        raise BadParameter(
            f"{name} must be a whole number from 1 to {maximum}, like {name}={default}, "
            f"not “{shown}”."
        )
    return int(raw)
