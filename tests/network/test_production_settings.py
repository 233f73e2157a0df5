"""Production refuses to start without what it needs, with a weak secret or a wildcard host;
its HSTS header and the proxy header it trusts; it shares its cache between processes."""

import uuid

import pytest

from .production import REQUIRED, production_environment, run_manage, run_python

pytestmark = pytest.mark.django_db

LOAD_SETTINGS = "import django; django.setup(); print('started')"


@pytest.mark.parametrize("name", [*REQUIRED, "DATABASE_URL"])
def test_production_refuses_to_start_without_each_required_variable(name):
    result = run_python(LOAD_SETTINGS, production_environment(**{name: None}))

    assert result.returncode != 0
    assert "ImproperlyConfigured: Set " in result.stderr
    assert name in result.stderr.splitlines()[-1]
    assert "production will not start without them" in result.stderr


def test_production_starts_when_every_required_variable_is_set():
    result = run_python(LOAD_SETTINGS, production_environment())

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "started"


@pytest.mark.parametrize(
    ("secret_key", "reason"),
    [
        ("x", "has 1 characters, fewer than 50"),
        ("ab" * 40, "has fewer than 5 different characters"),
        ("local-serve-only-not-secret", "is a published default"),
        (
            "django-insecure-" + "k3y-th4t-l00ks-r4nd0m-but-came-from-startproject",
            "is a published default",
        ),
    ],
    ids=["short", "few-characters", "make-serve-default", "startproject-default"],
)
def test_production_refuses_to_start_with_a_weak_secret_key(secret_key, reason):
    result = run_python(LOAD_SETTINGS, production_environment(SECRET_KEY=secret_key))

    assert result.returncode != 0
    last_line = result.stderr.splitlines()[-1]
    assert f"ImproperlyConfigured: SECRET_KEY {reason}" in last_line
    assert "secrets.token_urlsafe(50)" in last_line


@pytest.mark.parametrize("hosts", ["*", "network.example.org,*"])
def test_production_refuses_to_start_with_a_wildcard_in_allowed_hosts(hosts):
    result = run_python(LOAD_SETTINGS, production_environment(ALLOWED_HOSTS=hosts))

    assert result.returncode != 0
    last_line = result.stderr.splitlines()[-1]
    assert "ImproperlyConfigured: ALLOWED_HOSTS contains '*'" in last_line
    assert "Set it to the site's own host names" in last_line


HSTS_HEADERS = """
import django
django.setup()
from django.test import Client
client = Client()
for response in (
    client.get("/healthz", secure=True),
    client.get("/healthz", HTTP_X_FORWARDED_PROTO="https"),
):
    print(response.headers.get("Strict-Transport-Security"))
"""


def _hsts(**overrides: str) -> list[str]:
    """The HSTS header of a request over HTTPS, then of one over HTTP claiming HTTPS."""
    environment = production_environment(**overrides)
    run_manage(environment, "createcachetable")
    result = run_python(HSTS_HEADERS, environment)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_hsts_covers_subdomains_and_trusts_no_forwarded_header_by_default():
    assert _hsts() == ["max-age=31536000; includeSubDomains", "None"]


def test_hsts_preload_and_the_forwarded_header_are_each_turned_on_by_a_variable():
    over_https, claimed = _hsts(
        SECURE_HSTS_PRELOAD="true", FORWARDED_PROTO_HEADER="X-Forwarded-Proto"
    )

    assert over_https == claimed == "max-age=31536000; includeSubDomains; preload"


CONSUME_RESET_LIMIT = """
import sys
import django
django.setup()
from django.test import RequestFactory
from allauth.core import ratelimit
request = RequestFactory().post("/accounts/password/reset/")
print(" ".join(
    str(ratelimit.consume(request, action="reset_password", key=sys.argv[1]))
    for _ in range(int(sys.argv[2]))
))
"""


def test_a_rate_limit_counted_in_one_process_is_seen_by_another():
    environment = production_environment()
    run_manage(environment, "createcachetable")
    address = f"{uuid.uuid4().hex}@example.com"

    def consume(times: int) -> str:
        code = CONSUME_RESET_LIMIT.replace("sys.argv[1]", repr(address))
        result = run_python(code.replace("sys.argv[2]", str(times)), environment)
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    # allauth allows five reset requests a minute for one address.
    assert consume(5) == "True True True True True"
    assert consume(1) == "False"


CLIENT_IP = """
import django
django.setup()
from django.test import RequestFactory
from allauth.account.adapter import get_adapter
request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="203.0.113.7", REMOTE_ADDR="10.0.0.2")
print(get_adapter().get_client_ip(request))
"""


@pytest.mark.parametrize(("count", "seen"), [("0", "10.0.0.2"), ("1", "203.0.113.7")])
def test_rate_limits_see_the_client_address_only_through_a_trusted_proxy(count, seen):
    result = run_python(CLIENT_IP, production_environment(TRUSTED_PROXY_COUNT=count))

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == seen
