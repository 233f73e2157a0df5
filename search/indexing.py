"""Keeping search current: documents go from the database into the Elasticsearch index and
into the database backend's entries.

A change is named by its *source key* (`app_label.model:pk`). In the transaction that
makes it, the source is noted in the outbox; after the commit, one `refresh_sources` task
per transaction recomputes those sources' documents from the database and makes both
stores hold exactly them. When Elasticsearch does not take them, the save has still
succeeded: the sources stay in the outbox, searches leave them out, and the replayer
(`replayer.py`) retries them until Elasticsearch answers.

Writes cannot go backwards when two workers refresh one source at once: a refresh locks
the source's outbox row while it reads the database and writes the entries, and writes
to Elasticsearch with an external version taken under that lock, so a refresh that read
older data can never overwrite one that read newer.
"""

import datetime
import logging
import threading
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice

from django.apps import apps
from django.db import transaction

import elasticsearch
from django_tasks import task
from elasticsearch import helpers

from . import client as clients
from . import cluster, entries, index, outbox, vectors
from .client import indexing_client, is_configured, live_indexing_client, search_client
from .kinds import Document, DocumentKind, kinds_of_model, registered_kinds, source_key
from .locks import exclusive
from .mapping import SETTLED_SETTINGS

logger = logging.getLogger(__name__)

BULK_CHUNK = 500
# Rebuilds send bulk requests from two threads while the calling thread reads the database.
REBUILD_THREADS = 2
# Errors that leave a change in the outbox instead of failing the save.
INDEXING_ERRORS = (
    elasticsearch.ApiError,
    elasticsearch.TransportError,
    helpers.BulkIndexError,
    index.IndexSetupError,
)
REBUILDING = "A rebuild was filling a new index."
MARKED_DOWN = "Elasticsearch failed a moment ago; the replayer will send this."


class NotIndexed(Exception):
    """Elasticsearch did not take a refresh; its sources wait in the outbox."""


# --- Documents from the database -------------------------------------------------------


def documents_of(kind: DocumentKind, sources: list) -> list[Document]:
    """The documents of a batch of sources of one kind."""
    if not sources:
        return []
    prepared = kind.prepare(sources)
    documents = []
    for source in sources:
        key = source_key(kind.model, source.pk)
        for document in kind.documents(source, prepared):
            document.source = key
            documents.append(document)
    if kind.found_by_meaning:
        vectors.attach(documents)
    return documents


def batches(queryset, size: int = BULK_CHUNK) -> Iterator[list]:
    """The queryset in batches of `size`, by primary key: memory stays flat."""
    last = None
    while True:
        batch = list((queryset if last is None else queryset.filter(pk__gt=last))[:size])
        if not batch:
            return
        yield batch
        last = batch[-1].pk


def documents_of_sources(keys: Iterable[str]) -> list[Document]:
    """The current documents of these sources (none for a draft or a deleted page)."""
    pks_by_model = defaultdict(list)
    for key in keys:
        label, pk = key.rsplit(":", 1)
        pks_by_model[apps.get_model(label)].append(pk)
    documents = []
    for model, pks in pks_by_model.items():
        for kind in kinds_of_model(model):
            documents.extend(documents_of(kind, list(kind.published().filter(pk__in=pks))))
    return documents


def all_documents() -> Iterator[Document]:
    """Every published document, streamed: memory does not grow with the corpus."""
    for kind in registered_kinds():
        for batch in batches(kind.published().order_by("pk")):
            yield from documents_of(kind, batch)


def expected_count() -> int:
    return sum(kind.count() for kind in registered_kinds())


# --- Live updates ----------------------------------------------------------------------


def schedule(keys: Iterable[str]) -> None:
    """Note these sources in the outbox now, in the current transaction, and refresh them
    once it commits: one task for all the sources a transaction changes."""
    keys = set(keys)
    if not keys:
        return
    outbox.add(sorted(keys))
    if _holding():
        transaction.on_commit(lambda: _hold_or_send(keys))
        return
    connection = transaction.get_connection()
    pending = connection.__dict__.setdefault("search_pending_sources", set())
    pending |= keys
    # Every change registers a callback; the first to run after the commit sends them all.
    transaction.on_commit(lambda: _send_pending(connection))


def _send_pending(connection) -> None:
    keys = sorted(connection.search_pending_sources)
    connection.search_pending_sources.clear()
    if keys:
        refresh_sources.enqueue(keys)


