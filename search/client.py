"""The Elasticsearch client, and what counts as "Elasticsearch cannot answer".

Settings are read when a client is asked for, never at import time, so tests can point
search elsewhere with `override_settings`. After Elasticsearch fails a request, searches
and live updates go straight to the database (and the outbox) for `RETRY_AFTER_SECONDS`
rather than each waiting for a timeout; a black-holed node therefore holds a request for
at most one timeout, and only the requests that were already waiting on it.
"""

import time
from functools import lru_cache

from django.conf import settings

import elasticsearch
from elasticsearch import Elasticsearch

RETRY_AFTER_SECONDS = 10
# Live updates run after a save, sometimes inside the request that saved: they give up
# soon and leave the change in the outbox. Rebuilds and syncs are run by people and wait.
LIVE_INDEXING_TIMEOUT_SECONDS = 5
INDEXING_TIMEOUT_SECONDS = 60
# Connections kept per node and process: as many as a web process has threads, and more.
CONNECTIONS_PER_NODE = 16


class UnexpectedAnswer(Exception):
    """Elasticsearch answered, but not with the shape the request asks for."""


# Every way Elasticsearch can fail to answer: no connection, a timeout, an error status
# (429 from an overloaded cluster as much as 5xx), a body that is not JSON, a server that
# is not Elasticsearch, or a body of the wrong shape. Each one means "ask the database".
ANSWER_ERRORS = (elasticsearch.ApiError, elasticsearch.TransportError, UnexpectedAnswer)

_down_until: dict[str, float] = {}


def is_configured() -> bool:
    return bool(settings.ELASTICSEARCH_URL)


def alias() -> str:
    """The alias that searches read and live updates write."""
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}content"


@lru_cache(maxsize=8)
def _client(url: str, timeout: float, retries: int) -> Elasticsearch:
    return Elasticsearch(
        url,
        request_timeout=timeout,
        max_retries=retries,
        retry_on_timeout=retries > 0,
        connections_per_node=CONNECTIONS_PER_NODE,
    )


def search_client() -> Elasticsearch:
    """For searches: one try within SEARCH_TIMEOUT_SECONDS, then the database answers."""
    return _client(settings.ELASTICSEARCH_URL, settings.SEARCH_TIMEOUT_SECONDS, 0)


def live_indexing_client() -> Elasticsearch:
    """For the writes that follow a save: one retry, soon given up."""
    return _client(settings.ELASTICSEARCH_URL, LIVE_INDEXING_TIMEOUT_SECONDS, 1)


def indexing_client() -> Elasticsearch:
    """For rebuilds and syncs: more patience, and retries."""
    return _client(settings.ELASTICSEARCH_URL, INDEXING_TIMEOUT_SECONDS, 2)


def expect(body, *keys: str) -> dict:
    """The body, if it is a JSON object holding `keys`; else UnexpectedAnswer."""
    if not isinstance(body, dict) or any(key not in body for key in keys):
        raise UnexpectedAnswer(f"Elasticsearch answered without {', '.join(keys)}.")
    return body


def should_try() -> bool:
    """Whether searches should ask Elasticsearch now."""
    url = settings.ELASTICSEARCH_URL
    return bool(url) and _down_until.get(url, 0) <= time.monotonic()


def mark_down() -> None:
    _down_until[settings.ELASTICSEARCH_URL] = time.monotonic() + RETRY_AFTER_SECONDS


def mark_up() -> None:
    _down_until.pop(settings.ELASTICSEARCH_URL, None)
