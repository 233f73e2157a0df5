"""Fixtures for search tests: pages published through the real importer with the
after-commit indexing run, and the search service called in one line. (The index of a
test's own, `es`, and the `backend` parameter are in tests/conftest.py.)"""

import pytest

from casestudies.factories import as_lines
from casestudies.importexport.importer import import_lines
from search.service import search
from search.types import SearchRequest


@pytest.fixture
def no_elasticsearch(settings):
    """Search without Elasticsearch: the database backend answers."""
    settings.ELASTICSEARCH_URL = ""


@pytest.fixture
def publish(db, django_capture_on_commit_callbacks):
    """Import records through the real importer and run what waits for the commit (the
    indexing task), as a real request would."""

    def _publish(*records):
        with django_capture_on_commit_callbacks(execute=True):
            report = import_lines(as_lines(*records))
        assert not report.rejections, [str(r) for r in report.rejections]
        return report

    return _publish


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
