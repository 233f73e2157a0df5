"""The database backend: answers from the `Entry` rows when Elasticsearch is not
configured or cannot be reached, with the same result shape and the same facet semantics
(`facets.count_disjunctive`). Its text matching is plainer: each word, made plain
(`words.py`), must appear, also inside longer words (up to two words; of more, three in
four), weighted by where it appears. "Did you mean" comes from a vocabulary of the public
documents' words (`spelling.py`). Every result says `degraded`.
Entries whose source has a change they do not hold yet (in the outbox) are left out.

Two paths, chosen by the connection's vendor, share everything but the matching, the
counting and the marking of matches: on PostgreSQL (production) `full_text.py` matches
with a weighted `tsvector` behind a GIN index, ranks with `ts_rank`, counts the facets
and picks the page in one SQL statement, and marks the page's matches with
`ts_headline`; on SQLite (`make run` without PostgreSQL) the rows are matched as
substrings of `search_text`, read into Python and counted with `count_disjunctive`.
Either way the request, the order and the result's shape (`text.highlights` for the
snippets) come from here, and the forms of the query from its analysis (`query.py`).
`search_many` reads the rows shared by searches that differ only in their filters once
and counts them here on both.
"""

import re
from collections.abc import Sequence
from dataclasses import replace

from django.db.models import Case, F, Q, Value, When

from .. import fusion, outbox, spelling
from ..facets import (
    FACETS,
    RowIndex,
    count_disjunctive,
    facet_values,
    term_facets,
    token,
    tokens_to_values,
)
from ..kinds import RELATED_FACETS, related_kinds
from ..models import Entry
from ..query import IDEA, NOTHING, AnalysedQuery, Form
from ..synonyms import normalise
from ..text import highlights
from ..types import FACET_SORTS, RELEVANCE, Hit, SearchRequest, SearchResult, Suggestion
from ..visibility import Viewer
from ..words import solid, words_of
from . import full_text
from . import meaning as matrix

MAX_SIMILAR_WORDS = 12


def visible_entries(viewer: Viewer):
    """The entries this viewer may see that hold their source's latest change."""
    return Entry.objects.filter(viewer.database_filter()).exclude(source__in=outbox.stale_entries())


def _contains(field: str, text: str, weight: int = 1):
    """`weight` when the field holds the text; a hyphenated word also in parts or solid."""
    written = [text]
    if "-" in text and " " not in text:
        written += [text.replace("-", " "), solid(text)]
    held = Q(pk__in=[])
    for form in written:
        held |= Q(**{f"{field}__contains": form})
    return Case(When(held, then=Value(weight)), default=Value(0))


def _total(parts: list):
    total = parts[0]
    for part in parts[1:]:
        total = total + part
    return total


# Newest means published here most recently, whatever year the work itself is from: a
# contribution with no year is as new as the day it was approved.
NEWEST_FIRST = [F("published_at").desc(nulls_last=True), "doc_id"]


def _may_show(request: SearchRequest):
    """The rows the request may show: visible to its viewer and current, published after
    its moment, not left out."""
    rows = visible_entries(request.viewer).defer("search_vector", "meaning")
    if request.published_after is not None:
        rows = rows.filter(published_at__gt=request.published_after)
    if request.leave_out:
        rows = rows.exclude(doc_id__in=request.leave_out)
    return rows


def nearest(request: SearchRequest, analysed: AnalysedQuery) -> list[int]:
    """The keys of the rows nearest to the words' meaning that the request may show."""
    if not analysed.text or analysed.meaning is None:
        return []
    floor = fusion.min_similarity(request.closest)
    return matrix.nearest(analysed.meaning, _may_show(request), floor)


def candidates(request: SearchRequest, analysed: AnalysedQuery, also: Sequence[int] = ()):
    """The rows the request may show matching the words (`analysed.forms`), with those
    of the keys `also` (`nearest`), in the order asked for: matched in SQL with
    PostgreSQL's full-text search (`full_text.py`), else by the simple path here."""
    return _matching(request, analysed, also)


def _matching(request: SearchRequest, analysed: AnalysedQuery, also: Sequence[int] = ()):
    """`candidates`' rows; `_fused` reads them again from the same analysis, without
    `also`, to tell the rows the words match from those found by meaning alone."""
    rows = _may_show(request)
    forms = analysed.forms
    if request.closest:  # any one word will do
        forms = tuple((terms, min(required, 1)) for terms, required in forms)
    if not forms:
        return rows.order_by(*_order(request, []))
    matcher = full_text.match if full_text.is_available() else _match
    rows, by_relevance = matcher(rows, forms, normalise(request.query), IDEA, also)
    return rows.order_by(*_order(request, by_relevance))


