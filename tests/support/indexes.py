"""Elasticsearch for tests: an index of a test's own, and an address where none answers.

Every test that writes to Elasticsearch does so under a prefix no other test uses, so
tests (and engineers sharing one node) never see each other's documents.
"""

import contextlib
import os
import uuid

from django.conf import settings

import pytest

from search import client as search_client
from search import index

# Nothing listens on the discard port: every connection is refused at once.
CLOSED_PORT_URL = "http://127.0.0.1:9"

IN_CI = os.environ.get("CI", "").lower() == "true"


def require_elasticsearch() -> str:
    """The URL of the real Elasticsearch; the test is skipped locally when there is none,
    and fails in CI."""
    if not settings.ELASTICSEARCH_URL:
        if IN_CI:
            pytest.fail("ELASTICSEARCH_URL is not set, and CI needs the real Elasticsearch.")
        pytest.skip("ELASTICSEARCH_URL is not set.")
    return settings.ELASTICSEARCH_URL


def unique_prefix() -> str:
    return f"test_{uuid.uuid4().hex[:10]}_"


@contextlib.contextmanager
def own_index():
    """An empty index behind an alias, under the prefix the settings hold now; every index
    with that prefix is dropped on leaving."""
    client = search_client.indexing_client()
    index.ensure_alias(client)
    try:
        yield client
    finally:
        index.drop_all(client)
