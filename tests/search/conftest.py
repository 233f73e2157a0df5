"""Fixtures for search tests: pages published through the real importer with the
after-commit indexing run, and the search service called in one line. (The index of a
test's own, `es`, and the `backend` parameter are in tests/conftest.py.)"""

from pathlib import Path

import pytest

from search import dictionary
from search.service import search
from search.types import SearchRequest
from tests.support.indexes import IN_CI


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


@pytest.fixture
def fresh_dictionary():
    """The spelling dictionary read again from the files the settings name now."""
    dictionary.load.cache_clear()
    yield
    dictionary.load.cache_clear()


@pytest.fixture
def en_gb(settings, fresh_dictionary):
    """The en_GB hunspell dictionary the project reads (Debian's hunspell-en-gb): its
    absence skips the test locally and fails it in CI."""
    if not Path(settings.SEARCH_DICTIONARY).with_suffix(".dic").exists():
        message = f"There is no hunspell dictionary at {settings.SEARCH_DICTIONARY}."
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
