"""Fixtures shared by every test, and the rule that CI runs against the real services.

With `CI=true`, a test run without PostgreSQL or Elasticsearch fails at once: it never
turns into skipped tests. Locally, tests that need Elasticsearch are skipped with a reason
when `ELASTICSEARCH_URL` is unset.

Fixtures used by one folder only stay in that folder's conftest.
"""

from django.conf import settings
from django.core.cache import cache
from django.db import connections

import pytest

from casestudies.factories import as_lines
from casestudies.importexport.importer import import_lines
from search import client as search_client
from tests.support import db_snapshot
from tests.support.indexes import IN_CI, own_index, require_elasticsearch, unique_prefix


def pytest_configure(config):
    if not IN_CI:
        return
    engine = settings.DATABASES["default"]["ENGINE"]
    problems = []
    if "postgresql" not in engine:
        problems.append(f"DATABASE_URL must point at PostgreSQL in CI (engine is {engine}).")
    if not settings.ELASTICSEARCH_URL:
        problems.append("ELASTICSEARCH_URL must be set in CI.")
    if problems:
        pytest.exit(" ".join(problems), returncode=2)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, made faster to put back after each test that commits
    (tests/support/db_snapshot.py): its tables are emptied by DELETE rather than TRUNCATE,
    and what its migrations created comes back by COPY rather than by saving each object
    of Django's serialized dump again. Where those tables are not empty (the first such
    test, before any flush), Django's own update-or-insert restores them as before."""
    snapshots = {}
    with django_db_blocker.unblock():
        for connection in connections.all():
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents is not None and connection.vendor == "postgresql":
                snapshots[contents] = db_snapshot.take(connection)
    connection = connections["default"]
    if connection.vendor != "postgresql":
        yield
        return
    creation, operations = type(connection.creation), type(connection.ops)
    deserialize, sql_flush = creation.deserialize_db_from_string, operations.sql_flush

    def restore(self, data):
        tables = snapshots.get(data)
        if tables is None or not db_snapshot.emptied(self.connection, tables):
            deserialize(self, data)
        else:
            db_snapshot.replace(self.connection, (), tables)

    def empty(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or allow_cascade or not tables:
            return sql_flush(
                self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        return db_snapshot.emptying(self.connection, tables)

    creation.deserialize_db_from_string, operations.sql_flush = restore, empty
    yield
    creation.deserialize_db_from_string, operations.sql_flush = deserialize, sql_flush


@pytest.fixture
def elasticsearch_url():
    """The URL of the real Elasticsearch; skipped locally when there is none."""
    return require_elasticsearch()


@pytest.fixture(autouse=True)
def _fresh_state():
    """Start and end every test clean: the cache holds vocabulary labels and allauth's
    rate limits, and the search client remembers that Elasticsearch was down."""
    cache.clear()
    search_client._down_until.clear()
    yield
    cache.clear()
    search_client._down_until.clear()


@pytest.fixture
def es(elasticsearch_url, settings):
    """An empty index behind an alias with a prefix no other test uses; dropped after."""
    settings.ELASTICSEARCH_URL = elasticsearch_url
    settings.ELASTICSEARCH_INDEX_PREFIX = unique_prefix()
    with own_index() as client:
        yield client


@pytest.fixture(params=["database", "elasticsearch"])
def backend(request, settings):
    """Run the test once on each search backend: the database (no Elasticsearch
    configured), then the real Elasticsearch with a fresh index."""
    if request.param == "elasticsearch":
        request.getfixturevalue("es")
    else:
        settings.ELASTICSEARCH_URL = ""
    return request.param


# A test needs a service when it asks for one of these fixtures (directly or through
# another fixture) or carries one of these marks. `backend` and `live_server` reach the
# database and Elasticsearch through `request.getfixturevalue`, which the fixture closure
# does not show, so they are named here too.
SERVICE_FIXTURES = frozenset(
    {"db", "transactional_db", "django_db_setup", "live_server", "elasticsearch_url", "backend"}
)
SERVICE_MARKS = frozenset({"django_db", "browser", "elasticsearch", "services"})


def needs_services(item) -> bool:
    """Whether a test needs PostgreSQL, Elasticsearch or Chromium (the `services` mark)."""
    if SERVICE_FIXTURES & set(getattr(item, "fixturenames", ())):
        return True
    return any(mark.name in SERVICE_MARKS for mark in item.iter_markers())


def pytest_collection_modifyitems(items):
    """Mark every test that needs a service `services`, so that `make test-fast` can run
    the others with `-m "not services"` and no service started.

    Tests that commit for real (live_server, transactional_db, or marked
    `django_db(transaction=True)`) empty every table when
    they finish. Restore what the migrations created (the root page, the default site,
    the vocabularies) before each of them, so that no test depends on the order it runs in."""
    restore = pytest.mark.django_db(transaction=True, serialized_rollback=True)
    for item in items:
        marked = item.get_closest_marker("django_db")
        commits = marked is not None and marked.kwargs.get("transaction", False)
        if commits or {"live_server", "transactional_db"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(restore, append=False)
        if needs_services(item):
            item.add_marker(pytest.mark.services)


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
