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

from base.clean_text import one_line
from base.numbers import BadNumber, whole_number

from .facets import FACETS
from .types import (
    DEFAULT_PAGE_SIZE,
    MAX_PAGE_SIZE,
    MAX_QUERY_LENGTH,
    RELEVANCE,
    SearchRequest,
    sort_labels,
)
from .visibility import Viewer

MAX_PAGE = 100_000
MAX_QUERY_WORDS = 32
# Words with a fuzzy (`~`) or prefix (`*`) operator each expand into many terms: the
# first few keep it, the rest are searched as plain words.
MAX_EXPANDING_WORDS = 3
# More than any vocabulary has values; enough years for any real question.
MAX_VALUES_PER_FACET = 20
_EXPANDING = re.compile(r"~\d*|\*")


# A parameter that cannot be read; the message is a sentence for people.
BadParameter = BadNumber


def parse(params: QueryDict, viewer: Viewer) -> SearchRequest:
    sort = params.get("sort", RELEVANCE)
    return SearchRequest(
        query=clean_query(params.get("q", "")),
        filters=_filters(params),
        sort=sort if sort in sort_labels() else RELEVANCE,
        page=whole_number(params, "page", default=1, maximum=MAX_PAGE),
        page_size=whole_number(
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


def clean_query(text: str) -> str:
    """Control characters dropped, whitespace squashed, at most MAX_QUERY_WORDS words of
    which MAX_EXPANDING_WORDS keep their fuzzy or prefix operators, cut to
    MAX_QUERY_LENGTH characters at a word boundary."""
    words = []
    expanding = 0
    cleaned = one_line(text[: MAX_QUERY_LENGTH * 2])
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
