"""The field's glossary and the synonyms searches use.

The glossary ships with the project (`glossary.json`): each entry is a term as
practitioners write it (often an acronym), its expansion, other ways of saying the same
thing, and a one-line definition in plain English. Editors add synonym sets of their own in
the admin (`SynonymSet`). `synonym_groups()` gives both as groups of equivalent phrases,
cached and forgotten as soon as an editor changes a set, so searches use a change at once,
with no reindex.
"""

import json
import re
from dataclasses import dataclass
from functools import cache as memoise
from pathlib import Path

from django.core.cache import cache

from .models import SynonymSet

GLOSSARY_FILE = Path(__file__).with_name("glossary.json")
CACHE_KEY = "taxonomy:synonym-groups"
CACHE_SECONDS = 300


@dataclass(frozen=True)
class GlossaryEntry:
    term: str
    expansion: str
    definition: str
    also: tuple[str, ...] = ()

    @property
    def phrases(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((self.term, self.expansion, *self.also)))

    def explains(self, padded_query: str) -> bool:
        """Whether the query (normalised, padded with spaces) uses the term or its expansion."""
        return any(f" {_normalise(p)} " in padded_query for p in (self.term, self.expansion))

    @property
    def anchor(self) -> str:
        return "term-" + "-".join(self.term.lower().replace("'", "").split())


@memoise
def glossary() -> tuple[GlossaryEntry, ...]:
    entries = json.loads(GLOSSARY_FILE.read_text(encoding="utf-8"))
    return tuple(
        GlossaryEntry(e["term"], e["expansion"], e["definition"], tuple(e.get("also", ())))
        for e in entries
    )


def synonym_groups() -> list[tuple[str, ...]]:
    """Groups of phrases that mean the same: the glossary's, then the editors'."""
    groups = cache.get(CACHE_KEY)
    if groups is None:
        groups = [entry.phrases for entry in glossary()]
        groups += [s.phrases() for s in SynonymSet.objects.all() if len(s.phrases()) > 1]
        cache.set(CACHE_KEY, groups, CACHE_SECONDS)
    return groups


def forget(**kwargs) -> None:
    cache.delete(CACHE_KEY)


def definitions_for(query: str, limit: int = 2) -> list[dict[str, str]]:
    """The glossary entries a query uses, as the search page shows them."""
    padded = f" {_normalise(query)} "
    found = [entry for entry in glossary() if entry.explains(padded)]
    return [
        {"term": e.term, "expansion": e.expansion, "definition": e.definition, "anchor": e.anchor}
        for e in found[:limit]
    ]


def _normalise(text: str) -> str:
    return " ".join(re.sub(r"[^\w'-]+", " ", text.lower()).split())