def _order(request: SearchRequest, by_relevance: list) -> list:
    """The request's order: by relevance (`by_relevance`), by a facet's values in their
    order, or the newest first; then the newest first."""
    if request.sort in FACET_SORTS:
        return [_in_order_of(request.sort), *NEWEST_FIRST]
    return [*(by_relevance if request.sort == RELEVANCE else []), *NEWEST_FIRST]


def _in_order_of(facet: str):
    """The rank of a row's value of the facet in the facet's order (without one, last)."""
    values = list(FACETS[facet].terms())
    ranks = [
        When(facet_tokens__regex=rf"(^| ){re.escape(token(facet, value))}( |$)", then=Value(n))
        for n, value in enumerate(values)
    ]
    return Case(*ranks, default=Value(len(values))).asc()


def _match(rows, forms: tuple[Form, ...], whole: str, idea: int, also: Sequence[int] = ()):
    """The simple path of `candidates`: each term held as a substring of the text."""
    held = {
        f"held{n}": _total([_contains("search_text", t) for t in terms])
        for n, (terms, _required) in enumerate(forms)
    }
    words, ideas = Q(pk__in=[]), Q(pk__in=[])
    for n, (_terms, required) in enumerate(forms):
        if required == idea:
            ideas |= Q(**{f"held{n}__gte": 1})
        else:
            words |= Q(**{f"held{n}__gte": required})
    rows = rows.alias(**held).filter(words | ideas | Q(pk__in=also))
    # A term in the title counts three, elsewhere one; the whole query as a phrase, four.
    terms = list(dict.fromkeys(term for form, _required in forms for term in form))
    score = [_contains("search_title", term, 3) for term in terms]
    score += [_contains("search_text", term) for term in terms]
    if len(forms[0][0]) > 1:
        score.append(_contains("search_text", whole, 4))
    by_text = Case(When(words | ideas, then=Value(1)), default=Value(0))
    by_words = Case(When(words, then=Value(1)), default=Value(0))
    rows = rows.alias(by_text=by_text, by_words=by_words, score=_total(score))
    return rows, [F("by_text").desc(), F("by_words").desc(), F("score").desc()]


def search(request: SearchRequest, analysed: AnalysedQuery) -> SearchResult:
    """The results, and for words no public document holds the nearest words that one
    does (`spelling.py`), as Elasticsearch's "did you mean" offers them. On PostgreSQL
    the facets are counted and the page chosen in SQL; else the rows are counted here."""
    near = nearest(request, analysed)
    rows = candidates(request, analysed, near)
    marked = NOTHING if request.hits_only else analysed
    fused = bool(near) and fusion.fuses(request, analysed)
    start, size = (0, fusion.depth(request)) if fused else (request.offset, request.page_size)
    selected = request.selected()
    if full_text.is_available():
        total, page, counts = full_text.count_and_page(
            rows, selected, start, size, not request.hits_only
        )
    else:
        read = rows.values_list("pk", "facet_tokens").iterator(chunk_size=5_000)
        found = ((pk, tokens.split()) for pk, tokens in read)
        matched, counts = count_disjunctive(found, selected, count=not request.hits_only)
        total, page = len(matched), matched[start : start + size]
    if fused:
        page = _fused(request, analysed, page, near)
    result = _result(request, total, page, counts, marked)
    return replace(result, suggestion=spelling.correction(request.query))


def _fused(request: SearchRequest, analysed: AnalysedQuery, by_text: list, near: list) -> list:
    """The page of the fusion of the words' order (the first of `by_text`, less the rows
    found only by meaning) and the meaning's (`near`, less those the facets leave out)."""
    by_words = _matching(request, analysed).filter(pk__in=near).values_list("pk", flat=True)
    only_meaning = set(near) - set(by_words)
    tokens = Entry.objects.filter(pk__in=near).values_list("pk", "facet_tokens")
    shown, _counts = count_disjunctive(
        ((pk, words.split()) for pk, words in tokens), request.selected(), count=False
    )
    kept = set(shown)
    order = fusion.fuse(
        [pk for pk in by_text if pk not in only_meaning], [pk for pk in near if pk in kept]
    )
    return order[request.offset : request.offset + request.page_size]


