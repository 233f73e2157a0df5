"""Fixtures for member tests: accounts at every stage, and a clean cache per test so that
allauth's rate limits (kept in the cache) never carry over from one test to the next."""

from django.core.cache import cache

import pytest

from network.members.factories import PASSWORD, ProfileFactory, UserFactory
from network.members.models import Visibility


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
