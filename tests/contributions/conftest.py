import pytest

from casestudies.site_tree import ensure_site_tree

from .contributions_support import make_member


@pytest.fixture
def site_tree(db):
    """The page tree contributions are written into (the case study index and its workflow)."""
    return ensure_site_tree()


@pytest.fixture
def member(db):
    """A confirmed member who may contribute; a test module may ask for another kind."""
    return make_member()


@pytest.fixture
def writer(client, member):
    """A browser signed in as `member`."""
    client.force_login(member.user)
    return client
