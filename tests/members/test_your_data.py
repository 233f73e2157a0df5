"""Your data: the JSON download and deleting your account."""

import json
from http import HTTPStatus

from django.contrib.auth import get_user_model
from django.urls import reverse

import pytest
from allauth.account.models import EmailAddress

from casestudies.factories import as_lines, case_study_record
from casestudies.importexport.importer import import_lines
from casestudies.models import CaseStudyContact, CaseStudyPage
from members.models import ContactMessage, Profile

pytestmark = pytest.mark.django_db


def _sign_in_and_confirm_password(client, member, password):
    client.post(reverse("account_login"), {"login": member.user.email, "password": password})
    client.post(reverse("account_reauthenticate"), {"password": password})


def test_the_download_holds_the_account_profile_and_messages(member, make_member, signed_in):
    other = make_member()
    ContactMessage.objects.create(
        sender=other.user,
        recipient=member.user,
        sender_name=other.display_name,
        recipient_name=member.display_name,
        body="Hello",
    )

    response = signed_in(member).post(reverse("members:download_data"))

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["account"]["email_addresses"][0]["email"] == member.user.email
    assert data["profile"]["display_name"] == member.display_name
    assert data["messages_received"][0]["body"] == "Hello"
    assert data["messages_sent"] == []


def test_deletion_asks_for_the_password_again(member, signed_in):
    response = signed_in(member).get(reverse("members:delete"))

    assert response.status_code == HTTPStatus.FOUND
    assert response.url.startswith(reverse("account_reauthenticate"))


def test_deleting_the_account_keeps_case_studies_credited_to_a_former_member(
    client, member, password
):
    import_lines(as_lines(case_study_record(slug="kept")))
    page = CaseStudyPage.objects.get(slug="kept")
    CaseStudyContact.objects.create(page=page, member=member, role="Author")
    _sign_in_and_confirm_password(client, member, password)

    response = client.post(reverse("members:delete"), {"confirm": "on"})

    assert response.status_code == HTTPStatus.FOUND
    assert not get_user_model().objects.filter(pk=member.user.pk).exists()
    assert not Profile.objects.filter(pk=member.pk).exists()
    assert not EmailAddress.objects.filter(email=member.user.email).exists()
    assert "_auth_user_id" not in client.session
    html = client.get(page.url).content.decode()
    assert "A former member, Author" in html
    # The address answers as one that never existed: strangers are asked to sign in.
    gone = client.get(f"/members/{member.slug}/")
    assert gone.status_code == HTTPStatus.FOUND
    assert gone.url.startswith(reverse("account_login"))


def test_deletion_needs_the_box_ticked(client, member, password):
    _sign_in_and_confirm_password(client, member, password)

    response = client.post(reverse("members:delete"), {})

    assert response.status_code == HTTPStatus.OK
    assert "Tick the box" in response.content.decode()
    assert Profile.objects.filter(pk=member.pk).exists()
