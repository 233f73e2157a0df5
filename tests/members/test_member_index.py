"""The index follows members at once: profile edits, visibility, confirmation, suspension
and deletion all reach search when the transaction commits."""

import uuid

from django.urls import reverse

import pytest

from members.models import Visibility
from members.suspension import reinstate, suspend
from members.yourdata import delete_account
from search.kinds import viewer_for
from search.service import search
from search.types import SearchRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def surname():
    """A name no other test uses: the Elasticsearch index outlives each test's database."""
    return f"Q{uuid.uuid4().hex[:10]}"


@pytest.fixture
def indexed(backend, make_member, surname, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return make_member(display_name=f"Quillon {surname}", slug=surname.lower())


@pytest.fixture
def found(make_member, surname):
    """Names of the members a signed-in member finds."""
    viewer = viewer_for(make_member().user)

    def _found(query=surname):
        request = SearchRequest(query, {"kind": ("member",)}, viewer=viewer)
        return [hit.title for hit in search(request).hits]

    return _found


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_editing_the_profile_updates_the_document(indexed, surname, found, signed_in, committed):
    with committed():
        signed_in(indexed).post(
            reverse("members:edit"),
            {"display_name": f"Brook {surname}", "visibility": "members", "bio": "Allotments"},
        )

    assert found() == [f"Brook {surname}"]
    assert found(f"{surname} allotments") == [f"Brook {surname}"]


def test_hiding_the_profile_removes_it(indexed, found, committed):
    indexed.visibility = Visibility.HIDDEN
    with committed():
        indexed.save()

    assert found() == []


def test_suspension_removes_it_and_reinstating_restores_it(indexed, found, committed):
    with committed():
        suspend(indexed, "Spam")
    assert found() == []

    with committed():
        reinstate(indexed)
    assert found() == [indexed.display_name]


def test_deletion_removes_it(indexed, found, committed):
    with committed():
        delete_account(indexed.user)

    assert found() == []


def test_confirming_the_address_adds_it(backend, make_member, surname, found, committed):
    with committed():
        member = make_member(confirmed=False, display_name=f"Late {surname}", slug=surname.lower())
    assert found() == []

    with committed():
        member.user.emailaddress_set.update(verified=True)  # bulk: no signal
        member.user.emailaddress_set.get().save()

    assert found() == [member.display_name]
