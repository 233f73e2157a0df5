"""The facets that narrow a search: their names, labels and values, and the one place where
disjunctive facet counts are defined for the database backend.

Facets are disjunctive: values within one facet are OR-ed, facets are AND-ed, and the
counts of each facet apply every other facet's selection but not its own. Elasticsearch
computes the same thing with one filter aggregation per facet and a `post_filter`.

A facet's values are slugs whose labels come from the app that registers the facet (for
example a taxonomy vocabulary, whose names editors may change), or for `year` the years
themselves. The kind facet comes with the engine: its values are the registered kinds.
Apps register their facets with their kinds (`kinds.register`); this module knows no
content of its own.
"""

from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from .types import FACET_SORTS, FacetValue

Row = TypeVar("Row")

KIND = "kind"
YEAR = "year"


@dataclass(frozen=True)
class Facet:
    name: str  # the query parameter and the document field
    label: str  # the heading people see
    # Slug -> label of the facet's values, in the order people expect; None for years.
    values: Callable[[], dict[str, str]] | None
    # Shown as a label on every listed hit with a value (as "Strength of evidence: …").
    badge: bool = False
    # Offered as a sort, under this label, when its values are in an order people rank
    # by (the strongest evidence first): their order, then the newest.
    sort_label: str = ""

    def terms(self) -> dict[str, str]:
        """Slug -> label of the facet's values, in their order."""
        return self.values() if self.values is not None else {}

    def is_valid(self, value: str) -> bool:
        return self.validator()(value)

    def validator(self) -> Callable[[str], bool]:
        """A test of values that reads the labels once, for checking many values."""
        if self.values is None:
            return lambda value: value.isascii() and value.isdigit() and len(value) == 4
        return self.terms().__contains__

    def label_of(self, value: str) -> str:
        return self.terms().get(value, value)


# Kind -> label, filled by `kinds.register` in the order the kinds are registered.
KIND_LABELS: dict[str, str] = {}
# The facets in the order people see them: the engine's kind facet first, then those the
# registered kinds bring, in the order they were registered.
FACETS: dict[str, Facet] = {KIND: Facet(KIND, "Type", lambda: dict(KIND_LABELS))}
YEAR_FACET = Facet(YEAR, "Year", None)


def register_facet(facet: Facet) -> None:
    """Add a facet that a kind of document carries; the first registration of a name wins."""
    FACETS.setdefault(facet.name, facet)
    if facet.sort_label:
        FACET_SORTS.setdefault(facet.name, facet.sort_label)


def term_facets() -> list[str]:
    """The facets whose values are slugs with labels, other than the kind itself: the
    classification a hit carries."""
    return [name for name, facet in FACETS.items() if facet.values and name != KIND]


def order_values(facet: Facet, values: Iterable[str]) -> list[str]:
    """Values in the order people expect: the facet's own for terms, newest first for years."""
    if facet.values is None:
        return sorted(values, reverse=True)
    position = {slug: index for index, slug in enumerate(facet.terms())}
    return sorted(values, key=lambda value: (position.get(value, len(position)), value))


def token(facet: str, value: str) -> str:
    """One facet value as the database backend stores it: `facet:value`."""
    return f"{facet}:{value}"


def tokens_to_values(tokens: Iterable[str]) -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    for item in tokens:
        facet, value = item.split(":", 1)
        values.setdefault(facet, []).append(value)
    return values


def count_disjunctive(
    rows: Iterable[tuple[Row, Collection[str]]],
    selected: Mapping[str, Iterable[str]],
    count: bool = True,
) -> tuple[list[Row], dict[str, Counter]]:
    """The rows that match every selection, and each facet's value counts (none when not
    `count`: the matching rows alone).

    `rows` are (key, tokens) pairs, a token being `facet:value`. A row counts towards
    facet F when it matches the selections of every facet other than F: that is what
    makes the facets disjunctive.
    """
    wanted = {name: {token(name, v) for v in values} for name, values in selected.items() if values}
    matches: list[Row] = []
    counts: Counter = Counter()
    for key, tokens in rows:
        failed = [name for name, choice in wanted.items() if choice.isdisjoint(tokens)]
        if not failed:
            matches.append(key)
            if count:
                counts.update(tokens)
        elif count and len(failed) == 1:
            prefix = f"{failed[0]}:"
            counts.update(item for item in tokens if item.startswith(prefix))
    per_facet: dict[str, Counter] = {name: Counter() for name in FACETS}
    for item, number in counts.items():
        facet, value = item.split(":", 1)
        per_facet.setdefault(facet, Counter())[value] = number
    return matches, per_facet


class RowIndex:
    """The rows of `count_disjunctive`, for many searches that want the matching rows
    alone: each token's rows are found once, then a search is a union of rows within each
    facet and an intersection across facets, rather than a look at every row."""

    def __init__(self, rows: Iterable[tuple[object, Collection[str]]]):
        self.keys: list[object] = []
        self.rows_of: dict[str, set[int]] = {}
        for n, (key, tokens) in enumerate(rows):
            self.keys.append(key)
            for item in tokens:
                self.rows_of.setdefault(item, set()).add(n)

    def matching(self, selected: Mapping[str, Iterable[str]]) -> list[object]:
        """The keys of the rows that match every selection, in the rows' order."""
        found: set[int] | None = None
        for name, values in selected.items():
            if not values:
                continue
            rows = set().union(*(self.rows_of.get(token(name, v), ()) for v in values))
            found = rows if found is None else found & rows
        if found is None:
            return list(self.keys)
        return [self.keys[n] for n in sorted(found)]


def facet_values(
    counts: Mapping[str, Mapping[str, int]], selected: Mapping[str, Iterable[str]]
) -> dict[str, list[FacetValue]]:
    """Every facet's values to offer: those with results, and those selected (even at 0)."""
    result = {}
    for name, facet in FACETS.items():
        facet_counts = counts.get(name, {})
        chosen = set(selected.get(name, ()))
        values = {value for value, count in facet_counts.items() if count} | chosen
        labels = facet.terms()
        result[name] = [
            FacetValue(value, labels.get(value, value), facet_counts.get(value, 0), value in chosen)
            for value in order_values(facet, values)
        ]
    return result


def badges(facets: Mapping[str, list[str]]) -> list[str]:
    """The labels a hit with these facet values shows (`Facet.badge`)."""
    return [
        f"{facet.label}: {facet.label_of(value)}"
        for facet in FACETS.values()
        if facet.badge
        for value in facets.get(facet.name, [])
    ]
