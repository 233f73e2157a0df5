"""The database backend's PostgreSQL path: full-text search in SQL, so that one request
costs the same however many documents match.

Each entry keeps a weighted `tsvector` (`Entry.search_vector`, written with the entry by
`entries.py`: the title weighs A, the summary B, the body and the other searchable text
C) behind a GIN index. A query's terms (its analysis's `forms`, `query.py`) become
`tsquery`s: a word is matched as a prefix of the words of the text (what `words.plain`
leaves of it, so "outcomes" finds "outcome" and "commissioning" finds "commissioners"),
a quoted phrase or a synonym's phrase word for word. The configuration is `simple`
(lower case, no stop words dropped, no stemming) because the query's words are made
plain in Python on every path, and an English stemmer would drop words (such as "more")
that the query requires.

Results are ranked with `ts_rank`, facets counted in SQL with the semantics of
`facets.count_disjunctive` (each facet's counts apply every other facet's selection, not
its own), and only the page of results is read and highlighted, with `ts_headline`
marking the same matches as the query found. Every piece of user text reaches PostgreSQL
as a parameter, and a `tsquery` is only ever made of the text's word characters.
"""

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from functools import reduce
from itertools import combinations
from math import comb
from operator import add, and_, or_

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
)
from django.db import connection
from django.db.models import Case, F, Func, IntegerField, Q, QuerySet, TextField, Value, When
from django.db.models.expressions import CombinedExpression, OrderBy, RawSQL

from ..facets import FACETS, token
from ..models import Entry
from ..query import Form

CONFIG = "simple"
MAX_COMBINATIONS = 20
# What `ts_headline` puts around a match: characters of Unicode's private use area, which
# no document's text holds.
START, STOP = "\ue000", "\ue001"
_PIECE = re.compile(r"\w+")
_MARKED = re.compile(f"{START}(.*?){STOP}", re.S)
# The entry's facet tokens as an array, for `&&` (overlap) and `unnest`.
TOKENS = Func(
    F("facet_tokens"),
    Value(" "),
    function="string_to_array",
    output_field=ArrayField(TextField()),
)


def is_available() -> bool:
    """Whether the database is PostgreSQL (else the backend's simple path answers)."""
    return connection.vendor == "postgresql"


def vector(title: str, summary: str, other: str) -> CombinedExpression:
    """The weighted vector of an entry's text, as an expression for its INSERT."""
    return (
        SearchVector(Value(title), config=CONFIG, weight="A")
        + SearchVector(Value(summary), config=CONFIG, weight="B")
        + SearchVector(Value(other), config=CONFIG, weight="C")
    )


def term_query(term: str, weight: str = "") -> SearchQuery | None:
    """A phrase (a term with spaces) word for word; a word as the start of a word; a word
    of several parts ("co-operative") as its parts one after the other (which matches it
    hyphenated or in parts), or written solid ("cooperative"). `weight` keeps the match
    to text of that weight ("A": titles)."""
    pieces = _PIECE.findall(term)
    if not pieces:
        return None
    if " " in term and not weight:
        return SearchQuery(" ".join(pieces), config=CONFIG, search_type="phrase")
    lexemes = [f"'{piece}'{weight and ':' + weight}" for piece in pieces[:-1]]
    lexemes.append(f"'{pieces[-1]}':*{weight}")
    query = " <-> ".join(lexemes)
    if "-" in term and len(pieces) > 1 and " " not in term:
        query = f"({query}) | '{''.join(pieces)}':*{weight}"
    return SearchQuery(query, config=CONFIG, search_type="raw")


def _any(queries: list[SearchQuery]) -> SearchQuery:
    return reduce(or_, queries)


def _all(queries: list[SearchQuery]) -> SearchQuery:
    return reduce(and_, queries)


def _held(queries: list[SearchQuery]):
    """How many of the queries the row's vector matches."""
    return reduce(
        add, [Case(When(search_vector=q, then=Value(1)), default=Value(0)) for q in queries]
    )


