"""The visibility matrix: who sees a profile, wherever it can appear.

Viewers: anonymous, another member, the owner, staff. Profiles: public, members, hidden.
Surfaces: the profile page, the directory, the site search page, the JSON API, and the
raw index documents, on both search backends (the database backend always; Elasticsearch
when it is configured, and always in CI). The search service applies the rules for every
caller, so a template cannot show what the service did not return.
"""

import json
import uuid
from http import HTTPStatus

from django.conf import settings

import pytest

from members.models import Visibility
from search import client as search_client
from search.models import Entry

pytestmark = pytest.mark.django_db

VIEWERS = ["anonymous", "member", "owner", "staff"]
VISIBILITIES = [Visibility.PUBLIC, Visibility.MEMBERS, Visibility.HIDDEN]

# What the profile page answers: 200, a redirect to sign in, or 404.
PAGE = {
    (Visibility.PUBLIC, "anonymous"): HTTPStatus.OK,
    (Visibility.PUBLIC, "member"): HTTPStatus.OK,
    (Visibility.PUBLIC, "owner"): HTTPStatus.OK,
    (Visibility.PUBLIC, "staff"): HTTPStatus.OK,
    (Visibility.MEMBERS, "anonymous"): HTTPStatus.FOUND,
    (Visibility.MEMBERS, "member"): HTTPStatus.OK,
    (Visibility.MEMBERS, "owner"): HTTPStatus.OK,
    (Visibility.MEMBERS, "staff"): HTTPStatus.OK,
    # Strangers get one answer for every profile they may not see (see test_enumeration.py).
    (Visibility.HIDDEN, "anonymous"): HTTPStatus.FOUND,
    (Visibility.HIDDEN, "member"): HTTPStatus.NOT_FOUND,
    (Visibility.HIDDEN, "owner"): HTTPStatus.OK,
    (Visibility.HIDDEN, "staff"): HTTPStatus.OK,
}
# Whether the directory, the site search and the API list it. Hidden profiles are not in
# the index at all, so nobody finds them by searching, not even their owner or staff.
LISTED = {
    (Visibility.PUBLIC, "anonymous"): True,
    (Visibility.PUBLIC, "member"): True,
    (Visibility.PUBLIC, "owner"): True,
    (Visibility.PUBLIC, "staff"): True,
    (Visibility.MEMBERS, "anonymous"): False,
    (Visibility.MEMBERS, "member"): True,
    (Visibility.MEMBERS, "owner"): True,
    (Visibility.MEMBERS, "staff"): True,
    (Visibility.HIDDEN, "anonymous"): False,
    (Visibility.HIDDEN, "member"): False,
    (Visibility.HIDDEN, "owner"): False,
    (Visibility.HIDDEN, "staff"): False,
}


@pytest.fixture
def database_only(settings):
    settings.ELASTICSEARCH_URL = ""


@pytest.fixture
def world(make_member, django_capture_on_commit_callbacks):
    """`world(visibility)`: a profile with a unique name, indexed, and a client per viewer."""

    def _build(visibility):
        name = f"Zephyrine {uuid.uuid4().hex[:8]}"
        with django_capture_on_commit_callbacks(execute=True):
            target = make_member(
                visibility=visibility, display_name=name, slug=name.lower().replace(" ", "-")
            )
            users = {
                "owner": target.user,
                "member": make_member().user,
                "staff": make_member(staff=True).user,
            }
        return target, users

    return _build


def _client_for(viewer, users, client):
    if viewer != "anonymous":
        client.force_login(users[viewer])
    return client


def _cells():
    return [(v, w) for v in VISIBILITIES for w in VIEWERS]


@pytest.mark.parametrize(("visibility", "viewer"), _cells())
def test_profile_page(visibility, viewer, database_only, world, client):
    target, users = world(visibility)

    response = _client_for(viewer, users, client).get(target.get_absolute_url())

    assert response.status_code == PAGE[visibility, viewer]
    assert target.user.email not in response.content.decode()


@pytest.mark.parametrize("path", ["/members/", "/search/"], ids=["directory", "site_search"])
@pytest.mark.parametrize(("visibility", "viewer"), _cells())
def test_directory_and_site_search(path, visibility, viewer, backend, world, client):
    target, users = world(visibility)

    response = _client_for(viewer, users, client).get(path, {"q": target.display_name})

    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert (target.get_absolute_url() in html) == LISTED[visibility, viewer]
    assert target.user.email not in html


@pytest.mark.parametrize(("visibility", "viewer"), _cells())
def test_json_api(visibility, viewer, backend, world, client):
    target, users = world(visibility)

    response = _client_for(viewer, users, client).get(
        "/api/search/", {"q": target.display_name, "kind": "member"}
    )

    data = response.json()
    urls = [result["url"] for result in data["results"]]
    assert (target.get_absolute_url() in urls) == LISTED[visibility, viewer]
    assert data["degraded"] == (settings.ELASTICSEARCH_URL == "")
    assert target.user.email not in response.content.decode()


@pytest.mark.parametrize("visibility", VISIBILITIES)
def test_raw_index_documents(visibility, backend, world):
    target, _users = world(visibility)

    documents = _raw_documents(backend, target.slug)

    if visibility == Visibility.HIDDEN:
        assert documents == []
    else:
        [document] = documents
        assert document["visibility"] == visibility
        assert document["kind"] == "member"
    assert "@" not in json.dumps(documents, default=str)


def _raw_documents(backend, slug) -> list[dict]:
    if backend == "database":
        return list(Entry.objects.filter(kind="member", slug=slug).values())
    response = search_client.search_client().search(
        index=search_client.alias(), query={"term": {"slug": slug}}, size=10
    )
    return [hit["_source"] for hit in response.body["hits"]["hits"]]
