"""Two-factor sign-in for everyone who can reach the admin, as production settings require.

Accounts are made the way the people who run the site make them: through Wagtail's own
user form at /admin/users/add/, which puts editors in a group and never sets `is_staff`.
"""

from http import HTTPStatus

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

import pytest
from allauth.mfa.models import Authenticator

from tests.factories.members import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def two_factor_required(settings):
    # Production settings add this middleware; see network/settings/production.py.
    settings.MIDDLEWARE = [
        *settings.MIDDLEWARE,
        "members.middleware.StaffTwoFactorMiddleware",
    ]


def _add_authenticator(user) -> None:
    Authenticator.objects.create(
        user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
    )


@pytest.fixture
def admin_client(client):
    """A superuser who has set up an authenticator app, signed in."""
    admin = get_user_model().objects.create_superuser("site-admin", "admin@example.org", PASSWORD)
    _add_authenticator(admin)
    client.force_login(admin)
    return client


def _add_user_in_wagtail(admin_client, username, *, groups=(), is_superuser=False):
    data = {
        "username": username,
        "email": f"{username}@example.org",
        "first_name": "Alex",
        "last_name": "Editor",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "groups": [Group.objects.get(name=name).pk for name in groups],
    }
    if is_superuser:
        data["is_superuser"] = "on"
    response = admin_client.post(reverse("wagtailusers_users:add"), data)
    assert response.status_code == HTTPStatus.FOUND, response.context["form"].errors
    return get_user_model().objects.get(username=username)


@pytest.mark.parametrize(
    ("groups", "is_superuser"),
    [
        (("Content editors",), False),
        (("Contribution moderators",), False),
        (("Newsletter senders",), False),
        ((), True),
    ],
    ids=["editor", "moderator", "sender", "superuser"],
)
def test_admin_users_made_in_wagtail_must_set_up_an_authenticator_app_first(
    admin_client, groups, is_superuser
):
    user = _add_user_in_wagtail(admin_client, "new-admin", groups=groups, is_superuser=is_superuser)
    assert not user.is_staff
    admin_client.force_login(user)

    response = admin_client.get("/admin/")

    assert response.status_code == HTTPStatus.FOUND
    assert response.url == reverse("mfa_activate_totp")
    setup = admin_client.get(response.url, follow=True)
    assert setup.status_code == HTTPStatus.OK
    assert setup.request["PATH_INFO"].startswith("/accounts/")


def test_an_editor_with_an_authenticator_app_reaches_the_admin(admin_client):
    editor = _add_user_in_wagtail(admin_client, "new-editor", groups=("Content editors",))
    _add_authenticator(editor)
    admin_client.force_login(editor)

    assert admin_client.get("/admin/").status_code == HTTPStatus.OK


def test_staff_without_admin_groups_are_also_sent_to_set_up_an_app(make_member, signed_in):
    staff = signed_in(make_member(staff=True))

    response = staff.get("/")

    assert response.status_code == HTTPStatus.FOUND
    assert response.url == reverse("mfa_activate_totp")


def test_an_ordinary_member_is_not_asked_for_an_authenticator_app(member, signed_in):
    client = signed_in(member)

    assert client.get(reverse("members:edit")).status_code == HTTPStatus.OK
    assert client.get(member.get_absolute_url()).status_code == HTTPStatus.OK
