"""The Elasticsearch client, and what counts as "Elasticsearch cannot answer".

Settings are read when a client is asked for, never at import time, so tests can point
search elsewhere with `override_settings`. ELASTICSEARCH_URL may name several nodes of
one cluster: the client spreads requests over them, a request that cannot connect to one
node is tried on the next (one extra try per extra node), and the client's own pool of
nodes leaves a stopped node alone for a while.

After Elasticsearch fails a request, searches and live updates go straight to the
database (and the outbox) for `RETRY_AFTER_SECONDS` rather than each waiting for a
timeout; a black-holed node therefore holds a request for at most one timeout, and only
the requests that were already waiting on it.
"""

import time
import types
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings

import elasticsearch
import orjson
from elasticsearch import Elasticsearch
from elasticsearch import serializer as es_serializer

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


@dataclass(frozen=True)
class Connection:
    """Where the cluster is and how the site proves who it is, from the settings."""

    hosts: tuple[str, ...]
    api_key: str = ""
    username: str = ""
    password: str = ""
    ca_certs: str = ""
    fingerprint: str = ""

    def options(self) -> dict:
        """The client's keyword arguments for credentials and certificates."""
        options: dict = {}
        if self.api_key:
            options["api_key"] = self.api_key
        elif self.username:
            options["basic_auth"] = (self.username, self.password)
        if self.ca_certs:
            options["ca_certs"] = self.ca_certs
        if self.fingerprint:
            options["ssl_assert_fingerprint"] = self.fingerprint
        return options


def node_urls(value: str) -> tuple[str, ...]:
    """The nodes a comma-separated ELASTICSEARCH_URL names."""
    return tuple(part.strip() for part in value.split(",") if part.strip())


def connection() -> Connection:
    return Connection(
        hosts=node_urls(settings.ELASTICSEARCH_URL),
        api_key=settings.ELASTICSEARCH_API_KEY,
        username=settings.ELASTICSEARCH_USERNAME,
        password=settings.ELASTICSEARCH_PASSWORD,
        ca_certs=settings.ELASTICSEARCH_CA_CERTS,
        fingerprint=settings.ELASTICSEARCH_SSL_FINGERPRINT,
    )


class _Orjson(es_serializer.JsonSerializer):
    """JSON written and read by orjson. Every search with words sends the query's vector
    (and a rebuild every document's): the standard library takes 0.5 ms to write one
    vector's 256 numbers, orjson 0.02 ms (benchmarks/search.py shows the rebuild's rate).
    The client's own `OrjsonSerializer` serves plain JSON only; as a mixin this serves the
    NDJSON of multi-searches and bulk requests too."""

    def json_dumps(self, data: object) -> bytes:
        return orjson.dumps(data, default=self.default, option=orjson.OPT_SERIALIZE_NUMPY)

    def json_loads(self, data: bytes) -> object:
        return orjson.loads(data)


# The client's serializers, each of the JSON and NDJSON kinds (msearch, bulk) made to
# write and read with orjson; the client picks one by the body's media type.
SERIALIZERS = {
    kind.mimetype: types.new_class(kind.__name__, (_Orjson, kind))()
    for kind in (
        es_serializer.JsonSerializer,
        es_serializer.NdjsonSerializer,
        es_serializer.CompatibilityModeJsonSerializer,
        es_serializer.CompatibilityModeNdjsonSerializer,
    )
}


@lru_cache(maxsize=8)
def _client(to: Connection, timeout: float, retries: int) -> Elasticsearch:
    return Elasticsearch(
        list(to.hosts),
        serializers=SERIALIZERS,
        request_timeout=timeout,
        # A refused connection or a 502/503/504 moves on to another node; a timeout is
        # tried again only where `retries` allows it.
        max_retries=retries + len(to.hosts) - 1,
        retry_on_timeout=retries > 0,
        connections_per_node=CONNECTIONS_PER_NODE,
        **to.options(),
    )


def node_client(url: str, timeout: float) -> Elasticsearch:
    """A client of one node only, with the site's credentials: to ask whether it answers."""
    return Elasticsearch(
        url,
        request_timeout=timeout,
        max_retries=0,
        serializers=SERIALIZERS,
        **connection().options(),
    )


def search_client() -> Elasticsearch:
    """For searches: one try within SEARCH_TIMEOUT_SECONDS, then the database answers."""
    return _client(connection(), settings.SEARCH_TIMEOUT_SECONDS, 0)


def live_indexing_client() -> Elasticsearch:
    """For the writes that follow a save: one retry, soon given up."""
    return _client(connection(), LIVE_INDEXING_TIMEOUT_SECONDS, 1)


def indexing_client() -> Elasticsearch:
    """For rebuilds and syncs: more patience, and retries."""
    return _client(connection(), INDEXING_TIMEOUT_SECONDS, 2)


def explain(error: BaseException) -> str:
    """One sentence an operator can act on, for any of ANSWER_ERRORS."""
    if isinstance(error, elasticsearch.AuthenticationException):
        return (
            "Elasticsearch refused the site's credentials (401): check ELASTICSEARCH_API_KEY,"
            " or ELASTICSEARCH_USERNAME and ELASTICSEARCH_PASSWORD."
        )
    if isinstance(error, elasticsearch.AuthorizationException):
        return (
            "Elasticsearch does not allow the site's credentials to do this (403): give them"
            f" the index privileges on {settings.ELASTICSEARCH_INDEX_PREFIX}*."
        )
    if isinstance(error, elasticsearch.SSLError):
        return (
            f"The TLS connection to Elasticsearch failed ({error.message}): check"
            " ELASTICSEARCH_CA_CERTS or ELASTICSEARCH_SSL_FINGERPRINT."
        )
    if isinstance(error, elasticsearch.ConnectionError):
        return f"No Elasticsearch node answered ({error.message})."
    if isinstance(error, elasticsearch.ConnectionTimeout):
        return f"Elasticsearch did not answer in time ({error.message})."
    return f"Elasticsearch did not answer as expected: {error}"


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
