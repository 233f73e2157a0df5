"""The replayer: sends what waits in the outbox once Elasticsearch answers again, with no
command run.

Every web process starts one daemon thread on its first request (`ensure_started`), unless
`SEARCH_OUTBOX_REPLAY_IN_WEB` is off because the scheduler (`run_schedule`) calls
`replay_due` instead. Every `SEARCH_OUTBOX_REPLAY_SECONDS` it looks at the outbox; when
something waits and Elasticsearch answers a health request, it replays the outbox under a
lock that only one process at a time can hold. A change that has waited longer than
`SEARCH_OUTBOX_WARN_SECONDS` is logged as a warning at each check, so an operator hears
of an index that has fallen behind.
"""

import logging
import os
import threading

from django.conf import settings
from django.db import connections
from django.utils import timezone

from . import client as clients
from . import indexing, outbox

logger = logging.getLogger(__name__)

_started = threading.Lock()
_stopping = threading.Event()
_thread: threading.Thread | None = None
_pid: int | None = None


def ensure_started(**_signal_arguments) -> None:
    """Start this process's replayer thread unless it runs already (or is turned off)."""
    global _thread, _pid
    if not settings.SEARCH_OUTBOX_REPLAY_SECONDS or not settings.SEARCH_OUTBOX_REPLAY_IN_WEB:
        return
    with _started:
        # After a fork the thread belongs to the parent: start one in this process.
        if _thread is not None and _thread.is_alive() and _pid == os.getpid():
            return
        _pid = os.getpid()
        _stopping.clear()
        _thread = threading.Thread(target=_run, name="search-outbox-replayer", daemon=True)
        _thread.start()


def stop(timeout: float = 30) -> None:
    """Stop this process's replayer thread, waiting for a replay under way to finish."""
    _stopping.set()
    if _thread is not None:
        _thread.join(timeout)


def _run() -> None:
    while not _stopping.wait(settings.SEARCH_OUTBOX_REPLAY_SECONDS or 1):
        if not settings.SEARCH_OUTBOX_REPLAY_SECONDS:
            return
        try:
            replay_due()
        except Exception:
            logger.exception("The search outbox replayer failed; it will try again.")
        finally:
            connections.close_all()  # this thread's connections only


def replay_due() -> int:
    """Replay the outbox if anything waits and Elasticsearch answers; how many sources
    were sent."""
    oldest = outbox.oldest()
    if oldest is None or not clients.is_configured():
        return 0
    waited = (timezone.now() - oldest).total_seconds()
    if waited > settings.SEARCH_OUTBOX_WARN_SECONDS:
        logger.warning(
            "Search is behind the database: %d change(s) waiting, the oldest for %d s.",
            outbox.length(),
            waited,
        )
    if not answering():
        return 0
    try:
        replayed = indexing.replay_outbox(wait=False)
    except (*indexing.INDEXING_ERRORS, indexing.NotIndexed) as error:
        logger.info("The outbox waits for Elasticsearch: %s", error)
        return 0
    if replayed is None:
        return 0  # another process is replaying
    clients.mark_up()
    logger.info("Search caught up: %d change(s) sent from the outbox.", replayed)
    return replayed


def answering() -> bool:
    """One quick health request."""
    try:
        clients.search_client().cluster.health()
    except clients.ANSWER_ERRORS:
        return False
    return True
