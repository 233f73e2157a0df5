"""The Elasticsearch client, and what counts as "Elasticsearch is unavailable".

Settings are read when a client is asked for, never at import time, so tests can point
search elsewhere with `override_settings`. After a search finds Elasticsearch unreachable,
searches go straight to the database for `RETRY_AFTER_SECONDS` rather than each waiting
for a timeout.
"""

import time
from functools import lru_cache

from django.conf import settings

import elasticsearch
from elasticsearch import ApiError, Elasticsearch

RETRY_AFTER_SECONDS = 10
INDEXING_TIMEOUT_SECONDS = 60

_down_until: dict[str, float] = {}


def is_configured() -> bool:
    return bool(settings.ELASTICSEARCH_URL)


def alias() -> str:
    """The alias that searches read and live updates write."""
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}content"


@lru_cache(maxsize=8)
def _client(url: str, timeout: float, retries: int) -> Elasticsearch:
    return Elasticsearch(
        url, request_timeout=timeout, max_retries=retries, retry_on_timeout=retries > 0
    )


def search_client() -> Elasticsearch:
    """For searches: one try within SEARCH_TIMEOUT_SECONDS, then the database answers."""
    return _client(settings.ELASTICSEARCH_URL, settings.SEARCH_TIMEOUT_SECONDS, 0)


def indexing_client() -> Elasticsearch:
    """For writes: more patience, and retries."""
    return _client(settings.ELASTICSEARCH_URL, INDEXING_TIMEOUT_SECONDS, 2)


def is_unavailable(error: Exception) -> bool:
    """Whether an error means "Elasticsearch cannot answer now" rather than a bug: no
    connection, a timeout, a missing index, or the cluster itself failing."""
    if isinstance(error, elasticsearch.ConnectionError | elasticsearch.ConnectionTimeout):
        return True
    if isinstance(error, ApiError):
        return error.meta.status == 404 or error.meta.status >= 500
    return False


def should_try() -> bool:
    """Whether searches should ask Elasticsearch now."""
    url = settings.ELASTICSEARCH_URL
    return bool(url) and _down_until.get(url, 0) <= time.monotonic()


def mark_down() -> None:
    _down_until[settings.ELASTICSEARCH_URL] = time.monotonic() + RETRY_AFTER_SECONDS


def mark_up() -> None:
    _down_until.pop(settings.ELASTICSEARCH_URL, None)