def match(rows: QuerySet, forms: Sequence[Form], whole: str, idea: int, also: Sequence[int] = ()):
    """The rows matching any form (terms and how many of them a row must hold; `idea`
    for one phrase of them), and those of the keys `also` (found by meaning), and the
    ordering by relevance: rows matching words before those matching only an idea, then
    by rank; those found only by meaning last.

    Each form is one `tsquery` where it can be ("k of n" as the OR of every k of them,
    up to MAX_COMBINATIONS), so that a row's vector is read for one match and one rank:
    when most documents match, reading the vectors is most of the cost."""
    exact, ideas, counted, anything = [], [], [], []
    for n, (terms, required) in enumerate(forms):
        queries = [query for query in map(term_query, terms) if query is not None]
        if not queries:
            continue
        anything += queries
        if required == idea:
            ideas.append(_any(queries))
        elif required >= len(queries):
            exact.append(_all(queries))
        elif comb(len(queries), required) <= MAX_COMBINATIONS:
            exact.append(_any([_all(list(some)) for some in combinations(queries, required)]))
        else:
            rows = rows.alias(**{f"held{n}": _held(queries)})
            counted.append(Q(search_vector=_any(queries), **{f"held{n}__gte": required}))
    if not anything:
        return rows.filter(pk__in=also), []
    exactly = [Q(search_vector=_any(exact))] if exact else []
    words = reduce(or_, exactly + counted, Q(pk__in=[]))
    if counted:  # the first condition is the GIN index's: every row found matches it
        text = Q(search_vector=_any(anything)) & (words | _matches(ideas))
    else:
        text = Q(search_vector=_any(exact + ideas))
    found = _any(anything)
    if len(forms[0][0]) > 1 and (phrase := term_query(whole)) is not None:
        found = found | phrase  # the whole query as a phrase ranks higher
    rows = rows.alias(rank=SearchRank(F("search_vector"), found))
    order = [F("rank").desc()]
    if ideas:
        rows = rows.alias(by_words=Case(When(words, then=Value(1)), default=Value(0)))
        order.insert(0, F("by_words").desc())
    if not also:
        return rows.filter(text), order
    rows = rows.alias(by_text=Case(When(text, then=Value(1)), default=Value(0)))
    return rows.filter(text | Q(pk__in=also)), [F("by_text").desc(), *order]


def _matches(queries: list[SearchQuery]) -> Q:
    return Q(search_vector=_any(queries)) if queries else Q(pk__in=[])


def count_and_page(
    rows: QuerySet,
    selected: Mapping[str, Sequence[str]],
    start: int,
    size: int,
    count: bool = True,
) -> tuple[int, list[int], dict[str, Counter]]:
    """How many rows match every facet's selection, which of them make the page (in the
    rows' order), and each facet's value counts over the rows matching every other
    facet's selection, with one reading of the matching rows. The counts are those that
    `facets.count_disjunctive` defines for rows read into Python; without `count`, only
    the total is counted (the empty item below)."""
    ordering = [_order_by(item) for item in rows.query.order_by]
    keys = {f"key{n}": order.expression for n, order in enumerate(ordering)}
    inner = rows.order_by().annotate(tokens=TOKENS, **keys).values("pk", "tokens", *keys)
    inner, params = inner.query.sql_with_params()
    misses: list[str] = []
    first: list[str] = []
    # Each a list of tokens (a text[] parameter) or a token.
    miss_params: list[list[str]] = []
    first_params: list[list[str] | str] = []
    for name, values in selected.items():
        wanted = [token(name, value) for value in values]
        misses.append("(NOT tokens && %s::text[])::int")
        miss_params.append(wanted)
        first.append("WHEN NOT tokens && %s::text[] THEN %s")
        first_params += [wanted, token(name, "")]
    failed = " + ".join(misses) or "0"
    prefix = f"CASE {' '.join(first)} END" if first else "NULL"
    order = ", ".join(_order_sql(name, order) for name, order in zip(keys, ordering, strict=True))
    items = "tokens || ARRAY['']" if count else "ARRAY['']"
    # Only the statement's shape is formatted here; every value is a parameter. Each row
    # matching every selection also counts the empty item: their total. The page comes
    # as one array, aggregated from the sorted subquery (as PostgreSQL documents).
    statement = f"""
        WITH flagged AS MATERIALIZED (
            SELECT *, {failed} AS failed, {prefix} AS prefix FROM ({inner}) AS matched
        )
        SELECT item, count(*), NULL FROM flagged, unnest({items}) AS item
        WHERE failed = 0 OR (failed = 1 AND starts_with(item, prefix))
        GROUP BY item
        UNION ALL
        SELECT NULL, NULL, (
            SELECT array_agg(pk) FROM (
                SELECT pk FROM flagged WHERE failed = 0 ORDER BY {order} LIMIT %s OFFSET %s
            ) AS page
        )
    """  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(statement, [*miss_params, *first_params, *params, size, start])
        found = cursor.fetchall()
    total, page = 0, []
    counts: dict[str, Counter] = {name: Counter() for name in FACETS}
    for item, number, pks in found:
        if item is None:
            page = pks or []
        elif item == "":
            total = number
        elif ":" in item:
            facet, value = item.split(":", 1)
            counts.setdefault(facet, Counter())[value] = number
    return total, page, counts


