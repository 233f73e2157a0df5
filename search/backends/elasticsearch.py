"""The Elasticsearch backend, built with elasticsearch-dsl.

A search with words finds what they match together with the documents nearest to their
meaning (a `knn` clause on the `vector` field, `fusion.py`), and orders the two by
reciprocal rank fusion: one multi-search asks for the words' order (with the total and
the facet counts, exact for that set) and the meaning's order, both as ids, and a second
request fetches the page's documents with their matches marked. Sorted by newest, or
without vectors, it is one request.

Facets are disjunctive: the hits are narrowed by a `post_filter` holding every selection,
and each facet's counts come from a filter aggregation holding every *other* facet's
selection, so ticking a value never hides the other values of its own facet.

Every request leaves out the documents of sources waiting in the outbox: the database
has changed them (perhaps withdrawn them) and the index does not know yet.
"""

import functools
from dataclasses import replace
from typing import Any

from django.utils.dateparse import parse_datetime

from elasticsearch.dsl import Search
from elasticsearch.dsl import query as dsl

from .. import fusion, outbox
from ..client import UnexpectedAnswer, alias, expect, search_client
from ..facets import FACETS, YEAR, facet_values, term_facets
from ..kinds import RELATED_FACETS, related_kinds
from ..mapping import TEXT_FIELDS
from ..query import AnalysedQuery
from ..text import highlights, marked
from ..types import FACET_SORTS, NEWEST, Hit, SearchRequest, SearchResult, Suggestion
from ..visibility import Viewer
from ..words import compound_forms

FACET_SIZE = 200
MAX_HIGHLIGHTS = 2
MAX_WINDOW = 10_000  # Elasticsearch's index.max_result_window
SUMMARY_FIELDS = ["kind", "title", "url", "slug", "summary", YEAR, "published_at", "illustrative"]
# Up to two search words must all match; of up to five, three in four; of more, three in
# five (`words.required_matches` is the same rule for the database backend).
MINIMUM_SHOULD_MATCH = "2<75% 5<60%"
# A document naming only an idea of the query (`synonyms.concepts`) scores this much of
# what its words would.
CONCEPT_BOOST = 0.3
# Autocomplete forgives one typo once this many characters have been typed.
FUZZY_FROM = 5
# More sources waiting than this and the index is too far behind: the database answers.
MAX_EXCLUDED = 1_000


class IndexBehind(Exception):
    """More changes wait in the outbox than a search can leave out."""


def _waiting() -> list[str]:
    sources = outbox.pending_sources(MAX_EXCLUDED)
    if sources is None:
        raise IndexBehind
    return sources


def _current(search: Search, waiting: list[str] | None = None) -> Search:
    """Without the documents whose sources wait in the outbox (read once per call unless
    the caller has read them for a batch)."""
    waiting = _waiting() if waiting is None else waiting
    return search.exclude(dsl.Terms(source=waiting)) if waiting else search


def _reads_answer(parse):
    """A body of the wrong shape is Elasticsearch's fault, not ours: UnexpectedAnswer."""

    @functools.wraps(parse)
    def wrapper(*args, **kwargs):
        try:
            return parse(*args, **kwargs)
        except (KeyError, TypeError, IndexError, AttributeError, ValueError) as error:
            raise UnexpectedAnswer(
                f"Elasticsearch answered in an unexpected shape: {error!r}"
            ) from error

    return wrapper


def _fields(*, shingles: bool) -> list[str]:
    if shingles:
        return [f"{name}.shingles^{w}" for name, (w, has) in TEXT_FIELDS.items() if has]
    return [f"{name}^{weight}" for name, (weight, _) in TEXT_FIELDS.items()]


