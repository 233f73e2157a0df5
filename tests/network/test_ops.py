"""/healthz, request ids and the Content Security Policy, in the test process."""

import json
import re
from http import HTTPStatus

from django.http import HttpResponse

import pytest

from network.ops.csp import ContentSecurityPolicyMiddleware
from tests.support.csp import directives
from tests.support.faults import REFUSE, TcpProxy

from .production import production_environment, run_python

pytestmark = pytest.mark.django_db

SECRETS = ("127.0.0.1", "localhost", "postgres", "9200", "54329", "Error", "version")


def test_healthz_reports_the_database_and_an_unconfigured_search(client, settings):
    settings.ELASTICSEARCH_URL = ""

    response = client.get("/healthz")

    assert response.status_code == HTTPStatus.OK
    body = response.json()
    assert body.pop("jobs")  # each scheduled job's state: tests/network/test_schedule.py
    assert body == {"status": "ok", "database": "ok", "search": "not configured"}


def test_healthz_says_search_is_degraded_without_naming_the_cause(client, settings):
    proxy = TcpProxy("127.0.0.1:9").start()
    proxy.set_mode(REFUSE)
    settings.ELASTICSEARCH_URL = proxy.url
    try:
        response = client.get("/healthz")
    finally:
        proxy.stop()

    assert response.status_code == HTTPStatus.OK
    body = response.json()
    assert body.pop("jobs")  # each scheduled job's state: tests/network/test_schedule.py
    assert body == {"status": "ok", "database": "ok", "search": "degraded"}
    assert not any(secret in response.content.decode() for secret in SECRETS)


def test_healthz_is_never_cached(client):
    response = client.get("/healthz")

    assert "no-store" in response["Cache-Control"]


HEALTHZ_IN_A_CHILD = """
import django
django.setup()
from django.test import Client
response = Client().get("/healthz")
print(response.status_code)
print(response.content.decode())
"""


def test_healthz_answers_503_without_detail_when_the_database_is_unreachable():
    environment = production_environment(
        DATABASE_URL="postgres://network:wrong@127.0.0.1:9/nowhere", LOG_LEVEL="CRITICAL"
    )

    result = run_python(HEALTHZ_IN_A_CHILD, environment)

    assert result.returncode == 0, result.stderr
    status, body = result.stdout.strip().splitlines()[-2:]
    assert int(status) == HTTPStatus.SERVICE_UNAVAILABLE
    assert json.loads(body) == {
        "status": "unavailable",
        "database": "unavailable",
        "search": "not configured",
    }
    assert not any(secret in body for secret in (*SECRETS, "nowhere", "wrong"))


def test_a_request_id_sent_by_the_proxy_comes_back_on_the_response(client):
    response = client.get("/healthz", headers={"X-Request-ID": "edge-4f2a.7"})

    assert response["X-Request-ID"] == "edge-4f2a.7"


@pytest.mark.parametrize("sent", [None, "", "not an id; <script>", "x" * 65])
def test_a_missing_or_odd_request_id_is_replaced_by_a_new_one(client, sent):
    headers = {} if sent is None else {"X-Request-ID": sent}

    response = client.get("/healthz", headers=headers)

    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


SITE_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data: blob:",
    "font-src": "'self' data:",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'self'",
}


@pytest.mark.parametrize("path", ["/", "/search/?q=commissioning", "/accounts/login/"])
def test_site_pages_allow_only_the_sites_own_scripts(client, path):
    response = client.get(path)

    assert directives(response["Content-Security-Policy"]) == SITE_POLICY


def test_the_admin_allows_the_inline_scripts_wagtail_writes(client):
    response = client.get("/admin/login/")

    policy = directives(response["Content-Security-Policy"])
    assert policy == {**SITE_POLICY, "script-src": "'self' 'unsafe-inline'"}


def test_a_page_not_found_carries_the_sites_policy_too(client):
    response = client.get("/no-such-page/")

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert directives(response["Content-Security-Policy"]) == SITE_POLICY


def test_a_policy_a_view_set_itself_is_kept(rf):
    response = HttpResponse()
    response["Content-Security-Policy"] = "sandbox"

    answered = ContentSecurityPolicyMiddleware(lambda request: response)(rf.get("/"))

    assert answered["Content-Security-Policy"] == "sandbox"
