"""Shared media: with MEDIA_BUCKET set, uploads live in an S3-compatible object store that
every web process reads, objects are private, and the site gives out only signed addresses
that expire. Without it, files stay on the filesystem.

The object store is moto's S3 server, in a thread of the test process. Two gunicorn
processes with the production settings (`servers`, tests/network/conftest.py) share it
and the test database: one takes the upload, the other shows it.
"""

import html
import re
import uuid
from http import HTTPStatus
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile

from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

import boto3
import pytest
import requests
from moto.server import ThreadedMotoServer

from members.models import Profile
from tests.factories.members import PASSWORD, ProfileFactory, UserFactory
from tests.support.csp import directives

from .production import Browser, free_port, png, production_environment, run_python

pytestmark = pytest.mark.services

BUCKET = "network-media"
KEYS = {"MEDIA_ACCESS_KEY_ID": "testing", "MEDIA_SECRET_ACCESS_KEY": "testing"}


@pytest.fixture(scope="module")
def object_store():
    """The endpoint of an S3 server holding one empty, private bucket."""
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    try:
        bucket(endpoint).create()
        yield endpoint
    finally:
        server.stop()


def bucket(endpoint: str):
    return boto3.resource(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id=KEYS["MEDIA_ACCESS_KEY_ID"],
        aws_secret_access_key=KEYS["MEDIA_SECRET_ACCESS_KEY"],
        region_name="us-east-1",
    ).Bucket(BUCKET)


def media_settings(endpoint: str) -> dict[str, str]:
    return {
        "MEDIA_BUCKET": BUCKET,
        "MEDIA_ENDPOINT_URL": endpoint,
        "MEDIA_REGION": "us-east-1",
        **KEYS,
    }


@pytest.fixture(scope="module")
def server_settings(object_store):
    """Both servers keep media in the one bucket."""
    return [media_settings(object_store), media_settings(object_store)]


@pytest.fixture
def s3_storage(settings, object_store):
    """The test process writes to the same bucket, as the servers' settings say."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": object_store,
                "access_key": KEYS["MEDIA_ACCESS_KEY_ID"],
                "secret_key": KEYS["MEDIA_SECRET_ACCESS_KEY"],
                "region_name": "us-east-1",
                "default_acl": None,
                "file_overwrite": False,
            },
        },
    }


def stored_keys(endpoint: str) -> set[str]:
    return {item.key for item in bucket(endpoint).objects.all()}


def assert_signed_and_expiring(url: str, endpoint: str) -> None:
    assert url.startswith(f"{endpoint}/{BUCKET}/")
    assert "X-Amz-Signature=" in url
    assert f"X-Amz-Expires={settings.MEDIA_URL_EXPIRY_SECONDS}" in url


def test_a_photo_uploaded_through_one_server_is_shown_by_another_through_a_signed_address(
    transactional_db, servers, object_store
):
    uploader, reader = servers
    member = ProfileFactory()
    owner = Browser(uploader.url).sign_in(member.user)

    response = owner.post(
        "/members/me/edit/",
        {"display_name": member.display_name, "visibility": member.visibility},
        files={"photo": ("me.png", png(), "image/png")},
    )

    assert response.status_code == HTTPStatus.FOUND, response.text[:500]
    member.refresh_from_db()
    assert stored_keys(object_store) >= {member.photo.name}
    shown = Browser(reader.url).get(f"/members/{member.slug}/")
    page = shown.text
    address = html.unescape(re.search(r'class="profile__photo" src="([^"]+)"', page)[1])
    assert_signed_and_expiring(address, object_store)
    assert object_store in directives(shown.headers["Content-Security-Policy"])["img-src"]
    photo = requests.get(address, timeout=30)
    assert photo.status_code == HTTPStatus.OK
    assert photo.content == bucket(object_store).Object(member.photo.name).get()["Body"].read()
    assert requests.get(address.split("?")[0], timeout=30).status_code == HTTPStatus.FORBIDDEN


def test_deleting_an_account_deletes_its_photo_from_the_bucket(
    transactional_db, servers, object_store, s3_storage
):
    member = ProfileFactory()
    member.photo.save("me.png", ContentFile(png()))
    assert member.photo.name in stored_keys(object_store)
    owner = Browser(servers[0].url).sign_in(member.user)
    owner.post("/accounts/reauthenticate/", {"password": PASSWORD})

    response = owner.post("/members/me/delete/", {"confirm": "on"})

    assert response.status_code == HTTPStatus.FOUND, response.text[:500]
    assert not Profile.objects.filter(pk=member.pk).exists()
    assert member.photo.name not in stored_keys(object_store)


def test_a_private_document_is_refused_to_a_stranger_and_redirected_to_a_signed_address(
    transactional_db, servers, object_store, s3_storage
):
    readers = Group.objects.create(name=f"Readers {uuid.uuid4().hex[:6]}")
    private = Collection.get_first_root_node().add_child(name="Board papers")
    restriction = CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.add(readers)
    document = get_document_model().objects.create(
        title="Minutes", collection=private, file=ContentFile(b"minutes", name="minutes.txt")
    )
    allowed, stranger = UserFactory(), UserFactory()
    allowed.groups.add(readers)
    path = f"/documents/{document.pk}/{document.filename}"

    refused = Browser(servers[0].url).sign_in(stranger).get(path)
    answered = Browser(servers[1].url).sign_in(allowed).get(path)

    assert refused.status_code == HTTPStatus.FOUND
    # Wagtail sends whoever a restriction refuses to its own sign-in page.
    assert urlsplit(refused.headers["Location"]).path.endswith("/login/")
    assert answered.status_code == HTTPStatus.FOUND
    address = answered.headers["Location"]
    assert_signed_and_expiring(address, object_store)
    assert requests.get(address, timeout=30).content == b"minutes"
    unsigned = requests.get(f"{object_store}/{BUCKET}/{document.file.name}", timeout=30)
    assert unsigned.status_code == HTTPStatus.FORBIDDEN


LOAD_STORAGE = (
    "import django; django.setup(); from django.conf import settings; "
    "print(settings.STORAGES['default']['BACKEND'], "
    "getattr(settings, 'WAGTAILDOCS_SERVE_METHOD', None))"
)


@pytest.mark.django_db
def test_without_a_bucket_media_stays_on_the_filesystem():
    result = run_python(LOAD_STORAGE, production_environment(MEDIA_BUCKET=None))

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.core.files.storage.FileSystemStorage", "None"]


@pytest.mark.django_db
def test_with_a_bucket_media_goes_to_the_object_store_and_documents_redirect():
    result = run_python(LOAD_STORAGE, production_environment(**media_settings("http://s3")))

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["storages.backends.s3.S3Storage", "redirect"]


@pytest.mark.django_db
def test_a_custom_domain_is_refused_because_it_would_give_out_unsigned_addresses():
    environment = production_environment(
        **media_settings("http://s3"), MEDIA_CUSTOM_DOMAIN="media.example.org"
    )

    result = run_python(LOAD_STORAGE, environment)

    assert result.returncode != 0
    assert "ImproperlyConfigured: MEDIA_CUSTOM_DOMAIN is set" in result.stderr.splitlines()[-1]


@pytest.mark.django_db
def test_a_bucket_without_an_endpoint_is_refused():
    environment = production_environment(
        **{**media_settings("http://s3"), "MEDIA_ENDPOINT_URL": ""}
    )

    result = run_python(LOAD_STORAGE, environment)

    assert result.returncode != 0
    assert "MEDIA_BUCKET is set without MEDIA_ENDPOINT_URL" in result.stderr.splitlines()[-1]