def text_query(analysed: AnalysedQuery, loose: bool = False) -> dsl.Query:
    """Words through `simple_query_string` (bad syntax cannot fail), also made plain where
    hunspell falls short (see `words.py`) and said in other words (`synonyms.py`), each
    with its compounds written every way (`words.compound_forms`), with a boost for
    documents holding the words next to each other (matched through two-word shingles).
    `loose`: any one of the words will do (`SearchRequest.closest`)."""
    if not analysed.text:
        return dsl.MatchAll()
    plainer = [] if analysed.plainer is None else [analysed.plainer]
    said = [analysed.words, *plainer, *analysed.alternatives]
    every_form = dict.fromkeys(f for t in said for f in compound_forms(t))
    forms = [_words(text, loose) for text in every_form]
    forms += [_any_of(phrases) for phrases in analysed.concepts]
    words = forms[0] if len(forms) == 1 else dsl.Bool(should=forms, minimum_should_match=1)
    phrases = dsl.MultiMatch(query=analysed.text, fields=_fields(shingles=True), type="most_fields")
    return dsl.Bool(must=[words], should=[phrases])


def _words(text: str, loose: bool = False) -> dsl.Query:
    return dsl.SimpleQueryString(
        query=text,
        fields=_fields(shingles=False),
        default_operator="or",
        minimum_should_match="1" if loose else MINIMUM_SHOULD_MATCH,
    )


def _any_of(phrases: tuple[str, ...]) -> dsl.Query:
    """Any of an idea's phrases, scoring below a match of the query's words."""
    return dsl.SimpleQueryString(
        query=" | ".join(phrases),
        fields=_fields(shingles=False),
        default_operator="or",
        boost=CONCEPT_BOOST,
    )


def _summary_source() -> list[Any]:
    """The fields a hit shows: its summary and its classification."""
    return [*SUMMARY_FIELDS, *term_facets()]


def _terms(filters: dict[str, tuple[str, ...]]) -> list[dsl.Query]:
    return [dsl.Q("terms", **{name: list(values)}) for name, values in filters.items()]


def _may_show(request: SearchRequest, waiting: list[str]) -> dsl.Query:
    """What any document a request finds must be: visible to its viewer, published
    after its moment, not left out, not waiting in the outbox."""
    conditions = [request.viewer.elasticsearch_filter()]
    if request.published_after is not None:
        conditions.append(dsl.Range(published_at={"gt": request.published_after.isoformat()}))
    left_out: list[dsl.Query] = (
        [dsl.Ids(values=list(request.leave_out))] if request.leave_out else []
    )
    if waiting:
        left_out.append(dsl.Terms(source=waiting))
    return dsl.Bool(filter=conditions, must_not=left_out)


def _nearest(meaning: list[float], may_show: dsl.Query, boost: float, loose: bool) -> dsl.Query:
    """The documents nearest to the words' meaning; the conditions go inside, so that
    the nearest are looked for among those the request may show (a pre-filter)."""
    return dsl.Knn(
        field="vector",
        query_vector=meaning,
        k=fusion.NEAREST,
        num_candidates=fusion.NEAREST * 2,
        similarity=fusion.min_similarity(loose),
        filter=[may_show],
        boost=boost,
    )


def _found(
    request: SearchRequest,
    analysed: AnalysedQuery,
    may_show: dsl.Query,
    words: dsl.Query,
    by_meaning: bool = False,
) -> dsl.Query:
    """The words' matches (`words`, their query) together with the documents nearest to
    their meaning, scored by the words (or, `by_meaning`, by the meaning)."""
    meaning = analysed.meaning if analysed.text else None
    if meaning is None:
        return words
    if by_meaning:
        words = dsl.Bool(must=[words], boost=0)
    nearest = _nearest(meaning, may_show, 1.0 if by_meaning else 0.0, request.closest)
    return dsl.Bool(should=[words, nearest], minimum_should_match=1)


