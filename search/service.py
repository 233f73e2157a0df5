"""The search service: one request type in, one result type out, for the search page, the
JSON API, the member directory and related case studies alike.

Elasticsearch answers when it is configured and answering; otherwise the database does,
and the result says `degraded`. Every failure of Elasticsearch to answer (no connection, a
timeout, any error status, a body that is not what was asked for; `client.ANSWER_ERRORS`)
falls back and is logged; an error of our own code is a bug and is raised. When the index
is too far behind the database (more changes waiting in the outbox than a search can
leave out), the database answers too, without counting it as a failure.

A search's words are analysed once (`query.analyse`: their forms, synonyms, ideas and
definitions), and every step (the search, the correction, either backend) reads that
one analysis.
"""

import logging
from collections.abc import Callable
from dataclasses import replace
from typing import TypeVar

from base.clean_text import one_line

from . import client, entries, kinds, promotions, spelling, vectors
from .backends import database
from .backends import elasticsearch as elasticsearch_backend
from .params import clean_query
from .query import AnalysedQuery, analyse
from .types import SearchRequest, SearchResult, Suggestion
from .visibility import ANONYMOUS, Viewer

__all__ = [
    "SearchRequest",
    "SearchResult",
    "related",
    "search",
    "search_many",
    "similar_to_text",
    "suggest",
]

logger = logging.getLogger(__name__)
T = TypeVar("T")

SUGGESTION_LIMIT = 8
SUGGEST_LENGTH = 100
RELATED_LIMIT = 4
SIMILAR_TEXT_LENGTH = 1000


def _answer(with_elasticsearch: Callable[[], T], with_database: Callable[[], T]) -> T:
    if client.should_try():
        try:
            return with_elasticsearch()
        except elasticsearch_backend.IndexBehind:
            pass
        except client.ANSWER_ERRORS as error:
            logger.warning("Answering from the database. %s", client.explain(error))
            client.mark_down()
    return with_database()


def search(request: SearchRequest, analysed: AnalysedQuery | None = None) -> SearchResult:
    """The results, spelling corrected when the words look misspelt (`_corrected`). Pages
    editors recommend for the words come first, in `promoted` (`promotions.py`).
    `analysed` is the analysis of the request's words when the caller has made it
    already (a page past the end asks again for the last page)."""
    if analysed is None:
        analysed = analyse(request.query)
    elif analysed.text != request.query:
        raise ValueError("The analysis given is not of the request's words.")
    promoted = _promoted(request)
    if not promoted:
        return _corrected(request, analysed)
    leave_out = tuple(hit.doc_id for hit in promoted)
    result = _corrected(replace(request, leave_out=leave_out), analysed)
    return replace(result, promoted=promoted, total=result.total + len(promoted))


def _promoted(request: SearchRequest):
    if not promotions.applies_to(request):
        return []
    ids, sources = promotions.candidates(request.query)
    if not ids:
        return []
    hits = _answer(
        lambda: elasticsearch_backend.documents(ids, sources, request),
        lambda: database.documents(ids, sources, request),
    )
    return promotions.own_documents(hits)


def _corrected(request: SearchRequest, analysed: AnalysedQuery) -> SearchResult:
    """The results; for words the backend thinks misspelt (Elasticsearch's suggester, the
    database's vocabulary of public words), those of its correction when that finds at
    least as much ("Showing results for …", with `corrected_from`). Only words that are
    no real word are corrected (`_search`)."""
    result = _search(request, analysed)
    if request.exact or not result.suggestion:
        return _or_closest(result)
    correction = replace(request, query=result.suggestion, exact=True)
    corrected = _search(correction, analyse(correction.query))
    # Both answers from the same backend: otherwise the totals do not compare.
    if corrected.total >= max(result.total, 1) and corrected.degraded == result.degraded:
        return replace(corrected, corrected_from=request.query)
    return _or_closest(result)


def _or_closest(result: SearchResult) -> SearchResult:
    """When the words find nothing, what is closest: documents holding any one of them,
    or near in meaning (`SearchRequest.closest`), rather than an empty page. Not for
    feeds and alerts, which list what matches."""
    request = result.request
    if result.total or not request.query or request.hits_only or request.closest:
        return result
    closest = _search(replace(request, closest=True), result.analysed)
    return replace(closest, suggestion=result.suggestion) if closest.total else result


def _search(request: SearchRequest, analysed: AnalysedQuery) -> SearchResult:
    result = _answer(
        lambda: elasticsearch_backend.search(request, analysed),
        lambda: database.search(request, analysed),
    )
    return replace(result, analysed=analysed, suggestion=_suggestion(request, analysed, result))


def _suggestion(
    request: SearchRequest, analysed: AnalysedQuery, result: SearchResult
) -> str | None:
    """A correction that does no harm: none for a query using a term of the glossary or
    the synonyms (an acronym the dictionary does not know); else the backend's, keeping
    only its corrections of words that are no real word (`spelling.harmless`)."""
    if analysed.names_a_term:
        return None
    return spelling.harmless(request.query, result.suggestion)


def search_many(requests: list[SearchRequest]) -> list[SearchResult]:
    """The results of many searches at once, each as `search` answers its words exactly as
    given (no spelling correction: an alert searches what was saved): for work such as
    alerts that asks hundreds of searches in one go. Elasticsearch takes
    them in a few multi-search requests; the database reads the rows shared by searches
    with the same words once. Each different set of words is analysed once."""
    if not requests:
        return []
    by_words = {text: analyse(text) for text in dict.fromkeys(r.query for r in requests)}
    analyses = [by_words[request.query] for request in requests]
    results = _answer(
        lambda: elasticsearch_backend.search_many(requests, analyses),
        lambda: database.search_many(requests, analyses),
    )
    return [replace(r, analysed=a) for r, a in zip(results, analyses, strict=True)]


def suggest(
    text: str, viewer: Viewer = ANONYMOUS, limit: int = SUGGESTION_LIMIT
) -> list[Suggestion]:
    """Titles completing `text`, for autocomplete."""
    text = clean_query(text)[:SUGGEST_LENGTH]
    if not text:
        return []
    return _answer(
        lambda: elasticsearch_backend.suggest(text, viewer, limit),
        lambda: database.suggest(text, viewer, limit),
    )


def related(doc_id: str, viewer: Viewer = ANONYMOUS, limit: int = RELATED_LIMIT):
    """Up to `limit` other published case studies like the document `doc_id`: by its
    words and facet values, and by its meaning (the vector its entry holds)."""
    meaning = entries.meaning_of(doc_id)
    return _answer(
        lambda: elasticsearch_backend.related(doc_id, meaning, viewer, limit),
        lambda: database.related(doc_id, meaning, viewer, limit),
    )


def similar_to_text(text: str, kind: str, viewer: Viewer = ANONYMOUS, limit: int = RELATED_LIMIT):
    """Up to `limit` documents of `kind` like a text that is not in the index (a draft
    being written): Elasticsearch's more-like-this, or shared title words, fused with
    the documents nearest the text's meaning."""
    text = one_line(text)[:SIMILAR_TEXT_LENGTH]
    if not text.strip():
        return []
    meaning = vectors.embed_query(text) if kinds.found_by_meaning(kind) else None
    return _answer(
        lambda: elasticsearch_backend.similar_to_text(text, kind, meaning, viewer, limit),
        lambda: database.similar_to_text(text, kind, meaning, viewer, limit),
    )
