"""The Elasticsearch index: dated indices behind one alias, and the writes to it.

Searches and live updates use the alias `<prefix>content`. A rebuild fills a new dated
index `<prefix>content-<timestamp>` and moves the alias to it in one `update_aliases`
request, so a search sees either the old index or the new one, never a half-filled one.
"""

import logging
import time
from collections.abc import Iterable, Iterator

from django.utils import timezone

from elasticsearch import BadRequestError, Elasticsearch, NotFoundError, helpers

from .client import alias
from .kinds import Document
from .mapping import index_body, mappings, to_source

SOURCE_CHUNK = 500
logger = logging.getLogger(__name__)
# Aliases whose index this process has given every field of the mapping (add_new_fields).
_UP_TO_DATE: set[str] = set()


class IndexSetupError(Exception):
    """Elasticsearch refused the index settings; the message says what to do."""


def pattern() -> str:
    return f"{alias()}-*"


def new_index_name() -> str:
    return f"{alias()}-{timezone.now():%Y%m%d-%H%M%S-%f}"


def create_index(client: Elasticsearch, name: str, *, bulk: bool = False) -> None:
    try:
        client.indices.create(index=name, **index_body(bulk=bulk))
    except BadRequestError as error:
        raise IndexSetupError(_explain(name, error)) from error


def _explain(name: str, error: BadRequestError) -> str:
    reason = str(error)
    if "analyzer type [english]" in reason:
        return (
            "This Elasticsearch node has no 'english' analyzer: it comes with the "
            "analysis-common module, which the node lacks. Set SEARCH_ANALYZER to "
            "hunspell_en_GB or standard."
        )
    if "hunspell" in reason.lower() or "en_GB" in reason:
        return (
            "This Elasticsearch node has no en_GB hunspell dictionary. Copy en_GB.aff and "
            "en_GB.dic into its config/hunspell/en_GB/ and restart it, or set "
            "SEARCH_ANALYZER to english or standard."
        )
    return f"Elasticsearch refused to create the index {name}: {reason}"


def indices(client: Elasticsearch) -> dict[str, bool]:
    """Every dated index of this prefix -> whether the alias points at it."""
    try:
        found = client.indices.get_alias(index=pattern())
    except NotFoundError:
        return {}
    return {name: alias() in info.get("aliases", {}) for name, info in found.body.items()}


def current_index(client: Elasticsearch) -> str | None:
    return next((name for name, aliased in indices(client).items() if aliased), None)


def is_rebuilding(client: Elasticsearch) -> bool:
    """Whether a dated index without the alias exists: a rebuild is filling it."""
    return not all(indices(client).values())


def ensure_alias(client: Elasticsearch) -> None:
    """Create an empty index behind the alias if there is none, so that live updates
    never make Elasticsearch guess a mapping."""
    if current_index(client) is None:
        name = new_index_name()
        create_index(client, name)
        client.indices.update_aliases(actions=[{"add": {"index": name, "alias": alias()}}])


def swap_alias(client: Elasticsearch, new_index: str) -> None:
    """Point the alias at `new_index` in one request, then drop the other dated indices."""
    others = [name for name in indices(client) if name != new_index]
    actions = [{"remove": {"index": name, "alias": alias()}} for name in others]
    actions.append({"add": {"index": new_index, "alias": alias()}})
    client.indices.update_aliases(actions=actions)
    for name in others:
        client.indices.delete(index=name, ignore_unavailable=True)


def drop_all(client: Elasticsearch) -> None:
    """Delete every dated index of this prefix (and so the alias)."""
    for name in indices(client):
        client.indices.delete(index=name, ignore_unavailable=True)


def new_version() -> int:
    """An external version for documents read from the database from now on: the
    microseconds since the epoch, so a later read always writes a higher version."""
    return time.time_ns() // 1_000


def actions(documents: Iterable[Document], index: str, version: int) -> Iterator[dict]:
    """Index operations with an external version: Elasticsearch refuses one older than
    what it holds (409), so a late writer with older data cannot undo a newer one."""
    for document in documents:
        yield {
            "_index": index,
            "_id": document.id,
            "_source": to_source(document),
            "version": version,
            "version_type": "external",
        }


def ids_of_sources(client: Elasticsearch, sources: list[str]) -> set[str]:
    ids: set[str] = set()
    for start in range(0, len(sources), SOURCE_CHUNK):
        chunk = sources[start : start + SOURCE_CHUNK]
        response = client.search(
            index=alias(), query={"terms": {"source": chunk}}, source=False, size=10_000
        )
        ids.update(hit["_id"] for hit in response["hits"]["hits"])
    return ids


def add_new_fields(client: Elasticsearch) -> None:
    """Give the index behind the alias any field the code's mapping has gained since it was
    built (a kind registering a new facet), once per process: the mapping is strict, so
    without them every write would be refused until a rebuild. Adding a field changes
    nothing already indexed; a field whose definition changed still needs a rebuild, and
    is logged."""
    name = alias()
    if name in _UP_TO_DATE:
        return
    try:
        client.indices.put_mapping(index=name, properties=mappings()["properties"])
    except NotFoundError:
        return  # no index yet: the one ensure_alias creates has the whole mapping
    except BadRequestError as error:
        logger.warning("The index %s needs a rebuild to match the code's mapping: %s", name, error)
    _UP_TO_DATE.add(name)


def replace_sources(
    client: Elasticsearch, sources: list[str], documents: list[Document], version: int
) -> None:
    """Make the index hold exactly `documents` for these sources, visible at once."""
    try:
        add_new_fields(client)
        existing = ids_of_sources(client, sources)
    except NotFoundError:
        ensure_alias(client)
        existing = set()
    write(client, documents, existing - {document.id for document in documents}, version)


def fingerprints(client: Elasticsearch) -> dict[str, str]:
    """Document id -> fingerprint of every document behind the alias."""
    hits = helpers.scan(
        client, index=alias(), query={"_source": ["fingerprint"]}, size=2_000, scroll="2m"
    )
    return {hit["_id"]: hit["_source"].get("fingerprint", "") for hit in hits}


def write(
    client: Elasticsearch, documents: list[Document], delete_ids: Iterable[str], version: int
) -> None:
    """Index and delete through the alias, visible to searches at once. Operations that
    Elasticsearch refuses because it holds a newer version (409), and deletes of what is
    already gone (404), are what a newer writer wanted: they are not errors."""
    operations = [*actions(documents, alias(), version)]
    operations += [
        {
            "_op_type": "delete",
            "_index": alias(),
            "_id": id_,
            "version": version,
            "version_type": "external",
        }
        for id_ in delete_ids
    ]
    if not operations:
        return
    _sent, errors = helpers.bulk(
        client, operations, refresh=True, require_alias=True, raise_on_error=False
    )
    assert isinstance(errors, list)  # not `stats_only`: the errors themselves, not a count
    failures = [error for error in errors if _status(error) not in SUPERSEDED]
    if failures:
        raise helpers.BulkIndexError(f"{len(failures)} document(s) failed to index.", failures)


SUPERSEDED = {404, 409}


def _status(error: dict) -> int:
    (result,) = error.values()
    return result.get("status", 0)


def counts_by_kind(client: Elasticsearch) -> dict[str, int]:
    response = client.search(
        index=alias(), size=0, aggs={"kinds": {"terms": {"field": "kind", "size": 100}}}
    )
    return {b["key"]: b["doc_count"] for b in response["aggregations"]["kinds"]["buckets"]}
