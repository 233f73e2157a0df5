"""The facets that narrow a search: their names, labels and values, and the one place where
disjunctive facet counts are defined for the database backend.

Facets are disjunctive: values within one facet are OR-ed, facets are AND-ed, and the
counts of each facet apply every other facet's selection but not its own. Elasticsearch
computes the same thing with one filter aggregation per facet and a `post_filter`.

A facet's values are the slugs of a taxonomy vocabulary (labels are the terms' names,
which editors may change), or for `year` the years themselves.
"""

from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass

from django.core.cache import cache

from .types import FacetValue

YEAR = "year"
LABEL_CACHE_SECONDS = 300


@dataclass(frozen=True)
class Facet:
    name: str  # the query parameter and the document field
    label: str  # the heading people see
    vocabulary: str | None  # the taxonomy vocabulary of its values; None for years

    def terms(self) -> dict[str, str]:
        """Slug -> name of the facet's values, in the vocabulary's order."""
        if self.vocabulary is None:
            return {}
        return vocabulary_terms(self.vocabulary)

    def is_valid(self, value: str) -> bool:
        return self.validator()(value)

    def validator(self) -> Callable[[str], bool]:
        """A test of values that reads the vocabulary once, for checking many values."""
        if self.vocabulary is None:
            return lambda value: value.isascii() and value.isdigit() and len(value) == 4
        return self.terms().__contains__

    def label_of(self, value: str) -> str:
        return self.terms().get(value, value)


FACETS: dict[str, Facet] = {
    facet.name: facet
    for facet in (
        Facet("kind", "Type", "kind"),
        Facet("sector", "Sector", "sector"),
        Facet("theme", "Theme", "theme"),
        Facet("outcome_area", "Outcome area", "outcome_area"),
        Facet("stage", "Commissioning stage", "stage"),
        Facet("region", "Region", "region"),
        Facet("organisation_type", "Organisation type", "organisation_type"),
        Facet(YEAR, "Year", None),
    )
}


def register_facet(facet: Facet) -> None:
    """Add a facet that a kind of document brings with it (e.g. members' `role`)."""
    FACETS.setdefault(facet.name, facet)


def term_facets() -> list[str]:
    """The facets whose values are taxonomy terms, other than the kind itself: the
    classification a hit carries."""
    return [name for name, facet in FACETS.items() if facet.vocabulary and name != "kind"]


def vocabulary_terms(vocabulary: str) -> dict[str, str]:
    key = f"search:vocabulary:{vocabulary}"
    terms = cache.get(key)
    if terms is None:
        from casestudies.models import TAXONOMY_MODELS

        model = TAXONOMY_MODELS[vocabulary]
        terms = dict(model.objects.order_by("sort_order", "name").values_list("slug", "name"))
        cache.set(key, terms, LABEL_CACHE_SECONDS)
    return terms


def forget_vocabulary(vocabulary: str) -> None:
    cache.delete(f"search:vocabulary:{vocabulary}")


def order_values(facet: Facet, values: Iterable[str]) -> list[str]:
    """Values in the order people expect: the vocabulary's for terms, newest first for years."""
    if facet.vocabulary is None:
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
    rows: Iterable[tuple[object, Collection[str]]], selected: Mapping[str, Iterable[str]]
) -> tuple[list[object], dict[str, Counter]]:
    """The rows that match every selection, and each facet's value counts.

    `rows` are (key, tokens) pairs, a token being `facet:value`. A row counts towards
    facet F when it matches the selections of every facet other than F: that is what
    makes the facets disjunctive.
    """
    wanted = {name: {token(name, v) for v in values} for name, values in selected.items() if values}
    matches: list[object] = []
    counts: Counter = Counter()
    for key, tokens in rows:
        failed = [name for name, choice in wanted.items() if choice.isdisjoint(tokens)]
        if not failed:
            matches.append(key)
            counts.update(tokens)
        elif len(failed) == 1:
            prefix = f"{failed[0]}:"
            counts.update(item for item in tokens if item.startswith(prefix))
    per_facet: dict[str, Counter] = {name: Counter() for name in FACETS}
    for item, count in counts.items():
        facet, value = item.split(":", 1)
        per_facet.setdefault(facet, Counter())[value] = count
    return matches, per_facet


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
