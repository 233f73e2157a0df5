"""The database backend's copy of the documents (`Entry` rows) and its spelling vocabulary
(`spelling.py`), written by the same indexing code as the Elasticsearch index."""

from collections import Counter
from collections.abc import Iterable
from itertools import islice

from django.db import transaction
from django.db.models import Count

from . import spelling, vectors
from .backends import full_text
from .facets import token
from .kinds import Document
from .models import Entry
from .synonyms import normalise
from .visibility import PUBLIC

BATCH = 1_000


def meaning_of(doc_id: str) -> list[float] | None:
    """The vector a document's entry holds: the one its index document holds too."""
    stored = Entry.objects.filter(doc_id=doc_id).values_list("meaning", flat=True).first()
    return vectors.from_bytes(stored)


def to_entry(document: Document) -> Entry:
    other = [document.body, *document.organisations, *document.people, *document.tags]
    other += document.identifiers
    other += document.topics
    searchable = [document.title, document.summary, *other]
    return Entry(
        doc_id=document.id,
        kind=document.kind,
        source=document.source,
        title=document.title,
        url=document.url,
        slug=document.slug,
        summary=document.summary,
        body=document.body,
        search_title=normalise(document.title),
        # Words only, as phrases are compared (`synonyms.normalise`): "themes, outcomes
        # and measures" holds the phrase "themes outcomes and measures".
        search_text=normalise(" ".join(searchable)),
        search_vector=(
            full_text.vector(document.title, document.summary, "\n".join(other))
            if full_text.is_available()
            else None
        ),
        facet_tokens=" ".join(
            token(facet, value)
            for facet, values in document.facet_values().items()
            for value in values
        ),
        year=document.year,
        published_at=document.published_at,
        visibility=document.visibility,
        illustrative=document.illustrative,
        fingerprint=document.fingerprint(),
        meaning=vectors.to_bytes(document.vector),
    )


def _public_words(entries: Iterable[Entry]) -> Counter:
    """What these entries teach the spelling vocabulary: only public ones teach."""
    return spelling.count(entry.search_text for entry in entries if entry.visibility == PUBLIC)


def _replace(old, new: list[Entry]) -> None:
    """Delete the entries `old` (a queryset) and write `new`, keeping the vocabulary."""
    delta = _public_words(new)
    delta.subtract(
        spelling.count(old.filter(visibility=PUBLIC).values_list("search_text", flat=True))
    )
    old.delete()
    Entry.objects.bulk_create(new)
    spelling.adjust(delta)


@transaction.atomic
def replace_sources(sources: list[str], documents: list[Document]) -> None:
    _replace(Entry.objects.filter(source__in=sources), [to_entry(d) for d in documents])


@transaction.atomic
def rebuild(documents: Iterable[Document]) -> int:
    """Replace every entry and the vocabulary; other connections see the old ones until
    the commit."""
    Entry.objects.all().delete()
    count, words = 0, Counter()
    documents = iter(documents)
    while batch := [to_entry(document) for document in islice(documents, BATCH)]:
        Entry.objects.bulk_create(batch)
        words.update(_public_words(batch))
        count += len(batch)
    spelling.replace_all(words)
    return count


def fingerprints() -> dict[str, str]:
    return dict(Entry.objects.values_list("doc_id", "fingerprint").iterator(chunk_size=5_000))


@transaction.atomic
def write(documents: list[Document], delete_ids: Iterable[str]) -> None:
    ids = [document.id for document in documents]
    _replace(Entry.objects.filter(doc_id__in=[*ids, *delete_ids]), [to_entry(d) for d in documents])


def counts_by_kind() -> dict[str, int]:
    rows = Entry.objects.values("kind").annotate(n=Count("pk")).order_by()
    return {row["kind"]: row["n"] for row in rows}
