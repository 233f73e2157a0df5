"""Topics are saved searches: a query and filters in the form the JSON API takes.

`normalise` reads any query string the way the search page does (`search.params.parse`:
unknown values dropped, caps applied) and writes it back in one canonical form, so two
people asking for the same search share one topic, and one search serves them all. An
alert matches what the search page shows an anonymous visitor, except that member
profiles come only to topics whose kind filter asks for them.
"""

import re
from dataclasses import replace
from urllib.parse import urlencode

from django.http import QueryDict

from search.facets import FACETS, KIND
from search.feeds import describe
from search.kinds import registered_kinds
from search.params import parse, to_params
from search.types import NEWEST, SearchRequest
from search.visibility import ANONYMOUS

MEMBER_KIND = "member"
# Ready-made topics on /newsletter/: the vocabularies people most often follow.
READY_MADE_FACETS = ("theme", "sector", "region")
PAGE_PARAMS = ("page", "page_size", "sort")
LABEL_WORDS_MAX = 80
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
# A scheme, "www.", an "@", or a dot between a word character and two letters (a domain).
_LINK_LIKE = re.compile(r"://|^www\.|@|\w\.[^\W\d_]{2}", re.IGNORECASE)


def normalise(params: QueryDict | str) -> str:
    """The canonical query string of a search: its query and filters, values sorted."""
    if isinstance(params, str):
        params = QueryDict(params)
    params = params.copy()
    for name in PAGE_PARAMS:
        params.pop(name, None)
    request = parse(params, ANONYMOUS)
    filters = {name: tuple(sorted(values)) for name, values in request.filters.items()}
    canonical = SearchRequest(query=request.query, filters=filters)
    return to_params(canonical).urlencode()


def together(topics: list[str]) -> str:
    """Several topics as one saved search that must match them all at once: the topic the
    search page's "Get email alerts for this search" saves for the same ticks. As on
    search, values of one facet are alternatives and facets must all match; "everything
    new" ("") narrows nothing."""
    return normalise("&".join(topics))


def parsed(topic: str) -> SearchRequest:
    """A topic as the search page reads its query string, for an anonymous visitor."""
    return parse(QueryDict(topic), ANONYMOUS)


def search_request(topic: str | SearchRequest, **changes) -> SearchRequest:
    """The anonymous search a topic (or what `parsed` made of it) stands for, newest
    first, its hits alone (an alert lists no facets or snippets); without a kind filter,
    every kind but member profiles."""
    request = parsed(topic) if isinstance(topic, str) else topic
    filters = dict(request.filters)
    if KIND not in filters:
        filters[KIND] = tuple(k.kind for k in registered_kinds() if k.kind != MEMBER_KIND)
    return replace(request, filters=filters, sort=NEWEST, hits_only=True, **changes)


def label(topic: str | SearchRequest) -> str:
    """A topic (or what `parsed` made of it) in words, for every email and page that
    shows one: its facets by their vocabulary labels and its query words after
    "Search:", in quotes and capped (`query_words`). Anyone can put a topic on any
    address, so its words must never read as the site speaking."""
    request = parsed(topic) if isinstance(topic, str) else topic
    words = query_words(request.query)
    described = describe(replace(request, query=words))
    return f"Search: {described}" if words else described


def query_words(query: str) -> str:
    """A query's words as a label may show them: no link or address (mail programs make
    those clickable), no quotation mark that could close the label's own, whitespace
    collapsed, and at most `LABEL_WORDS_MAX` characters, cut at a word with an ellipsis."""
    words = [w for w in query.translate(_QUOTES).split() if not _LINK_LIKE.search(w)]
    text = " ".join(words)
    if len(text) <= LABEL_WORDS_MAX:
        return text
    cut = text[: LABEL_WORDS_MAX + 1]
    cut = cut.rsplit(" ", 1)[0] if " " in cut else cut[:LABEL_WORDS_MAX]
    return cut.rstrip() + "\u2026"


def ready_made() -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(facet name, facet label, [(topic, label)]) for the newsletter page."""
    groups = []
    for name in READY_MADE_FACETS:
        facet = FACETS.get(name)
        if facet is None:
            continue
        choices = [
            (normalise(urlencode({name: value})), value_label)
            for value, value_label in facet.terms().items()
        ]
        groups.append((name, facet.label, choices))
    return groups
