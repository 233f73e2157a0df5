"""Members in the Wagtail admin: listing, filters, suspension and the contact log."""

import os
import subprocess
import sys
from http import HTTPStatus

from django.urls import reverse

import pytest

from members.models import ContactMessage, Visibility
from members.suspension import suspend

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(make_member, signed_in):
    admin = make_member(staff=True)
    admin.user.is_superuser = True
    admin.user.save()
    return signed_in(admin)


def test_staff_see_members_listed_and_filtered(staff, make_member):
    make_member(display_name="Visible Person")
    make_member(display_name="Hidden Person", visibility=Visibility.HIDDEN)

    response = staff.get(reverse("member_profiles:index"), {"visibility": "hidden"})

    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "Hidden Person" in html
    assert "Visible Person" not in html


def test_suspending_refuses_sign_in_and_hides_the_profile(client, staff, make_member, password):
    target = make_member(display_name="Trouble Maker")

    response = staff.post(reverse("members_admin_suspension", args=[target.pk]), {"reason": "Spam"})

    assert response.status_code == HTTPStatus.FOUND
    target.refresh_from_db()
    assert target.is_suspended and not target.user.is_active
    staff.logout()
    client.post(reverse("account_login"), {"login": target.user.email, "password": password})
    assert "_auth_user_id" not in client.session
    # Strangers are asked to sign in, as for any profile they may not see.
    response = client.get(target.get_absolute_url())
    assert response.status_code == HTTPStatus.FOUND
    assert response.url.startswith(reverse("account_login"))


def test_a_suspended_member_whose_account_was_switched_back_on_is_still_refused(
    client, make_member, password
):
    target = make_member()
    suspend(target, "Spam")
    type(target.user).objects.filter(pk=target.user.pk).update(is_active=True)

    response = client.post(
        reverse("account_login"), {"login": target.user.email, "password": password}
    )

    assert response.status_code == HTTPStatus.FOUND
    assert response.url == reverse("account_inactive")
    assert "_auth_user_id" not in client.session
    assert "account_login" not in client.session  # the half-done sign-in is forgotten
    target.user.refresh_from_db()
    assert target.user.is_active  # refused without changing the account


def test_reinstating_lets_the_member_back(staff, make_member):
    target = make_member()
    suspend(target, "Mistake")

    staff.post(reverse("members_admin_suspension", args=[target.pk]))

    target.refresh_from_db()
    assert not target.is_suspended and target.user.is_active


def test_a_suspended_members_open_session_ends(make_member, signed_in):
    target = make_member()
    client = signed_in(target)
    suspend(target)

    response = client.get(reverse("members:edit"))

    assert response.status_code == HTTPStatus.FOUND
    assert response.url.startswith(reverse("account_login"))


def test_staff_can_read_the_contact_log_but_not_change_it(staff, make_member):
    message = ContactMessage.objects.create(
        sender_name="A", recipient_name="B", body="Abusive words"
    )

    assert (
        "Abusive words"
        in staff.get(reverse("contact_messages:inspect", args=[message.pk])).content.decode()
    )
    edit = staff.get(reverse("contact_messages:edit", args=[message.pk]))
    assert edit.status_code in (HTTPStatus.FOUND, HTTPStatus.FORBIDDEN)


def test_members_without_admin_access_cannot_suspend(make_member, signed_in):
    target = make_member()
    client = signed_in(make_member())

    response = client.post(reverse("members_admin_suspension", args=[target.pk]))

    assert response.status_code == HTTPStatus.FOUND
    target.refresh_from_db()
    assert not target.is_suspended


def test_production_settings_require_staff_to_use_an_authenticator_app():
    code = (
        "from django.conf import settings; "
        "print('members.middleware.StaffTwoFactorMiddleware' in settings.MIDDLEWARE)"
    )
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "network.settings.production",
        "SECRET_KEY": "only-for-this-check-and-never-a-real-secret-0123456789",
        "ALLOWED_HOSTS": "testserver",
        "EMAIL_URL": "consolemail://",
        "SITE_BASE_URL": "http://testserver",
    }

    output = subprocess.run(  # noqa: S603 (our own interpreter, fixed arguments)
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True
    ).stdout

    assert output.strip() == "True"