def build_search(
    request: SearchRequest,
    analysed: AnalysedQuery,
    waiting: list[str] | None = None,
    words: dsl.Query | None = None,
) -> dict[str, Any]:
    """The request body for the request and the analysis of its words, leaving out the
    `waiting` sources: its page of hits, or, when the order is fused (`fusion.fuses`), the
    words' order as ids deep enough to fuse. The benchmark sends exactly this (and
    `build_by_meaning`) to measure the raw cost. `words`: the words' query when the
    caller has built it (`text_query`). Written as the body's own dictionaries around the
    query (`_query`), as `_facet_counts` is: elasticsearch-dsl's `Search` copied itself at
    every step and walked every number of the query's vector."""
    selected = request.selected()
    may_show = _may_show(request, waiting or [])
    words = text_query(analysed, request.closest) if words is None else words
    body: dict[str, Any] = {"query": _query(_found(request, analysed, may_show, words), may_show)}
    if selected:
        body["post_filter"] = _all_of(selected)
    body["sort"] = _sort(request)
    body["track_total_hits"] = True
    if not request.hits_only:
        body["aggs"] = _facet_counts(selected)
    end = request.offset + request.page_size
    if fusion.fuses(request, analysed):
        body.update(_window(0, min(fusion.depth(request), MAX_WINDOW)), _source=False)
    else:
        body.update(_window(0, 0) if end > MAX_WINDOW else _window(request.offset, end))
        body["_source"] = _summary_source()
        if request.query and not request.hits_only:
            body["highlight"] = _highlight()
    if request.query:
        body["suggest"] = {"did_you_mean": {"text": request.query, "phrase": _phrase_suggester()}}
    return body


def build_by_meaning(
    request: SearchRequest,
    analysed: AnalysedQuery,
    waiting: list[str] | None = None,
    words: dsl.Query | None = None,
) -> dict[str, Any]:
    """The meaning's order of the same set, as ids: the nearest documents first."""
    may_show = _may_show(request, waiting or [])
    words = text_query(analysed, request.closest) if words is None else words
    found = _found(request, analysed, may_show, words, by_meaning=True)
    body: dict[str, Any] = {"query": _query(found, may_show)}
    if request.selected():
        body["post_filter"] = _all_of(request.selected())
    body["sort"] = ["_score", "doc_id"]
    return {**body, "track_total_hits": False, **_window(0, fusion.NEAREST), "_source": False}


def _query(found: dsl.Query, may_show: dsl.Query) -> dict[str, Any]:
    """What `Search().query(found).filter(may_show)` sends: the two combined by
    elasticsearch-dsl's own rules, written out once."""
    return (found & dsl.Bool(filter=[may_show])).to_dict()


def _window(start: int, stop: int) -> dict[str, int]:
    return {"from": start, "size": stop - start}


def _facet_counts(selected: dict[str, tuple[str, ...]]) -> dict[str, Any]:
    """Each facet's value counts over the documents matching every other facet's
    selection. Written as the body's own dictionaries: elasticsearch-dsl's objects took
    more time to build than the rest of the request (twenty of them a search)."""
    return {
        name: {
            "filter": _all_of({o: values for o, values in selected.items() if o != name}),
            "aggs": {"values": {"terms": {"field": name, "size": FACET_SIZE}}},
        }
        for name in FACETS
    }


def _all_of(filters: dict[str, tuple[str, ...]]) -> dict[str, Any]:
    terms = [{"terms": {name: list(values)}} for name, values in filters.items()]
    return {"bool": {"filter": terms}} if terms else {"bool": {}}


def _highlight(marked: dsl.Query | None = None) -> dict[str, Any]:
    """The summary and the body whole, with their matches (or those of `marked`) marked:
    the snippets are cut from them in Python (`text.highlights`), as the database backend
    cuts its own."""
    highlight: dict[str, Any] = {
        "fields": {"summary": {"number_of_fragments": 0}, "body": {"number_of_fragments": 0}},
        "encoder": "html",
        "pre_tags": ["<mark>"],
        "post_tags": ["</mark>"],
    }
    if marked is not None:
        highlight["highlight_query"] = marked.to_dict()
    return highlight


