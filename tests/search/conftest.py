"""Fixtures for search tests: pages published through the real importer with the
after-commit indexing run, and the search service called in one line. (The index of a
test's own, `es`, and the `backend` parameter are in tests/conftest.py.)"""

import pytest

from search.service import search
from search.types import SearchRequest


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
