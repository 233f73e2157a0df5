"""Nobody outside the network can tell who is in it from the profile addresses.

Slugs come from names, so a visitor who could tell "members-only" from "no such member"
could test names one by one. Strangers are asked to sign in wherever they may not look,
and signed-in accounts that have not confirmed an address are asked to confirm it.
"""

from http import HTTPStatus

from django.utils import timezone

import pytest

from members.models import Visibility

pytestmark = pytest.mark.django_db

MISSING = "no-such-member"


@pytest.fixture
def unseen(make_member):
    """One profile of each kind a stranger may not see, by kind."""
    suspended = make_member(suspended_at=timezone.now())
    suspended.user.is_active = False
    suspended.user.save()
    return {
        "members-only": make_member(visibility=Visibility.MEMBERS),
        "hidden": make_member(visibility=Visibility.HIDDEN),
        "suspended": suspended,
        "unconfirmed": make_member(confirmed=False),
    }


def _answer(client, slug) -> tuple[int, str]:
    """The status and the Location, with the slug taken out so the shapes compare."""
    response = client.get(f"/members/{slug}/")
    return response.status_code, response.get("Location", "").replace(slug, "<slug>")


@pytest.mark.parametrize("kind", ["members-only", "hidden", "suspended", "unconfirmed"])
def test_a_stranger_gets_the_same_answer_as_for_a_missing_profile(client, unseen, kind):
    expected = _answer(client, MISSING)

    assert _answer(client, unseen[kind].slug) == expected
    assert expected == (HTTPStatus.FOUND, "/accounts/login/?next=/members/<slug>/")


@pytest.mark.parametrize("kind", ["members-only", "hidden", "suspended", "unconfirmed"])
def test_an_unconfirmed_account_gets_the_same_answer_as_for_a_missing_profile(
    make_member, signed_in, unseen, kind
):
    client = signed_in(make_member(confirmed=False))
    expected = _answer(client, MISSING)

    assert _answer(client, unseen[kind].slug) == expected
    assert expected == (HTTPStatus.FORBIDDEN, "")
    page = client.get(f"/members/{unseen[kind].slug}/").content.decode()
    assert "Confirm your email address to see profiles" in page


def test_a_confirmed_member_sees_members_only_profiles_and_not_hidden_ones(
    member, signed_in, unseen
):
    client = signed_in(member)

    assert _answer(client, unseen["members-only"].slug)[0] == HTTPStatus.OK
    for kind in ("hidden", "suspended", "unconfirmed"):
        assert _answer(client, unseen[kind].slug)[0] == HTTPStatus.NOT_FOUND, kind
    assert _answer(client, MISSING)[0] == HTTPStatus.NOT_FOUND


def test_the_owner_and_staff_still_open_a_hidden_profile(make_member, signed_in, unseen):
    hidden = unseen["hidden"]

    assert _answer(signed_in(hidden), hidden.slug)[0] == HTTPStatus.OK
    assert _answer(signed_in(make_member(staff=True)), hidden.slug)[0] == HTTPStatus.OK