def _phrase_suggester() -> dict[str, Any]:
    return {
        "field": "spell",
        "size": 1,
        "max_errors": 2,
        "confidence": 1.0,
        "direct_generator": [{"field": "spell", "suggest_mode": "always", "min_word_length": 3}],
    }


def _sort(request: SearchRequest) -> list:
    # As the database backend's NEWEST_FIRST: by publication here, not by the work's year.
    newest = [{"published_at": {"order": "desc", "missing": "_last"}}]
    if request.sort in FACET_SORTS:
        return [_in_order_of(request.sort), *newest, "doc_id"]
    if request.sort == NEWEST or not request.query:
        return [*newest, "doc_id"]
    return ["_score", *newest, "doc_id"]


def _in_order_of(facet: str) -> dict[str, Any]:
    """A sort by the facet's values in their order (a document without one last)."""
    order = {value: rank for rank, value in enumerate(FACETS[facet].terms())}
    script = (
        "def values = doc[params.facet]; if (values.size() == 0) return params.last;"
        " return params.order.getOrDefault(values.get(0), params.last);"
    )
    return {
        "_script": {
            "type": "number",
            "order": "asc",
            "script": {
                "source": script,
                "params": {"facet": facet, "order": order, "last": len(order)},
            },
        }
    }


def search(request: SearchRequest, analysed: AnalysedQuery) -> SearchResult:
    waiting = _waiting()
    if fusion.fuses(request, analysed):
        return _fused(request, analysed, waiting)
    body = build_search(request, analysed, waiting)
    response = search_client().search(**body, index=alias())
    return parse_response(request, response.body)


def _fused(request: SearchRequest, analysed: AnalysedQuery, waiting: list[str]) -> SearchResult:
    """Both orders in one multi-search, fused; then the page's documents."""
    words = text_query(analysed, request.closest)  # built once for the three requests
    lines = [
        {},
        build_search(request, analysed, waiting, words),
        {},
        build_by_meaning(request, analysed, waiting, words),
    ]
    response = search_client().msearch(searches=lines, index=alias())
    by_words, by_meaning = _answers(response.body, 2)
    order = fusion.fuse(_scored_ids(by_words), _scored_ids(by_meaning))
    page_ids = order[request.offset : request.offset + request.page_size]
    result = parse_response(request, {**by_words, "hits": {**by_words["hits"], "hits": []}})
    return replace(result, hits=_page(page_ids, None if request.hits_only else words))


@_reads_answer
def _scored_ids(body: dict[str, Any]) -> list[str]:
    """The ids of the hits the order's own half scored (the other half's are at 0)."""
    return [hit["_id"] for hit in body["hits"]["hits"] if hit["_score"]]


def _page(ids: list[str], marked: dsl.Query | None = None) -> list[Hit]:
    """These documents in this order, with the matches of `marked` (a query) marked."""
    if not ids:
        return []
    response = search_client().search(**page_body(ids, marked), index=alias())
    found = {hit.doc_id: hit for hit in _hits(response.body)}
    return [found[doc_id] for doc_id in ids if doc_id in found]


def page_body(ids: list[str], marked: dsl.Query | None = None) -> dict[str, Any]:
    """The request body of `_page` (the benchmark sends it too)."""
    body: dict[str, Any] = {
        "query": {"bool": {"filter": [{"ids": {"values": ids}}]}},
        "_source": _summary_source(),
    }
    if marked is not None:
        body["highlight"] = _highlight(marked)
    return {**body, "size": len(ids)}


@_reads_answer
def _answers(body: dict[str, Any], count: int) -> list[dict[str, Any]]:
    answers = expect(body, "responses")["responses"]
    if len(answers) != count:
        raise UnexpectedAnswer("Elasticsearch answered a different number of searches.")
    for answer in answers:
        if "error" in answer:
            raise UnexpectedAnswer(f"Elasticsearch failed one search: {answer['error']!r}")
    return answers


