"""The index's settings and mapping, built only from what every Elasticsearch 8 node has in
its core (see `analysis.py`), and the translation of one `Document` into its source."""

from typing import Any

from django.conf import settings

from .analysis import analysis_settings
from .facets import FACETS, YEAR
from .kinds import Document
from .vectors import DIMS
from .visibility import PUBLIC

# Searchable text fields: (field, weight in the text query, with shingles for phrases).
TEXT_FIELDS = {
    "title": (3, True),
    "summary": (2, True),
    "body": (1, True),
    "organisations": (2, False),
    "people": (1.5, False),
    "tags": (1.5, False),
    "identifiers": (3, False),
    "topics": (1, False),
}


# The words "did you mean" knows: titles and summaries. Bodies would teach it more words
# but cost more than half the indexing time again.
SPELL_SOURCES = ("title", "summary")


def _text(name: str, shingles: bool) -> dict[str, Any]:
    field: dict[str, Any] = {"type": "text", "analyzer": "text_en"}
    if shingles:
        # Shingles only score adjacent words: frequencies suffice, positions are not needed.
        field["fields"] = {
            "shingles": {"type": "text", "analyzer": "shingles", "index_options": "freqs"}
        }
    return field


def mappings() -> dict[str, Any]:
    keyword = {"type": "keyword"}
    properties: dict[str, Any] = {
        "doc_id": keyword,
        "source": keyword,
        "slug": keyword,
        "url": {"type": "keyword", "index": False},
        "fingerprint": {"type": "keyword", "index": False, "doc_values": False},
        "visibility": keyword,
        "illustrative": {"type": "boolean"},
        "published_at": {"type": "date"},
        "spell": {"type": "text", "analyzer": "spell", "index_options": "freqs"},
        # What a document means (`vectors.py`), searched by the `knn` clause; quantised
        # to a byte a dimension (a quarter of the memory of floats). Flat, not a graph
        # (HNSW): the nearest are found by scoring every document the request may show,
        # which is exact, as the database backend's matrix is, and at the hundred
        # thousand documents this site is sized for takes milliseconds, while building
        # the graph cost the rebuild more than embedding the documents did.
        "vector": {
            "type": "dense_vector",
            "dims": DIMS,
            "index": True,
            "similarity": "cosine",
            "index_options": {"type": "int8_flat"},
        },
        "suggest": {
            "type": "completion",
            "contexts": [{"name": "visibility", "type": "category", "path": "visibility"}],
        },
    }
    properties.update({name: _text(name, shingles) for name, (_, shingles) in TEXT_FIELDS.items()})
    properties.update({name: keyword for name in FACETS if name != YEAR})
    properties[YEAR] = {"type": "short"}
    # A vector is searched, never shown, and the index is always rebuilt from the database:
    # its 256 numbers are kept out of the stored source, which they would almost double.
    return {"dynamic": "strict", "_source": {"excludes": ["vector"]}, "properties": properties}


# While a rebuild fills a new index nobody searches it yet: no refreshes, and the
# translog is flushed in the background rather than on every bulk request.
BULK_SETTINGS = {"refresh_interval": "-1", "translog.durability": "async"}
# What the index settles to once filled.
SETTLED_SETTINGS = {"refresh_interval": None, "translog.durability": "request"}


def replica_settings(replicas: str) -> dict[str, Any]:
    """ELASTICSEARCH_REPLICAS as index settings: a number ("1"), or a range that follows
    the number of data nodes ("0-1", "0-all"). search/checks.py vets the value."""
    replicas = replicas.strip()
    if replicas.isdigit():
        return {"number_of_replicas": int(replicas), "auto_expand_replicas": False}
    return {"auto_expand_replicas": replicas}


def index_body(*, bulk: bool = False) -> dict[str, Any]:
    """Settings and mappings of a new index; `bulk` tunes it for a rebuild."""
    index_settings: dict[str, Any] = {
        "number_of_shards": settings.ELASTICSEARCH_SHARDS,
        **replica_settings(settings.ELASTICSEARCH_REPLICAS),
        "analysis": analysis_settings(settings.SEARCH_ANALYZER),
    }
    if bulk:
        index_settings.update(BULK_SETTINGS)
    return {"settings": index_settings, "mappings": mappings()}


def to_source(document: Document) -> dict[str, Any]:
    """The document as Elasticsearch stores it."""
    source: dict[str, Any] = {
        "doc_id": document.id,
        "source": document.source,
        "kind": document.kind,
        "title": document.title,
        "url": document.url,
        "slug": document.slug,
        "summary": document.summary,
        "body": document.body,
        "organisations": document.organisations,
        "people": document.people,
        "tags": document.tags,
        "identifiers": document.identifiers,
        "topics": document.topics,
        YEAR: document.year,
        "published_at": document.published_at.isoformat() if document.published_at else None,
        "visibility": document.visibility,
        "illustrative": document.illustrative,
        "fingerprint": document.fingerprint(),
        "suggest": {"input": _completion_inputs(document)},
    }
    if document.vector is not None:
        source["vector"] = document.vector
    # "Did you mean" reads its words from every document, whoever is searching, so only
    # public documents may teach it words: a members-only name must never be suggested.
    if document.visibility == PUBLIC:
        source["spell"] = [getattr(document, name) for name in SPELL_SOURCES]
    for name in FACETS:
        if name not in source:
            source[name] = document.facets.get(name, [])
    return source


def _completion_inputs(document: Document) -> list[str]:
    """The title, and the title from each later word, so "comm" finds "Co-operative
    commissioning"; the completion field matches from the start of an input."""
    inputs = []
    texts = [document.title] if document.completions is None else document.completions
    for text in texts:
        words = text.split()
        inputs.extend(" ".join(words[start:]) for start in range(min(len(words), 8)))
    return list(dict.fromkeys(input_ for input_ in inputs if input_))
