"""Any web page may read the public API (CORS), never with a visitor's credentials, and
nothing else of the site."""

from http import HTTPStatus

import pytest

pytestmark = pytest.mark.django_db

ELSEWHERE = "https://council.example.org"


@pytest.mark.parametrize("path", ["/api/search/suggest/?q=", "/api/schema/"])
def test_a_cross_origin_read_of_the_api_is_allowed_without_credentials(client, path):
    response = client.get(path, headers={"Origin": ELSEWHERE})

    assert response.status_code == HTTPStatus.OK
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response


def test_a_preflight_is_answered_for_reading_only(client):
    response = client.options(
        "/api/search/",
        headers={
            "Origin": ELSEWHERE,
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "accept",
        },
    )

    assert response.status_code == HTTPStatus.OK
    assert response["Access-Control-Allow-Origin"] == "*"
    methods = {method.strip() for method in response["Access-Control-Allow-Methods"].split(",")}
    assert methods == {"GET", "HEAD", "OPTIONS"}
    assert "Access-Control-Allow-Credentials" not in response


def test_a_page_outside_the_api_gets_no_cors_header(client, settings):
    settings.ELASTICSEARCH_URL = ""  # the database backend answers the page

    response = client.get("/search/", {"q": "garden"}, headers={"Origin": ELSEWHERE})

    assert response.status_code == HTTPStatus.OK
    assert not any(name.lower().startswith("access-control-") for name in response.headers)