MSEARCH_BATCH = 100


def search_many(requests: list[SearchRequest], analyses: list[AnalysedQuery]) -> list[SearchResult]:
    """Many searches (each with the analysis of its words) in multi-search requests of
    MSEARCH_BATCH (those with a fused order each on their own); any failed search fails
    them all (and the service answers from the database)."""
    results: dict[int, SearchResult] = {}
    waiting = _waiting()  # once for every search of the run, not once a search
    together = []
    for n, (request, analysed) in enumerate(zip(requests, analyses, strict=True)):
        if fusion.fuses(request, analysed):
            results[n] = _fused(request, analysed, waiting)
        else:
            together.append(n)
    for start in range(0, len(together), MSEARCH_BATCH):
        batch = together[start : start + MSEARCH_BATCH]
        lines = []
        for n in batch:
            lines += [{}, build_search(requests[n], analyses[n], waiting)]
        response = search_client().msearch(searches=lines, index=alias())
        for n, answer in zip(batch, _answers(response.body, len(batch)), strict=True):
            results[n] = parse_response(requests[n], answer)
    return [results[n] for n in range(len(requests))]


def documents(ids: list[str], sources: list[str], request: SearchRequest) -> list[Hit]:
    """The documents of these ids and sources that the request may show: visible to its
    viewer, matching its filters, current; in the order of `ids`."""
    search = (
        Search(index=alias())
        .filter(dsl.Ids(values=ids))
        .filter(dsl.Terms(source=sources))
        .filter(request.viewer.elasticsearch_filter())
        .source(_summary_source())[: len(ids)]
    )
    for condition in _terms(request.selected()):
        search = search.filter(condition)
    response = search_client().search(**_current(search).to_dict(), index=alias())
    found = {hit.doc_id: hit for hit in _hits(response.body)}
    return [found[doc_id] for doc_id in ids if doc_id in found]


@_reads_answer
def parse_response(request: SearchRequest, body: dict[str, Any]) -> SearchResult:
    expect(body, "hits")
    counts = {
        name: {str(b["key"]): b["doc_count"] for b in agg["values"]["buckets"]}
        for name, agg in body.get("aggregations", {}).items()
    }
    return SearchResult(
        request=request,
        total=body["hits"]["total"]["value"],
        hits=[_hit(raw) for raw in body["hits"]["hits"]],
        facets={} if request.hits_only else facet_values(counts, request.selected()),
        suggestion=_suggestion(request, body),
        degraded=False,
    )


def _hit(raw: dict[str, Any]) -> Hit:
    source = raw["_source"]
    highlight = raw.get("highlight", {})
    summary, summary_spans = marked(highlight["summary"][0]) if "summary" in highlight else ("", [])
    body, body_spans = marked(highlight["body"][0]) if "body" in highlight else ("", [])
    published_at = source.get("published_at")
    return Hit(
        kind=source["kind"],
        title=source["title"],
        url=source["url"],
        slug=source["slug"],
        summary=source.get("summary", ""),
        highlights=highlights(summary, summary_spans, body, body_spans, MAX_HIGHLIGHTS),
        facets={name: source.get(name, []) for name in term_facets()},
        year=source.get(YEAR),
        published_at=parse_datetime(published_at) if published_at else None,
        doc_id=raw["_id"],
        illustrative=bool(source.get("illustrative")),
    )


def _suggestion(request: SearchRequest, body: dict[str, Any]) -> str | None:
    for entry in body.get("suggest", {}).get("did_you_mean", []):
        for option in entry.get("options", []):
            if option["text"].lower() != request.query.lower():
                return option["text"]
    return None