def search_many(requests: list[SearchRequest], analyses: list[AnalysedQuery]) -> list[SearchResult]:
    """Searches (each with the analysis of its words) that differ only in their filters
    and pages (as a digest's topics do) share one read of the rows, counted here (those
    that want hits alone through one `RowIndex` of them), and the hits of every search
    without words are read in one query."""
    shared: dict[tuple, list] = {}
    indexes: dict[tuple, RowIndex] = {}
    answers, marked = [], []
    for request, analysed in zip(requests, analyses, strict=True):
        key = (
            request.query,
            request.sort,
            request.viewer,
            request.published_after,
            request.leave_out,
        )
        if key not in shared:
            near = nearest(request, analysed)
            rows = candidates(request, analysed, near).values_list("pk", "facet_tokens")
            shared[key] = [(pk, tokens.split()) for pk, tokens in rows.iterator(chunk_size=5_000)]
        if request.hits_only and key not in indexes:
            indexes[key] = RowIndex(shared[key])
        index = indexes[key] if request.hits_only else None
        answers.append(_count(request, shared[key], index))
        marked.append(NOTHING if request.hits_only else analysed)
    entries = _entries({pk for _request, _total, page, _counts in answers for pk in page})
    plain: dict[int, Hit] = {}  # a hit without highlights is the same in every result
    return [
        _result(*answer, words, entries, plain)
        for answer, words in zip(answers, marked, strict=True)
    ]


def _count(
    request: SearchRequest, rows, index: RowIndex | None = None
) -> tuple[SearchRequest, int, list, dict]:
    """The request, its total, its page of keys and its facet counts; through `index`
    when given one of `rows` (hits alone, no counts)."""
    if index is not None:
        matched, counts = index.matching(request.selected()), {}
    else:
        matched, counts = count_disjunctive(rows, request.selected(), count=not request.hits_only)
    page = matched[request.offset : request.offset + request.page_size]
    return request, len(matched), page, counts


def _entries(pks) -> dict:
    return Entry.objects.defer("search_vector", "search_text").in_bulk(pks)


def _result(
    request: SearchRequest,
    total: int,
    page: list,
    counts,
    marked: AnalysedQuery,
    entries=None,
    plain=None,
) -> SearchResult:
    """The result, with the matches of `marked`'s terms highlighted in its hits."""
    return SearchResult(
        request=request,
        total=total,
        hits=_hits(marked.terms, page, entries, plain),
        facets={} if request.hits_only else facet_values(counts, request.selected()),
        suggestion=None,
        degraded=True,
    )


def _hits(terms: list[str], page: list, entries=None, plain: dict | None = None) -> list[Hit]:
    """The page's hits, with the matches of `terms` highlighted (none without words):
    those `ts_headline` marks on PostgreSQL, else those of the terms' pattern. Either way
    `text.highlights` cuts them. Hits without highlights are made once and kept in
    `plain`, given by searches that share their entries."""
    if terms and full_text.is_available():
        found = full_text.marked(page, terms)
        return [
            to_hit(entry, highlights(summary, summary_spans, body, body_spans))
            for entry, summary, summary_spans, body, body_spans in (
                found[pk]
                for pk in page
                if pk in found  # not if deleted meanwhile
            )
        ]
    entries = _entries(page) if entries is None else entries
    pattern = _pattern(terms)
    if pattern:
        return [to_hit(entries[pk], _highlights(entries[pk], pattern)) for pk in page]
    plain = {} if plain is None else plain
    return [plain[pk] if pk in plain else plain.setdefault(pk, to_hit(entries[pk])) for pk in page]


def documents(ids: list[str], sources: list[str], request: SearchRequest) -> list[Hit]:
    """As the Elasticsearch backend's `documents`: visible, matching the filters, current."""
    entries = visible_entries(request.viewer).filter(doc_id__in=ids, source__in=sources)
    matched, _counts = count_disjunctive(
        ((entry, entry.facet_tokens.split()) for entry in entries), request.selected()
    )
    found = {entry.doc_id: entry for entry in matched}
    return [to_hit(found[doc_id]) for doc_id in ids if doc_id in found]


def to_hit(entry: Entry, marked: Sequence[str] = ()) -> Hit:
    values = tokens_to_values(entry.facet_tokens.split())
    return Hit(
        kind=entry.kind,
        title=entry.title,
        url=entry.url,
        slug=entry.slug,
        summary=entry.summary,
        highlights=list(marked),
        facets={name: values.get(name, []) for name in term_facets()},
        year=entry.year,
        published_at=entry.published_at,
        doc_id=entry.doc_id,
        illustrative=entry.illustrative,
    )


