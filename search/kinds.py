"""What goes into the index: one `DocumentKind` subclass per kind of document.

This app knows no content of its own: each app registers its kinds, with their labels
and facets, from a `search_documents` module that is imported when Django starts (in the
order of INSTALLED_APPS). A kind names the model its documents come from (the *source*:
a case study page, a seminar page whose lessons become documents, a member profile),
which sources are published, one batch-preparation step whose result is passed to the
document builder, which other models' changes affect them, and which visibility levels a
user may see. Decorating the class with `@register` is all it takes: the mapping,
rebuild, sync, status and the signals that keep the index current find it in the
registry.
"""

import datetime
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from typing import Any, ClassVar, Generic, TypeVar

from django.db import models

from . import vectors
from .facets import KIND_LABELS, YEAR, Facet, register_facet
from .visibility import PUBLIC, Viewer


@dataclass
class Document:
    """One search document, as both the Elasticsearch index and the database backend
    store it. `key` is unique within the kind; `source` is filled in by the indexer."""

    kind: str
    key: str | int
    title: str
    url: str
    slug: str
    summary: str = ""
    body: str = ""
    organisations: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    # Identifiers a search may name exactly: organisations' org-ids, contracts' ocids.
    identifiers: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)  # names of its terms, searchable as text
    facets: dict[str, list[str]] = field(default_factory=dict)  # facet -> slugs
    year: int | None = None
    published_at: datetime.datetime | None = None
    visibility: str = PUBLIC
    # An invented example rather than a real account: every listing labels it.
    illustrative: bool = False
    # What autocomplete offers this document for: None means its title, [] nothing.
    completions: list[str] | None = None
    source: str = ""
    # What it means (`vectors.attach`): made from the fields above when it is indexed.
    vector: list[float] | None = None

    @property
    def id(self) -> str:
        return document_id(self.kind, self.key)

    def add_terms(self, facet: str, terms: Iterable) -> None:
        """File taxonomy terms under a facet: their slugs filter, their names are searchable."""
        for term in terms:
            slugs = self.facets.setdefault(facet, [])
            if term.slug not in slugs:
                slugs.append(term.slug)
            if term.name not in self.topics:
                self.topics.append(term.name)

    def facet_values(self) -> dict[str, list[str]]:
        """Every facet's values, including the kind and the year."""
        return {**self.facets, "kind": [self.kind], YEAR: [str(self.year)] if self.year else []}

    def fingerprint(self) -> str:
        """Changes whenever anything in the document changes; sync compares it. The fields
        are read as they are, not copied deeply as `asdict` would (a seventh of a rebuild's
        CPU time): the JSON, and so the fingerprint, is the same."""
        values = {name: getattr(self, name) for name in _FIELD_NAMES}
        values["vector"] = vectors.MODEL  # the vector follows the fields, and the model
        data = json.dumps(values, sort_keys=True, default=str, ensure_ascii=False)
        return hashlib.sha1(data.encode(), usedforsecurity=False).hexdigest()


_FIELD_NAMES = tuple(f.name for f in fields(Document) if f.name != "vector")


# The model a kind's documents are made from.
Source = TypeVar("Source", bound=models.Model)


