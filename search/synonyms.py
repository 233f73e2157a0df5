"""Other words for the same idea, applied to the query on both backends: no reindex and no
analysis plug-in, so an editor's new synonym works at once on any Elasticsearch 8 node.

Apps register providers of synonym groups (tuples of phrases that mean the same). When a
query contains a phrase of a group, each other phrase of the group makes an alternative
query, with a multi-word phrase in quotes so that it matches as a phrase: "ICB social
prescribing" also searches `"integrated care board" social prescribing`. A document
matching the query or any alternative is found.
"""

import re
from collections.abc import Callable, Iterable
from functools import lru_cache

MAX_ALTERNATIVES = 6
_PROVIDERS: list[Callable[[], Iterable[tuple[str, ...]]]] = []
_NOT_WORD = re.compile(r"[^\w'-]+")


def register(provider: Callable[[], Iterable[tuple[str, ...]]]) -> None:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def normalise(text: str) -> str:
    """Lower case, words only, single spaces: how phrases are compared."""
    return " ".join(_NOT_WORD.sub(" ", text.lower()).split())


def _quoted(phrase: str) -> str:
    words = normalise(phrase)
    return f'"{words}"' if " " in words else words


@lru_cache(maxsize=4096)
def _phrases(group: tuple[str, ...]) -> tuple[str, ...]:
    """A group's phrases as compared, longest first (alphabetically among equals, so
    every process offers the same alternatives): the same for the same group, so worked
    out once however many queries look at it."""
    phrases = {normalise(p) for p in group if normalise(p)}
    return tuple(sorted(phrases, key=lambda phrase: (-len(phrase), phrase)))


def groups() -> list[tuple[str, ...]]:
    """Every provider's groups, each as its phrases are compared (longest first). Asked
    once for each analysis of a query (`query.analyse`): a provider may read a cache
    shared by the processes, which costs a round trip."""
    return [_phrases(tuple(group)) for provider in _PROVIDERS for group in provider()]


def _named(padded: str, groups: list[tuple[str, ...]]):
    """(the phrase the padded query uses, every phrase of its group, longest first)."""
    for phrases in groups:
        match = next((p for p in phrases if f" {p} " in padded), None)
        if match is not None:
            yield match, phrases


def alternatives(query: str, groups: list[tuple[str, ...]]) -> list[str]:
    """The query again with one phrase replaced by each of its synonyms, at most
    MAX_ALTERNATIVES, longest matching phrases first."""
    padded = f" {normalise(query)} "
    if not padded.strip():
        return []
    found = [
        padded.replace(f" {match} ", f" {_quoted(other)} ", 1).strip()
        for match, phrases in _named(padded, groups)
        for other in phrases
        if other != match
    ]
    return list(dict.fromkeys(found))[:MAX_ALTERNATIVES]


def concepts(query: str, groups: list[tuple[str, ...]]) -> list[list[str]]:
    """The ideas of the glossary and the synonym sets that a query of more words names,
    each as its phrases, quoted where they have several words: a document speaking of the
    idea in any of its words is worth finding (below those matching the query's words)
    even when it says the rest in other words too."""
    padded = f" {normalise(query)} "
    return [
        [_quoted(phrase) for phrase in phrases]
        for match, phrases in _named(padded, groups)
        if match != padded.strip()
    ]


# Providers of definitions of the terms a query uses: query -> [{"term", "expansion",
# "definition", "anchor"}], shown above the results with a link to the glossary.
_DEFINERS: list[Callable[[str], list[dict[str, str]]]] = []


def register_definitions(provider: Callable[[str], list[dict[str, str]]]) -> None:
    if provider not in _DEFINERS:
        _DEFINERS.append(provider)


def definitions(query: str) -> list[dict[str, str]]:
    return [found for provider in _DEFINERS for found in provider(query)] if query else []
