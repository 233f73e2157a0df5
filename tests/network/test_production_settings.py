"""Production refuses to start without what it needs, and shares its cache between processes."""

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
