"""What an import does once for all its lines, at the end of the run, instead of at every
save of every page.

Wagtail keeps two indexes of its own on every save: the reference index (what links to
what, for the admin's usage counts) and its admin search index. Importing a page saves it
three times (the new page, its revision, its publication), and each save rewrote both, as
each line's commit refreshed our search: most of an import's time. Within
`deferred_work()` Wagtail's handlers are off, the objects each line saves are noted, and
when the run ends both indexes are written once per object, as those handlers would have
written them, in bulk where Wagtail allows. Our own search refresh waits the same way
(`search.indexing.refreshes_held`, which keeps the outbox's guarantees).

Only the objects of lines that succeeded are kept (`Deferred.line`), so nothing a
rejected line saved reaches an index. The end-of-run work runs however the run ends: a
run that fails midway still indexes every line it committed.
"""

import threading
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction
from django.db.models import Model
from django.db.models.signals import post_save

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel, get_all_child_relations
from wagtail.models import ReferenceIndex
from wagtail.search.backends import get_search_backends
from wagtail.signal_handlers import disable_reference_index_auto_update

from modelsearch import index as admin_index
from modelsearch.signal_handlers import post_save_signal_handler

from search.indexing import BULK_CHUNK, refreshes_held

# Disconnecting Wagtail's admin index handler is process-wide: one import at a time.
_one_import = threading.Lock()


class Deferred:
    """The objects that an import's successful lines saved, by model."""

    def __init__(self) -> None:
        self.saved: dict[type[Model], set] = defaultdict(set)
        self._line: dict[type[Model], set] | None = None
        self._thread = threading.get_ident()

    @contextmanager
    def line(self) -> Iterator[None]:
        """Note what the block saves; keep it only if the block ends without an error."""
        self._line = defaultdict(set)
        try:
            yield
            for model, pks in self._line.items():
                self.saved[model] |= pks
        finally:
            self._line = None

    def _note(self, sender, instance, raw=False, **kwargs) -> None:
        if self._line is not None and not raw and threading.get_ident() == self._thread:
            self._line[type(instance)].add(instance.pk)

    def finish(self) -> None:
        """Both of Wagtail's indexes for every object saved, BULK_CHUNK at a time."""
        indexed = set(_admin_indexed_models())
        referencing = defaultdict(set)
        for model, pks in self.saved.items():
            parent, parent_pks = _reference_owner(model, sorted(pks))
            if ReferenceIndex.is_indexed(parent):
                referencing[parent] |= parent_pks
            if model in indexed:
                for chunk in _chunks(pks):
                    _index_for_admin(model, chunk)
        for model, pks in referencing.items():
            for chunk in _chunks(pks):
                _index_references(model, chunk)
        self.saved.clear()


def _chunks(pks) -> Iterator[list]:
    pks = sorted(pks)
    for start in range(0, len(pks), BULK_CHUNK):
        yield pks[start : start + BULK_CHUNK]


def _admin_indexed_models() -> list[type[Model]]:
    """The models whose saves Wagtail's admin search index follows (as it registers them)."""
    return [
        model
        for model in admin_index.get_indexed_models()
        if getattr(model, "search_auto_update", True)
    ]


def _index_for_admin(model: type[Model], pks: list) -> None:
    # Every model here is one of Wagtail's indexed models (`index.Indexed`), untyped.
    objects = list(model.get_indexed_objects().filter(pk__in=pks))  # type: ignore[attr-defined]
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(model, objects)


def _reference_owner(model: type[Model], pks: list) -> tuple[type[Model], set]:
    """The objects whose references these saves change: a child object's (a page's
    source, say) are recorded against the object that owns it, as Wagtail's task does."""
    while keys := [f for f in model._meta.get_fields() if isinstance(f, ParentalKey)]:
        key = keys[0]
        pks = list(model._default_manager.filter(pk__in=pks).values_list(key.attname, flat=True))
        model, pks = key.related_model, [pk for pk in pks if pk is not None]
    return model, set(pks)


@transaction.atomic
def _index_references(model: type[Model], pks: list) -> None:
    """Wagtail has no bulk form of this: one object at a time, in one transaction, with
    the child objects it reads (a page's sources, say) fetched for the whole chunk."""
    children = []
    if issubclass(model, ClusterableModel):
        children = [relation.get_accessor_name() for relation in get_all_child_relations(model)]
    for instance in model._default_manager.filter(pk__in=pks).prefetch_related(*children):
        ReferenceIndex.create_or_update_for_object(instance)


@contextmanager
def _admin_index_suspended() -> Iterator[None]:
    """Wagtail's admin search index has no per-thread switch (the reference index has):
    its save handler is disconnected while the import runs. That holds for the whole
    process, so imports run one at a time, as a command of their own (`import_content`),
    where no other thread saves pages meanwhile."""
    disconnected = [
        model
        for model in _admin_indexed_models()
        if post_save.disconnect(post_save_signal_handler, sender=model)
    ]
    try:
        yield
    finally:
        for model in disconnected:
            post_save.connect(post_save_signal_handler, sender=model)


@contextmanager
def deferred_work() -> Iterator[Deferred]:
    """Hold the indexing of everything the block saves to the end of the block."""
    deferred = Deferred()
    with (
        _one_import,
        refreshes_held(),
        disable_reference_index_auto_update(),
        _admin_index_suspended(),
    ):
        post_save.connect(deferred._note, weak=False, dispatch_uid=id(deferred))
        try:
            yield deferred
        finally:
            post_save.disconnect(dispatch_uid=id(deferred))
            deferred.finish()