def suggest(text: str, viewer: Viewer, limit: int) -> list[Suggestion]:
    """Titles that complete what has been typed, through the completion field."""
    completion = {
        "field": "suggest",
        "size": limit,
        "skip_duplicates": True,
        "contexts": {"visibility": sorted(viewer.levels)},
    }
    if len(text) >= FUZZY_FROM:
        completion["fuzzy"] = {"fuzziness": 1, "prefix_length": 2}
    # A completion suggester takes no filters: ask for more, drop the waiting ones here.
    waiting = set(_waiting())
    completion["size"] = limit + len(waiting)
    response = search_client().search(
        index=alias(),
        suggest={"titles": {"prefix": text, "completion": completion}},
        source_includes=["title", "url", "source"],
    )
    return _suggestions(response.body, waiting, limit)


@_reads_answer
def _suggestions(body, waiting: set[str], limit: int) -> list[Suggestion]:
    options = expect(body, "suggest")["suggest"]["titles"][0]["options"]
    current = [o["_source"] for o in options if o["_source"].get("source") not in waiting]
    return [Suggestion(source["title"], source["url"]) for source in current[:limit]]


def related(doc_id: str, meaning: list[float] | None, viewer: Viewer, limit: int) -> list[Hit]:
    """Other case studies like this one: similar words and the same facet values (read
    from the document itself through terms lookups), and a meaning near its own."""
    like = dsl.Q(
        "more_like_this",
        fields=["title", "summary", "body"],
        like=[{"_index": alias(), "_id": doc_id}],
        min_term_freq=1,
        min_doc_freq=1,
        max_query_terms=25,
    )
    shared = [
        dsl.Q("terms", **{name: {"index": alias(), "id": doc_id, "path": name}}, boost=0.5)
        for name in RELATED_FACETS
    ]
    shows = dsl.Bool(
        filter=[dsl.Terms(kind=related_kinds()), viewer.elasticsearch_filter()],
        must_not=[dsl.Ids(values=[doc_id])],
    )
    words = dsl.Bool(should=[like, *shared], minimum_should_match=1)
    return _alike(words, meaning, shows, limit)


@_reads_answer
def _hits(body) -> list[Hit]:
    return [_hit(raw) for raw in expect(body, "hits")["hits"]["hits"]]


def similar_to_text(
    text: str, kind: str, meaning: list[float] | None, viewer: Viewer, limit: int
) -> list[Hit]:
    """Documents of `kind` like a text that is not indexed: more-like-this on its words,
    and a meaning near the text's."""
    like = dsl.Q(
        "more_like_this",
        fields=["title", "summary", "body"],
        like=[text],
        min_term_freq=1,
        min_doc_freq=1,
        max_query_terms=25,
        minimum_should_match="30%",
    )
    shows = dsl.Bool(filter=[dsl.Term(kind=kind), viewer.elasticsearch_filter()])
    return _alike(like, meaning, shows, limit)


def _alike(
    words: dsl.Query, meaning: list[float] | None, shows: dsl.Query, limit: int
) -> list[Hit]:
    """Up to `limit` of the documents `shows` allows that are like something: those its
    `words` find and those nearest its `meaning`, fused (`fusion.py`): both orders'
    ids in one multi-search, then the chosen documents."""
    waiting = _waiting()
    if waiting:
        shows = dsl.Bool(filter=[shows], must_not=[dsl.Terms(source=waiting)])
    by_words = Search(index=alias()).query(words).filter(shows)
    if meaning is None:
        search = by_words.source(_summary_source())[:limit]
        return _hits(search_client().search(**search.to_dict(), index=alias()).body)
    depth = fusion.alike_depth(limit)
    by_meaning = Search(index=alias()).query(_nearest(meaning, shows, 1.0, loose=False))
    lines = [{}, by_words.source(False)[:depth].to_dict()]
    lines += [{}, by_meaning.source(False)[:depth].to_dict()]
    response = search_client().msearch(searches=lines, index=alias())
    words_answer, meaning_answer = _answers(response.body, 2)
    order = fusion.fuse(_scored_ids(words_answer), _scored_ids(meaning_answer))
    return _page(order[:limit])
