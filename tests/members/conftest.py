"""Fixtures for member tests: accounts at every stage, and one index per test module.

(The cache, which holds allauth's rate limits, is cleared around every test by
tests/conftest.py.)"""

from django.test import override_settings

import pytest

from members.models import Visibility
from tests.factories.members import PASSWORD, ProfileFactory, UserFactory
from tests.support.indexes import own_index, require_elasticsearch, unique_prefix


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
    require_elasticsearch()
    prefix = unique_prefix()
    with override_settings(ELASTICSEARCH_INDEX_PREFIX=prefix), own_index():
        yield prefix


@pytest.fixture(params=["database", "elasticsearch"])
def backend(request, settings):
    """Each search backend, as tests/conftest.py's `backend` but with one index for the
    whole module rather than one per test: the visibility matrix runs many cases."""
    if request.param == "elasticsearch":
        settings.ELASTICSEARCH_INDEX_PREFIX = request.getfixturevalue("elasticsearch_index")
    else:
        settings.ELASTICSEARCH_URL = ""
    return request.param
