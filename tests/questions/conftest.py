"""Fixtures for questions and answers: an asker, another member, a stranger's client and
an editor who may choose any question's accepted answer."""

from django.contrib.auth.models import Permission

import pytest

from tests.contributions.contributions_support import make_member
from tests.factories import questions as factories


@pytest.fixture
def asker(db):
    return make_member()


@pytest.fixture
def other(db):
    """A confirmed member who did not ask."""
    return make_member()


@pytest.fixture
def question(asker):
    return factories.question(asker)


@pytest.fixture
def reply(question, other):
    """`other`'s answer to `question`."""
    return factories.answer(question, other)


@pytest.fixture
def editor(db):
    profile = make_member()
    profile.user.user_permissions.add(Permission.objects.get(codename="moderate_question"))
    return profile


@pytest.fixture
def as_member(client):
    """`as_member(profile)`: the client signed in as that member."""

    def _sign_in(profile):
        client.force_login(profile.user)
        return client

    return _sign_in
