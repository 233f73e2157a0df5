"""The database backend's copy of the documents (`Entry` rows), written by the same
indexing code as the Elasticsearch index."""

from collections.abc import Iterable
from itertools import islice

from django.db import transaction
from django.db.models import Count

from .facets import token
from .kinds import Document
from .models import Entry

BATCH = 1_000


def to_entry(document: Document) -> Entry:
    searchable = [
        document.title,
        document.summary,
        document.body,
        *document.organisations,
        *document.people,
        *document.tags,
        *document.topics,
    ]
    return Entry(
        doc_id=document.id,
        kind=document.kind,
        source=document.source,
        title=document.title,
        url=document.url,
        slug=document.slug,
        summary=document.summary,
        body=document.body,
        search_title=document.title.lower(),
        search_text=" ".join(searchable).lower(),
        facet_tokens=" ".join(
            token(facet, value)
            for facet, values in document.facet_values().items()
            for value in values
        ),
        year=document.year,
        published_at=document.published_at,
        visibility=document.visibility,
        fingerprint=document.fingerprint(),
    )


@transaction.atomic
def replace_sources(sources: list[str], documents: list[Document]) -> None:
    Entry.objects.filter(source__in=sources).delete()
    Entry.objects.bulk_create(to_entry(document) for document in documents)


@transaction.atomic
def rebuild(documents: Iterable[Document]) -> int:
    """Replace every entry; other connections see the old entries until the commit."""
    Entry.objects.all().delete()
    count = 0
    documents = iter(documents)
    while batch := [to_entry(document) for document in islice(documents, BATCH)]:
        Entry.objects.bulk_create(batch)
        count += len(batch)
    return count


def fingerprints() -> dict[str, str]:
    return dict(Entry.objects.values_list("doc_id", "fingerprint").iterator(chunk_size=5_000))


@transaction.atomic
def write(documents: list[Document], delete_ids: Iterable[str]) -> None:
    ids = [document.id for document in documents]
    Entry.objects.filter(doc_id__in=[*ids, *delete_ids]).delete()
    Entry.objects.bulk_create(to_entry(document) for document in documents)


def counts_by_kind() -> dict[str, int]:
    rows = Entry.objects.values("kind").annotate(n=Count("pk")).order_by()
    return {row["kind"]: row["n"] for row in rows}