_held = threading.local()


def _holding() -> bool:
    return getattr(_held, "keys", None) is not None


def _hold_or_send(keys: set[str]) -> None:
    """After a commit inside `refreshes_held`: keep the sources for the end of the block
    (or, when the commit came after the block ended, send them now)."""
    if _holding():
        _held.keys |= keys
    else:
        refresh_sources.enqueue(sorted(keys))


def after_refresh(callback: Callable[[], object]) -> None:
    """Run `callback` once the current transaction's changes have been sent for refresh:
    after its commit, or inside `refreshes_held` after the block's refresh (once, however
    many transactions asked). For work that reads the index, such as alerts."""
    if _holding():
        transaction.on_commit(lambda: _hold_or_call(callback))
    else:
        transaction.on_commit(callback)


def _hold_or_call(callback: Callable[[], object]) -> None:
    if _holding():
        _held.callbacks.setdefault(callback)
    else:
        callback()


@contextmanager
def refreshes_held():
    """Refresh what the block's transactions change once, in bulk, when it ends.

    For bulk changes (an import's thousands of one-line transactions). Each transaction
    still notes its sources in the outbox, so from its commit on searches leave them out
    exactly as they do while any refresh is on its way; only the refresh waits, and then
    reads and writes `BULK_CHUNK` sources at a time instead of one transaction's few. A
    transaction that rolls back holds nothing (its commit callback never runs). The
    refresh runs however the block ends; what Elasticsearch does not take waits in the
    outbox for the replayer, as after any refresh. Blocks nest: the outermost refreshes.
    """
    if _holding():
        yield
        return
    _held.keys, _held.callbacks = set(), {}
    try:
        yield
    finally:
        keys, callbacks = sorted(_held.keys), list(_held.callbacks)
        del _held.keys, _held.callbacks
        for start in range(0, len(keys), BULK_CHUNK):
            refresh(keys[start : start + BULK_CHUNK])
        for callback in callbacks:
            callback()


@task()
def refresh_sources(keys: list[str]) -> None:
    refresh(keys)


def refresh(keys: list[str], *, strict: bool = False) -> bool:
    """Make both stores hold these sources' current documents. Returns whether
    Elasticsearch took them; if not, they wait in the outbox (and `strict` raises)."""
    with transaction.atomic():
        versions = outbox.lock(keys)
        version = index.new_version()  # taken under the lock
        documents = documents_of_sources(keys)
        entries.replace_sources(keys, documents)
        outbox.entries_written(versions)
    if not is_configured():
        outbox.clear(versions)
        return True
    try:
        if not (strict or clients.should_try()):
            raise NotIndexed(MARKED_DOWN)
        client = indexing_client() if strict else live_indexing_client()
        index.replace_sources(client, keys, documents, version)
        if index.is_rebuilding(client):
            # The new index may already have read these sources; replay after the swap.
            raise NotIndexed(REBUILDING)
    except (*INDEXING_ERRORS, NotIndexed) as error:
        if not isinstance(error, NotIndexed):
            logger.warning("Kept %s in the outbox. %s", keys, clients.explain(error))
            clients.mark_down()
        outbox.failed(keys, str(error))
        if strict:
            raise
        return False
    outbox.clear(versions)
    return True


# --- Rebuild, sync, status -------------------------------------------------------------


def rebuild_entries() -> int:
    return entries.rebuild(all_documents())


def rebuild_index(progress: Callable[[int], object] = lambda n: None) -> int:
    """Fill a new index from the database in bulk, then swap the alias to it."""
    client = indexing_client()
    name = index.new_index_name()
    index.create_index(client, name, bulk=True)
    try:
        version = index.new_version()
        count = _send(client, index.actions(all_documents(), name, version), progress)
        client.indices.put_settings(index=name, settings={"index": SETTLED_SETTINGS})
        client.indices.refresh(index=name)
        index.swap_alias(client, name)
    except BaseException:
        client.indices.delete(index=name, ignore_unavailable=True)
        raise
    replay_outbox()
    return count