class DocumentKind(Generic[Source]):
    """Subclass, set the class attributes, implement `published` and `documents` (and
    `prepare` if a batch can load faster than one source at a time).

    The indexer reads a batch of published sources, calls `prepare(sources)` once for the
    batch, and passes what it returns to `documents(source, prepared)` for each source."""

    kind: ClassVar[str]  # the slug: in URLs, the API and the import format
    label: ClassVar[str]  # what people read in the "Type" facet
    model: ClassVar[type[models.Model]]
    # Other models whose changes change these documents -> ORM lookups from `model` to
    # them, e.g. {Sector: "sectors"} or {Organisation: ("lead_organisation", "partners")}.
    depends_on: ClassVar[dict[type[models.Model], str | tuple[str, ...]]] = {}
    # The facets this kind's documents carry, in the order people see them; a facet that
    # another kind registered first is that one (its label comes from the first).
    facets: ClassVar[tuple[Facet, ...]] = ()
    # Whether a page of this kind lists others like it ("Related case studies"): the
    # related documents are looked for among the kinds that say so (`related_kinds`).
    offers_related: ClassVar[bool] = False
    # Whether its documents are also found by what they mean (`vectors.py`): not for
    # people, whose names mean nothing, so that a name never brings back another person.
    found_by_meaning: ClassVar[bool] = True

    def published(self) -> models.QuerySet:
        """Every source object that has documents, with what `documents` reads prefetched."""
        raise NotImplementedError

    def prepare(self, sources: list[Source]) -> Any:
        """Optional: load what `documents` reads for a batch of sources in a few queries,
        and return it; the indexer passes it to `documents` with each source."""
        return None

    def documents(self, source: Source, prepared: Any) -> Iterable[Document]:
        raise NotImplementedError

    def count(self) -> int:
        """How many documents the published sources make (one each unless overridden)."""
        return self.published().count()

    @classmethod
    def visible_levels(cls, user) -> frozenset[str]:
        """The visibility levels of this kind's documents that `user` may see."""
        return frozenset({PUBLIC})

    def sources_depending_on(self, instance: models.Model) -> list[int]:
        """Primary keys of published sources whose documents carry `instance`."""
        lookups = self.depends_on.get(type(instance), ())
        if isinstance(lookups, str):
            lookups = (lookups,)
        if not lookups:
            return []
        condition = models.Q()
        for lookup in lookups:
            condition |= models.Q(**{lookup: instance})
        return list(self.published().filter(condition).values_list("pk", flat=True).distinct())


class PageKind(DocumentKind):
    """A kind whose sources are Wagtail pages: live and public ones are published."""

    model: ClassVar[type[Any]]  # a Wagtail page class, which has no type information

    def published(self) -> models.QuerySet:
        return self.model.objects.live().public()


_REGISTRY: dict[str, DocumentKind] = {}


def register(cls: type[DocumentKind]) -> type[DocumentKind]:
    """Class decorator: add a kind of document to the index, with its facets."""
    _REGISTRY[cls.kind] = cls()
    KIND_LABELS[cls.kind] = cls.label
    for facet in cls.facets:
        register_facet(facet)
    return cls


def registered_kinds() -> list[DocumentKind]:
    return list(_REGISTRY.values())


# The facets whose shared values make two documents related, on both backends: what
# they are about, where and who; not when, nor how strong their evidence is.
RELATED_FACETS = ("theme", "stage", "outcome_area", "sector", "region", "organisation_type")


def related_kinds() -> list[str]:
    """The kinds whose documents are offered as related to one another."""
    return [name for name, kind in _REGISTRY.items() if kind.offers_related]


def found_by_meaning(kind: str) -> bool:
    """Whether documents of `kind` have vectors (`DocumentKind.found_by_meaning`)."""
    return kind in _REGISTRY and _REGISTRY[kind].found_by_meaning


def related_document_id(source: models.Model) -> str | None:
    """The id of the document of `source` whose related documents a page lists, if its
    kind offers them."""
    for kind in kinds_of_model(type(source)):
        if kind.offers_related:
            return document_id(kind.kind, source.pk)
    return None


def source_models() -> set[type[models.Model]]:
    return {kind.model for kind in _REGISTRY.values()}


def kinds_of_model(model: type[models.Model]) -> list[DocumentKind]:
    return [kind for kind in _REGISTRY.values() if kind.model is model]


def document_id(kind: str, key) -> str:
    return f"{kind}-{key}"


def source_key(model: type[models.Model], pk) -> str:
    return f"{model._meta.label_lower}:{pk}"


def viewer_for(user) -> Viewer:
    """The visibility levels `user` may see: the union of every kind's answer."""
    levels = {PUBLIC}
    for kind in _REGISTRY.values():
        levels |= kind.visible_levels(user)
    return Viewer(frozenset(levels))
