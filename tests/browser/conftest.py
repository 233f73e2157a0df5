"""Playwright fixtures: Debian's Chromium driving the site served by pytest-django's live_server.

Never `playwright install`: the browser is the system's /usr/bin/chromium.
"""

import os
from pathlib import Path

from django.core.management import call_command
from django.db import connections
from django.test import override_settings

import pytest
from playwright.sync_api import sync_playwright

from search import client as search_client
from search import index
from tests.support import db_snapshot, indexes

# Sync Playwright keeps an event loop in the test thread, and Django refuses ORM calls from
# a thread with a running loop unless told this is safe; here it is, as nothing else runs.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def _carry_serialized_contents(snapshot):
    """Give the connections seen under Playwright the snapshot taken for serialized rollback.

    Between its calls, sync Playwright leaves its event loop marked as running in this
    thread, and Django then hands out a second set of connection objects (to the same
    test database). Without the snapshot on them, a browser test that follows ordinary
    database tests would flush the migrations' data and never restore it.
    """
    for alias, contents in snapshot.items():
        connections[alias]._test_serialized_contents = contents


@pytest.fixture(scope="session")
def browser(django_db_setup):
    """One Chromium for the whole run; each test gets a fresh context from `page`."""
    if not CHROMIUM.exists():
        message = f"Chromium is not installed at {CHROMIUM} (Debian package chromium)."
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    snapshot = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        _carry_serialized_contents(snapshot)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    """A browser tab whose relative URLs resolve against the live server."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 800})
    context.set_default_timeout(10_000)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def own_index(settings):
    """An empty index of its own when Elasticsearch is configured (else the database
    backend answers), so documents other tests left behind cannot get in the way."""
    settings.ELASTICSEARCH_INDEX_PREFIX = indexes.unique_prefix()
    if not settings.ELASTICSEARCH_URL:
        yield
        return
    with indexes.own_index():
        yield


@pytest.fixture(scope="module")
def demo_indexed():
    """The demo content as seed_demo left it for the first test of a module, and the prefix
    of the index it was indexed in; that index is dropped after the module's last test."""
    seeded = {}
    yield seeded
    if "prefix" in seeded:
        _drop_index(seeded)


def _drop_index(seeded):
    with override_settings(
        ELASTICSEARCH_URL=seeded["url"], ELASTICSEARCH_INDEX_PREFIX=seeded["prefix"]
    ):
        index.drop_all(search_client.indexing_client())


@pytest.fixture
def demo_index(elasticsearch_url, settings, demo_indexed):
    """The demo content, indexed in an index of the module's own (see `demo_content`)."""
    settings.ELASTICSEARCH_URL = elasticsearch_url
    _seed_demo_once(settings, demo_indexed)


@pytest.fixture
def demo_content(settings, demo_indexed):
    """The demo content, indexed in an index of the module's own when Elasticsearch is
    configured (else the database backend answers). seed_demo runs (and indexes) for the
    first test of the module; each later test that starts from the same database gets the
    rows it left copied back (tests/support/db_snapshot.py) and searches the same index,
    which the tests using it only read."""
    _seed_demo_once(settings, demo_indexed)


def _seed_demo_once(settings, demo_indexed):
    url = settings.ELASTICSEARCH_URL
    if "prefix" in demo_indexed:
        settings.ELASTICSEARCH_INDEX_PREFIX = demo_indexed["prefix"]

    def seed():
        if "prefix" in demo_indexed:
            _drop_index(demo_indexed)
            del demo_indexed["prefix"]
        settings.ELASTICSEARCH_INDEX_PREFIX = indexes.unique_prefix()
        if url:
            demo_indexed.update(url=url, prefix=settings.ELASTICSEARCH_INDEX_PREFIX)
        call_command("seed_demo")

    db_snapshot.seed_once(demo_indexed, seed)