def _send(client, actions: Iterator[dict], progress: Callable[[int], object]) -> int:
    """Bulk requests from worker threads while this thread keeps reading the database
    (database connections belong to their thread, so the reading stays here)."""
    count = 0
    pending: deque[Future] = deque()

    def finish(future: Future) -> None:
        nonlocal count
        sent, _errors = future.result()  # raises BulkIndexError if a document was refused
        count += sent
        progress(sent)

    with ThreadPoolExecutor(REBUILD_THREADS) as pool:
        while chunk := list(islice(actions, BULK_CHUNK)):
            pending.append(pool.submit(helpers.bulk, client, chunk, chunk_size=BULK_CHUNK))
            if len(pending) >= REBUILD_THREADS:
                finish(pending.popleft())
        while pending:
            finish(pending.popleft())
    return count


REPLAY_LOCK = "search.outbox.replay"


def replay_outbox(*, wait: bool = True) -> int | None:
    """Refresh every source in the outbox, oldest first, holding a lock that one process
    at a time may have (None, without `wait`, when another holds it). Raises when
    Elasticsearch still does not take them; what is left stays in the outbox."""
    with exclusive(REPLAY_LOCK, wait=wait) as got:
        if not got:
            return None
        keys = outbox.pending()
        for start in range(0, len(keys), BULK_CHUNK):
            refresh(keys[start : start + BULK_CHUNK], strict=True)
        return len(keys)


@dataclass
class Changes:
    """What a reconciliation changed in one store, counted per kind."""

    added: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    removed: Counter = field(default_factory=Counter)

    def __bool__(self) -> bool:
        return bool(self.added or self.updated or self.removed)


class _Store:
    def __init__(self, name, fingerprints, write):
        self.name, self.fingerprints, self.write = name, fingerprints, write


def stores(version: int) -> list[_Store]:
    """The two stores; Elasticsearch writes carry `version`, taken before anything is
    read, so a live update made meanwhile (with newer data) is never overwritten."""
    found = [_Store("Database backend", entries.fingerprints, entries.write)]
    if is_configured():
        client = indexing_client()
        found.append(
            _Store(
                "Elasticsearch",
                lambda: index.fingerprints(client),
                lambda documents, ids: index.write(client, documents, ids, version),
            )
        )
    return found


def reconcile() -> dict[str, Changes]:
    """Make every store hold exactly the documents the database makes: add what is
    missing, rewrite what differs, remove what should not be there."""
    targets = stores(index.new_version())
    known = {store.name: store.fingerprints() for store in targets}
    changes = {store.name: Changes() for store in targets}
    waiting: dict[str, list[Document]] = {store.name: [] for store in targets}
    seen = set()
    for document in all_documents():
        seen.add(document.id)
        fingerprint = document.fingerprint()
        for store in targets:
            old = known[store.name].get(document.id)
            if old == fingerprint:
                continue
            counter = changes[store.name].added if old is None else changes[store.name].updated
            counter[document.kind] += 1
            waiting[store.name].append(document)
            if len(waiting[store.name]) >= BULK_CHUNK:
                store.write(waiting[store.name], [])
                waiting[store.name] = []
    for store in targets:
        stale = sorted(set(known[store.name]) - seen)
        for id_ in stale:
            changes[store.name].removed[id_.rsplit("-", 1)[0]] += 1
        store.write(waiting[store.name], [])
        for start in range(0, len(stale), BULK_CHUNK):
            store.write([], stale[start : start + BULK_CHUNK])
    return changes


@dataclass
class Status:
    database: dict[str, int]
    entries: dict[str, int]
    index: dict[str, int] | None  # None when Elasticsearch is not configured or down
    index_name: str | None
    outbox: int
    oldest_waiting: datetime.datetime | None = None
    problem: str = ""
    health: cluster.Health | None = None
    nodes: list[cluster.NodeAnswer] = field(default_factory=list)


def status() -> Status:
    database = {kind.kind: kind.count() for kind in registered_kinds()}
    result = Status(
        database, entries.counts_by_kind(), None, None, outbox.length(), outbox.oldest()
    )
    if not is_configured():
        result.problem = "ELASTICSEARCH_URL is not set: search answers from the database."
        return result
    result.nodes = cluster.node_answers()
    client = search_client()  # one quick try per node: status should not wait on retries
    try:
        result.health = cluster.health()
        result.index_name = index.current_index(client)
        if result.index_name is None:
            result.problem = "There is no index yet: run `search_index rebuild`."
        else:
            result.index = index.counts_by_kind(client)
    except clients.ANSWER_ERRORS as error:
        result.problem = clients.explain(error)
    return result
