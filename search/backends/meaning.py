"""The database backend's half of hybrid search: the entries' vectors as one matrix in
this process, and the entries nearest to a query's meaning.

Debian's PostgreSQL has no vector extension, so the vectors (`Entry.meaning`, float32
bytes) are scored here with numpy: one matrix product over every entry. Each process
keeps its own matrix, and before a search checks that it holds what the entries hold:
on PostgreSQL through their number and highest key (a key is never used twice, so any
insert or delete changes one of them), on SQLite (the small demo database, which can
reuse keys) always. When they changed, it reads every entry's key and fingerprint (a
fingerprint changes with the document, `kinds.Document.fingerprint`), drops the rows
that are gone or changed and reads the vectors of the rest: only what changed is read.
The matrix costs 1 KB an entry (256 float32s), and its keys and fingerprints about a third
as much again: at 100,000 documents the process grows by 130 MB (98 MB of it the matrix),
in each process that answers from the database (`benchmarks/search.py` measures it).
"""

import threading
from dataclasses import dataclass
from typing import Any, cast

from django.db import connection
from django.db.models import Count, Max, QuerySet

from .. import fusion, vectors
from ..models import Entry

# How many of the nearest entries are checked against what the request may show, to
# find fusion.NEAREST that it may.
CANDIDATES = fusion.NEAREST * 4
READ_CHUNK = 2_000


@dataclass(frozen=True)
class _Matrix:
    stamp: tuple[int, int] | None  # the entries' number and highest key (PostgreSQL)
    keys: list[tuple[int, str]]  # each row's entry: key and fingerprint
    pks: Any  # numpy: the rows' keys, and their vectors
    vectors: Any


_lock = threading.Lock()
_matrix: _Matrix | None = None


def _stamp() -> tuple[int, int] | None:
    if connection.vendor != "postgresql":
        return None
    found = Entry.objects.aggregate(number=Count("pk"), last=Max("pk"))
    return (found["number"], found["last"] or 0)


def current() -> _Matrix:
    """The matrix of every entry's vector, brought up to date."""
    global _matrix
    import numpy

    stamp = _stamp()
    with _lock:
        held = _matrix
        if held is not None and stamp is not None and held.stamp == stamp:
            return held
        alive = dict(Entry.objects.values_list("pk", "fingerprint").iterator(READ_CHUNK))
        keys = held.keys if held else []
        keep = [alive.get(pk) == fingerprint for pk, fingerprint in keys]
        kept = {key for key, kept in zip(keys, keep, strict=True) if kept}
        missing = [pk for pk, fingerprint in alive.items() if (pk, fingerprint) not in kept]
        new_keys, new_rows = _read(missing)
        all_keys = [key for key, k in zip(keys, keep, strict=True) if k] + new_keys
        if held is not None and kept:  # the rows kept, then those read
            old_rows = held.vectors[numpy.asarray(keep, dtype=bool)]
            new_rows = numpy.concatenate([old_rows, new_rows])
        _matrix = _Matrix(
            stamp,
            all_keys,
            numpy.asarray([pk for pk, _fingerprint in all_keys], dtype=numpy.int64),
            new_rows,
        )
        return _matrix


def _read(pks: list[int]) -> tuple[list[tuple[int, str]], Any]:
    """The entries (key, fingerprint) of these keys that have a vector, and the vectors:
    each row copied straight into one array, so that reading them all costs the matrix
    and little more."""
    import numpy

    keys: list[tuple[int, str]] = []
    matrix = numpy.empty((len(pks), vectors.DIMS), dtype="<f4")
    for start in range(0, len(pks), READ_CHUNK):
        rows = Entry.objects.filter(pk__in=pks[start : start + READ_CHUNK]).exclude(meaning=None)
        for pk, fingerprint, blob in rows.values_list("pk", "fingerprint", "meaning"):
            matrix[len(keys)] = numpy.frombuffer(cast(bytes, blob), dtype="<f4")
            keys.append((pk, fingerprint))
    matrix.resize((len(keys), vectors.DIMS), refcheck=False)  # less any without a vector
    return keys, matrix


def nearest(vector: list[float], rows: QuerySet, similarity_floor: float) -> list[int]:
    """The keys of up to fusion.NEAREST of `rows` nearest to `vector` (at least
    `similarity_floor` alike), nearest first."""
    import numpy

    matrix = current()
    if not len(matrix.pks):
        return []
    similarity = matrix.vectors @ numpy.asarray(vector, dtype=numpy.float32)
    above = numpy.flatnonzero(similarity >= similarity_floor)
    best = above[numpy.argsort(-similarity[above], kind="stable")][:CANDIDATES]
    keys = matrix.pks[best].tolist()
    shown = set(rows.filter(pk__in=keys).values_list("pk", flat=True))
    return [key for key in keys if key in shown][: fusion.NEAREST]
