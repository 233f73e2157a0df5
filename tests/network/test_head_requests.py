"""HEAD answers wherever GET does, as link checkers and monitors ask with it."""

from http import HTTPStatus

import pytest

from casestudies.site_tree import ensure_site_tree

pytestmark = pytest.mark.django_db

PATHS = [
    "/",
    "/sitemap.xml",
    "/robots.txt",
    "/search/",
    "/search/?q=commissioning",
    "/glossary/",
    "/members/",
    "/newsletter/",
    "/search/feed/?q=commissioning",
    "/api/",
    "/api/schema/",
]


@pytest.mark.parametrize("path", PATHS)
def test_head_answers_like_get_with_no_body(client, path):
    ensure_site_tree()

    response = client.head(path)

    assert response.status_code == HTTPStatus.OK
    assert response.content == b""
    assert response["Content-Type"] == client.get(path)["Content-Type"]
