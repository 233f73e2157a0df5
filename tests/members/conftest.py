"""Fixtures for member tests: accounts at every stage, and a clean cache per test so that
allauth's rate limits (kept in the cache) never carry over from one test to the next."""

import os
import uuid

from django.conf import settings as django_settings
from django.core.cache import cache
from django.test import override_settings

import pytest

from network.members.models import Visibility
from search import client as search_client
from search import index
from tests.factories.members import PASSWORD, ProfileFactory, UserFactory

IN_CI = os.environ.get("CI", "").lower() == "true"


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def make_member(db):
    """A member with a profile: `make_member(visibility="members", confirmed=False, …)`."""

    def _make(visibility=Visibility.PUBLIC, confirmed=True, staff=False, **fields):
        user = UserFactory(confirmed=confirmed, is_staff=staff)
        return ProfileFactory(user=user, visibility=visibility, **fields)

    return _make


@pytest.fixture
def member(make_member):
    return make_member()


@pytest.fixture
def signed_in(client):
    """Sign a profile's owner in: `signed_in(profile)` returns the client."""

    def _sign_in(profile):
        client.force_login(profile.user)
        return client

    return _sign_in


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture(scope="module")
def elasticsearch_index():
    """An index of its own for one test module; tests in it use unique names."""
    if not django_settings.ELASTICSEARCH_URL:
        if IN_CI:
            pytest.fail("ELASTICSEARCH_URL is not set, and CI needs the real Elasticsearch.")
        pytest.skip("ELASTICSEARCH_URL is not set.")
    prefix = f"test_{uuid.uuid4().hex[:10]}_"
    with override_settings(ELASTICSEARCH_INDEX_PREFIX=prefix):
        client = search_client.indexing_client()
        index.ensure_alias(client)
        yield prefix
        index.drop_all(client)


@pytest.fixture(params=["database", "elasticsearch"])
def backend(request, settings):
    """Run the test on each search backend (Elasticsearch only where it is configured)."""
    search_client._down_until.clear()
    if request.param == "elasticsearch":
        settings.ELASTICSEARCH_INDEX_PREFIX = request.getfixturevalue("elasticsearch_index")
    else:
        settings.ELASTICSEARCH_URL = ""
    return request.param
