"""A contribution in the Wagtail admin: staff who may suspend members can suspend the
contributor from its review screen (checked on the server), and the admin names members
by their display name, not their random username."""

from http import HTTPStatus
from importlib import import_module

from django.apps import apps
from django.urls import reverse

from wagtail.admin.utils import get_user_display_name
from wagtail.models import TaskState

import pytest

from tests.factories.members import UserFactory

from .contributions_support import contribution_of, make_member, make_moderator, write

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_tree")]


@pytest.fixture
def member():
    return make_member(display_name="Rhian Contributor")


@pytest.fixture
def submitted(client, member):
    client.force_login(member.user)
    write(client, {"title": "Damson commissioning in Marshfield"}, submit=True)
    client.logout()
    return contribution_of(member)


def _edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def _suspend_url(member, page):
    return f"{reverse('members_admin_suspension', args=[member.pk])}?next={_edit_url(page)}"


def test_staff_suspend_the_contributor_from_the_review_screen(client, member, submitted):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    edit = client.get(_edit_url(submitted))
    assert edit.status_code == HTTPStatus.OK
    assert "Suspend the contributor, Rhian Contributor" in edit.content.decode()
    assert f'href="{reverse("members_admin_suspension", args=[member.pk])}?next=' in (
        edit.content.decode()
    )

    response = client.post(
        _suspend_url(member, submitted), {"reason": "Spam", "next": _edit_url(submitted)}
    )

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == _edit_url(submitted)  # back to the review screen
    member.refresh_from_db()
    assert member.is_suspended and member.suspension_reason == "Spam"
    assert not TaskState.objects.reviewable_by(make_moderator()).exists()
    assert "Suspend the contributor" not in client.get(_edit_url(submitted)).content.decode()


def test_a_moderator_without_the_members_permission_can_neither_see_nor_suspend(
    client, member, submitted
):
    moderator = make_moderator()
    client.force_login(moderator)
    edit = client.get(_edit_url(submitted))
    assert edit.status_code == HTTPStatus.OK  # they may review it
    assert "Suspend the contributor" not in edit.content.decode()
    response = client.post(_suspend_url(member, submitted), {"reason": "Spam"})
    # Wagtail answers a refused admin action by sending them to the dashboard.
    assert (response.status_code, response["Location"]) == (
        HTTPStatus.FOUND,
        reverse("wagtailadmin_home"),
    )
    member.refresh_from_db()
    assert not member.is_suspended
    assert TaskState.objects.reviewable_by(moderator).exists()


def test_the_suspension_screen_goes_back_only_to_this_site(client, member, submitted):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = reverse("members_admin_suspension", args=[member.pk])
    response = client.post(url, {"next": "https://elsewhere.example/"})
    assert response["Location"] == reverse("member_profiles:index")


def test_the_admin_names_a_member_by_their_display_name(member):
    assert get_user_display_name(member.user) == "Rhian Contributor"
    member.display_name = "Rhian Ap Contributor"
    member.save()
    member.user.refresh_from_db()
    assert get_user_display_name(member.user) == "Rhian Ap Contributor"
    assert member.user.username not in get_user_display_name(member.user)


def test_the_review_queue_names_the_contributor_not_their_username(client, member, submitted):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Damson commissioning in Marshfield" in html
    assert "Rhian Contributor" in html
    assert member.user.username not in html


def test_the_data_step_names_existing_accounts_after_their_profiles(member):
    type(member.user).objects.filter(pk=member.user_id).update(first_name="", last_name="")
    migration = import_module("members.migrations.0002_user_names_from_profiles")
    migration.name_users(apps, None)
    member.user.refresh_from_db()
    assert member.user.get_full_name() == "Rhian Contributor"