def _pattern(terms: list[str]) -> re.Pattern | None:
    """The query's terms (and their synonyms') as they match: from a word's start, a
    phrase's words apart by anything but letters, a hyphenated word's parts apart by at
    most one such character (hyphenated, in parts or solid)."""
    if not terms:
        return None
    alternatives = sorted((r"\W+".join(map(_parts, t.split())) for t in terms), key=len)
    return re.compile("|".join(rf"\b{a}\w*" for a in reversed(alternatives)), re.IGNORECASE)


def _parts(word: str) -> str:
    return r"\W?".join(map(re.escape, word.split("-")))


def _spans(pattern: re.Pattern, text: str) -> list[tuple[int, int]]:
    return [found.span() for found in pattern.finditer(text)]


def _highlights(entry: Entry, pattern: re.Pattern) -> list[str]:
    """HTML-escaped fragments with <mark>, cut as Elasticsearch's are (`text.highlights`)."""
    summary, body = entry.summary, entry.body
    return highlights(summary, _spans(pattern, summary), body, _spans(pattern, body))


def suggest(text: str, viewer: Viewer, limit: int) -> list[Suggestion]:
    """Titles with a word starting with the text: found in the GIN index on PostgreSQL."""
    prefix = normalise(text)
    rows = visible_entries(viewer)
    if full_text.is_available():
        if (query := full_text.title_prefix(prefix)) is None:
            return []
        rows = rows.filter(search_vector=query)
    else:
        rows = rows.filter(
            Q(search_title__startswith=prefix) | Q(search_title__contains=f" {prefix}")
        )
    rows = rows.order_by("-year", "title").values_list("title", "url")[:limit]
    return [Suggestion(title, url) for title, url in rows]


def related(doc_id: str, meaning: list[float] | None, viewer: Viewer, limit: int) -> list[Hit]:
    """Other case studies sharing the most facet values with this one, and with a
    meaning near its own."""
    this = Entry.objects.filter(doc_id=doc_id).values_list("facet_tokens", flat=True).first()
    if this is None:
        return []
    mine = {item for item in this.split() if item.split(":", 1)[0] in RELATED_FACETS}
    others = visible_entries(viewer).filter(kind__in=related_kinds()).exclude(doc_id=doc_id)
    depth = fusion.alike_depth(limit)
    if full_text.is_available():
        rows = (
            others.alias(shared=full_text.shared_tokens(sorted(mine)))
            .filter(shared__gte=1)
            .order_by("-shared", F("year").desc(nulls_last=True), "pk")
        )
        return _alike(list(rows.values_list("pk", flat=True)[:depth]), meaning, others, limit)
    scored = []
    for pk, tokens, year in others.values_list("pk", "facet_tokens", "year"):
        shared = len(mine.intersection(tokens.split()))
        if shared:
            scored.append((-shared, -(year or 0), pk))
    return _alike([pk for *_rest, pk in sorted(scored)[:depth]], meaning, others, limit)


def similar_to_text(
    text: str, kind: str, meaning: list[float] | None, viewer: Viewer, limit: int
) -> list[Hit]:
    """Documents of `kind` whose titles share the most words with `text`, and with a
    meaning near the text's."""
    words = words_of(text)[:MAX_SIMILAR_WORDS]
    of_kind = visible_entries(viewer).filter(kind=kind)
    by_words: list[int] = []
    if words:
        if full_text.is_available():
            rows = full_text.sharing_title_words(of_kind, words)
        else:
            shared = _total([_contains("search_title", word) for word in words])
            rows = of_kind.alias(shared=shared).filter(shared__gte=1)
        rows = rows.order_by("-shared", F("year").desc(nulls_last=True), "doc_id")
        by_words = list(rows.values_list("pk", flat=True)[: fusion.alike_depth(limit)])
    return _alike(by_words, meaning, of_kind, limit)


def _alike(by_words: list[int], meaning: list[float] | None, rows, limit: int) -> list[Hit]:
    """Up to `limit` of `rows` like something: `by_words` (keys, in the words' order)
    fused with those of `rows` nearest its `meaning` (`fusion.py`)."""
    near = matrix.nearest(meaning, rows, fusion.MIN_SIMILARITY) if meaning is not None else []
    best = fusion.fuse(by_words, near[: fusion.alike_depth(limit)])[:limit]
    entries = Entry.objects.defer("search_vector", "meaning").in_bulk(best)
    return [to_hit(entries[pk]) for pk in best]
