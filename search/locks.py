"""Locks that hold across processes: one replayer at a time, whichever process it is in.

On PostgreSQL, an advisory lock of the database session; on SQLite (one development
process), a lock of the process.
"""

import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection

_local_locks: dict[str, threading.Lock] = {}


@contextmanager
def exclusive(name: str, *, wait: bool) -> Iterator[bool]:
    """Hold the lock `name` for the block; yields whether it was got (always, with
    `wait`; without, False when another holder has it)."""
    if connection.vendor == "postgresql":
        key = zlib.crc32(name.encode())
        with connection.cursor() as cursor:
            if wait:
                cursor.execute("SELECT pg_advisory_lock(%s), true", [key])
            else:
                cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
            got = cursor.fetchone()[-1]
        try:
            yield got
        finally:
            if got:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
        return
    lock = _local_locks.setdefault(name, threading.Lock())
    got = lock.acquire(blocking=wait)
    try:
        yield got
    finally:
        if got:
            lock.release()
