"""The directory's "has contributed" filter: a member is in it while one of their
contributions is published, on both search backends, and leaves it when it is not."""

import uuid
from http import HTTPStatus

import pytest

from casestudies.site_tree import ensure_site_tree
from contributions import drafts
from search.service import search
from search.types import SearchRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def surname():
    """A name no other test uses: the Elasticsearch index outlives each test's database."""
    return f"Q{uuid.uuid4().hex[:10]}"


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def people(backend, make_member, surname, committed):
    """Two members of the same surname, one with a published contribution."""
    ensure_site_tree()
    with committed():
        writer = make_member(display_name=f"Ada {surname}")
        reader = make_member(display_name=f"Ben {surname}")
        page = drafts.create(writer, writer.user, drafts.Draft(title=f"Buses {surname}"))
    with committed():
        page.get_latest_revision().publish()
    page.refresh_from_db()
    return writer, reader, page


def _contributors(query):
    request = SearchRequest(query, {"kind": ("member",), "contributed": ("yes",)})
    return [hit.title for hit in search(request).hits]


def test_only_members_with_a_published_contribution_are_in_the_filter(people, surname):
    assert _contributors(surname) == [f"Ada {surname}"]


def test_unpublishing_the_contribution_takes_the_member_out_of_the_filter(
    people, surname, committed
):
    _, _, page = people
    with committed():
        page.unpublish()
    assert _contributors(surname) == []


def test_deleting_the_contribution_takes_the_member_out_of_the_filter(people, surname, committed):
    _, _, page = people
    with committed():
        page.delete()
    assert _contributors(surname) == []


def test_the_directory_offers_the_filter_and_applies_it(people, surname, client):
    response = client.get("/members/", {"q": surname, "contributed": "yes"})
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "Has contributed a case study" in html
    assert f"Ada {surname}" in html and f"Ben {surname}" not in html


def test_crediting_the_page_to_another_member_moves_the_filter(people, surname, committed):
    _, reader, page = people
    page.contributor = reader
    with committed():
        page.save_revision().publish()
    assert _contributors(surname) == [f"Ben {surname}"]
