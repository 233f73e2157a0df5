"""Profile photos leave storage with their profile: replaced, removed, or deleted with it.

These tests use real files in a temporary MEDIA_ROOT (the test settings otherwise keep
files in memory), and run the after-commit callbacks that delete them.
"""

import io
from http import HTTPStatus
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

import pytest
from PIL import Image

from members.models import Profile
from members.yourdata import delete_account

pytestmark = pytest.mark.django_db

EDIT = reverse("members:edit")


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return tmp_path


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what would happen once the test's changes commit."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(buffer, format="PNG")
    return buffer.getvalue()


def _stored_files(media_root: Path) -> set[str]:
    return {str(p.relative_to(media_root)) for p in media_root.rglob("*") if p.is_file()}


def _with_photo(member, committed) -> str:
    with committed():
        member.photo.save("me.png", ContentFile(_png()))
    return member.photo.name


def _edit_form(member, **overrides):
    return {
        "display_name": member.display_name,
        "visibility": member.visibility,
        "accepts_messages": "on",
        **overrides,
    }


def test_a_replaced_photo_is_deleted_from_storage(member, signed_in, media_root, committed):
    old = _with_photo(member, committed)
    new_photo = SimpleUploadedFile("new.png", _png(), content_type="image/png")

    with committed():
        response = signed_in(member).post(EDIT, _edit_form(member, photo=new_photo))

    assert response.status_code == HTTPStatus.FOUND
    member.refresh_from_db()
    assert member.photo.name != old
    assert _stored_files(media_root) == {member.photo.name}


def test_a_removed_photo_is_deleted_from_storage(member, signed_in, media_root, committed):
    _with_photo(member, committed)

    with committed():
        response = signed_in(member).post(EDIT, _edit_form(member, remove_photo="on"))

    assert response.status_code == HTTPStatus.FOUND
    member.refresh_from_db()
    assert not member.photo
    assert _stored_files(media_root) == set()


def test_saving_without_a_new_photo_keeps_the_file(member, signed_in, media_root, committed):
    kept = _with_photo(member, committed)

    with committed():
        signed_in(member).post(EDIT, _edit_form(member, job_title="Commissioner"))

    assert _stored_files(media_root) == {kept}


@pytest.mark.parametrize(
    "delete",
    [
        pytest.param(lambda member: delete_account(member.user), id="account deleted by its owner"),
        pytest.param(lambda member: member.user.delete(), id="account deleted"),
        pytest.param(lambda member: member.delete(), id="profile deleted"),
    ],
)
def test_the_photo_is_deleted_with_the_profile(member, media_root, committed, delete):
    _with_photo(member, committed)

    with committed():
        delete(member)

    assert not Profile.objects.filter(pk=member.pk).exists()
    assert _stored_files(media_root) == set()


def test_a_replacement_that_is_rolled_back_keeps_the_old_photo(member, media_root, committed):
    old = _with_photo(member, committed)

    with committed(), pytest.raises(RuntimeError), transaction.atomic():
        member.photo = ""
        member.save()
        raise RuntimeError("the request failed after saving")

    assert old in _stored_files(media_root)
