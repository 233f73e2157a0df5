"""Fixtures for search tests: an index of its own per test on the real Elasticsearch, and
pages published through the real importer with the after-commit indexing run."""

import uuid

from django.core.cache import cache

import pytest

from search import client as search_client
from search import index
from search.service import search
from search.types import SearchRequest

CLOSED_PORT_URL = "http://127.0.0.1:9"


@pytest.fixture(autouse=True)
def _fresh_state():
    """Vocabulary labels are cached, and so is "Elasticsearch is down": start clean."""
    cache.clear()
    search_client._down_until.clear()
    yield
    search_client._down_until.clear()


@pytest.fixture
def es(elasticsearch_url, settings):
    """An empty index behind an alias with a prefix no other test uses; dropped after."""
    settings.ELASTICSEARCH_URL = elasticsearch_url
    settings.ELASTICSEARCH_INDEX_PREFIX = f"test_{uuid.uuid4().hex[:10]}_"
    client = search_client.indexing_client()
    index.ensure_alias(client)
    yield client
    index.drop_all(client)


@pytest.fixture
def no_elasticsearch(settings):
    """Search without Elasticsearch: the database backend answers."""
    settings.ELASTICSEARCH_URL = ""


@pytest.fixture
def after_commit(django_capture_on_commit_callbacks):
    """`with after_commit(): ...` runs what the block leaves for the commit."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def find():
    """`find(q="…", sector=["public"], …)`: the search service's result."""

    def _find(q="", sort="relevance", page=1, page_size=50, **filters):
        filters = {name: tuple(values) for name, values in filters.items()}
        request = SearchRequest(q, filters, sort=sort, page=page, page_size=page_size)
        return search(request)

    return _find
