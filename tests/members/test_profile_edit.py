"""Editing your own profile at /members/me/edit/."""

import io
from http import HTTPStatus

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest
from PIL import Image

from taxonomy.models import Organisation, OrganisationType, Role, Sector, Theme

pytestmark = pytest.mark.django_db

EDIT = reverse("members:edit")


def _form(**overrides):
    data = {
        "display_name": "Sam Patel",
        "job_title": "Head of commissioning",
        "role": Role.objects.get(slug="commissioner").pk,
        "organisation_text": "",
        "sector": Sector.objects.get(slug="public").pk,
        "region": "",
        "themes": [Theme.objects.get(slug="relationships").pk],
        "bio": "I *commission* care.",
        "visibility": "public",
        "accepts_messages": "on",
    }
    data.update(overrides)
    return data


def _image(image_format="PNG", size=(1200, 900)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "teal").save(buffer, format=image_format)
    return buffer.getvalue()


def test_an_unconfirmed_account_cannot_edit_a_profile(make_member, signed_in):
    profile = make_member(confirmed=False)
    client = signed_in(profile)

    response = client.post(EDIT, _form(display_name="Changed"))

    assert response.status_code == HTTPStatus.OK
    assert "verified_email_required" in [t.name.split("/")[-1][:-5] for t in response.templates]
    profile.refresh_from_db()
    assert profile.display_name != "Changed"


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(EDIT)

    assert response.status_code == HTTPStatus.FOUND
    assert response.url.startswith(reverse("account_login"))


def test_saving_the_form_updates_the_profile_and_its_expertise(member, signed_in):
    response = signed_in(member).post(EDIT, _form())

    assert response.status_code == HTTPStatus.FOUND
    member.refresh_from_db()
    assert member.display_name == "Sam Patel"
    assert member.role.slug == "commissioner"
    assert [t.slug for t in member.themes.all()] == ["relationships"]


def test_the_slug_stays_when_the_name_changes(member, signed_in):
    slug = member.slug

    signed_in(member).post(EDIT, _form(display_name="Someone Else"))

    member.refresh_from_db()
    assert member.slug == slug


def test_a_known_organisation_is_linked_and_a_new_name_is_kept_as_text(member, signed_in):
    council = Organisation.objects.create(
        name="Lambeth Council", organisation_type=OrganisationType.objects.get(slug="council")
    )
    client = signed_in(member)

    client.post(EDIT, _form(organisation_text="lambeth  council"))
    member.refresh_from_db()
    assert (member.organisation, member.organisation_name) == (council, "")

    client.post(EDIT, _form(organisation_text="Riverside Co-op"))
    member.refresh_from_db()
    assert (member.organisation, member.organisation_name) == (None, "Riverside Co-op")


def test_a_photo_is_scaled_down_and_stripped(member, signed_in):
    photo = SimpleUploadedFile("me.png", _image(), content_type="image/png")

    response = signed_in(member).post(EDIT, {**_form(), "photo": photo})

    assert response.status_code == HTTPStatus.FOUND
    member.refresh_from_db()
    with Image.open(member.photo) as stored:
        assert max(stored.size) == 600
    assert "me" not in member.photo.name.rsplit("/", 1)[-1]


def test_a_file_that_is_not_an_image_is_refused(member, signed_in):
    fake = SimpleUploadedFile("me.png", b"<script>alert(1)</script>", content_type="image/png")

    response = signed_in(member).post(EDIT, {**_form(), "photo": fake})

    assert response.status_code == HTTPStatus.OK
    assert "There is a problem" in response.content.decode()


def test_a_gif_is_refused(member, signed_in):
    gif = SimpleUploadedFile("me.gif", _image("GIF", (10, 10)), content_type="image/gif")

    response = signed_in(member).post(EDIT, {**_form(), "photo": gif})

    assert "JPEG, PNG or WebP" in response.content.decode()


def test_a_photo_over_the_size_limit_is_refused(member, signed_in, settings):
    settings.MEMBERS_PHOTO_MAX_BYTES = 100
    photo = SimpleUploadedFile("me.png", _image(), content_type="image/png")

    response = signed_in(member).post(EDIT, {**_form(), "photo": photo})

    assert "smaller than 2 MB" in response.content.decode()