def _order_by(item) -> OrderBy:
    if isinstance(item, str):
        return F(item[1:]).desc() if item.startswith("-") else F(item).asc()
    return item


def _order_sql(column: str, order: OrderBy) -> str:
    nulls = " NULLS LAST" if order.nulls_last else " NULLS FIRST" if order.nulls_first else ""
    return f"{column} {'DESC' if order.descending else 'ASC'}{nulls}"


def _headline(field: str, query: SearchQuery) -> SearchHeadline:
    """`field` with every match of `query` between START and STOP."""
    return SearchHeadline(
        field, query, config=CONFIG, start_sel=START, stop_sel=STOP, highlight_all=True
    )


def marked(pks: list[int], terms: list[str]) -> dict[int, tuple]:
    """Each entry of the page with its summary and body as text and where in them the
    terms match, as `ts_headline` marks them: {pk: (entry, summary, spans, body, spans)}."""
    queries = [query for query in map(term_query, terms) if query is not None]
    if not queries:
        return {}
    query = _any(queries)
    rows = (
        Entry.objects.filter(pk__in=pks)
        .defer("search_vector", "search_text", "body")
        .annotate(
            marked_summary=_headline("summary", query),
            marked_body=_headline("body", query),
        )
    )
    return {
        row.pk: (row, *unmark(row.marked_summary or ""), *unmark(row.marked_body or ""))
        for row in rows
    }


def unmark(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The text without the headline's marks, and where the marks were."""
    plain, spans, last, size = [], [], 0, 0
    for found in _MARKED.finditer(text):
        before = text[last : found.start()]
        plain += [before, found.group(1)]
        size += len(before)
        spans.append((size, size + len(found.group(1))))
        size += len(found.group(1))
        last = found.end()
    plain.append(text[last:])
    return "".join(plain), spans


def sharing_title_words(rows: QuerySet, words: list[str]) -> QuerySet:
    """The rows whose titles hold any of the words (from a word's start), with how many
    of them as `shared`."""
    queries = [query for query in (term_query(word, weight="A") for word in words) if query]
    if not queries:
        return rows.none()
    return rows.filter(search_vector=_any(queries)).alias(shared=_held(queries))


def title_prefix(text: str) -> SearchQuery | None:
    """Titles with a word starting with `text` (its last word as a prefix)."""
    return term_query(text, weight="A")


def shared_tokens(tokens: list[str]):
    """How many of `tokens` a row's facet tokens hold."""
    return RawSQL(
        "cardinality(ARRAY(SELECT unnest(string_to_array(facet_tokens, ' '))"
        " INTERSECT SELECT unnest(%s::text[])))",
        (tokens,),
        output_field=IntegerField(),
    )
