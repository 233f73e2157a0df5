"""The production stack itself: gunicorn with the production settings, as `make serve` runs it.

One server for the module, on the test database, with its logs in a file to read.
"""

import json
import subprocess
import sys
import time
import urllib.error
import urllib.request
from http import HTTPStatus

from django.conf import settings

import pytest

from tests.support.csp import directives

from .production import free_port, production_environment, run_manage, wait_until_up

pytestmark = pytest.mark.django_db


def get(url: str, headers: dict | None = None):
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 (loopback)
    try:
        return urllib.request.urlopen(request, timeout=30)  # noqa: S310 (loopback)
    except urllib.error.HTTPError as error:
        return error


@pytest.fixture(scope="module")
def server(django_db_setup, django_db_blocker, tmp_path_factory):
    """gunicorn's base URL and its log file."""
    folder = tmp_path_factory.mktemp("serve")
    port = free_port()
    with django_db_blocker.unblock():
        environment = production_environment(
            STATIC_ROOT=str(folder / "static"),
            BIND=f"127.0.0.1:{port}",
            WEB_CONCURRENCY="1",
            WEB_THREADS="2",
        )
    run_manage(environment, "createcachetable")
    run_manage(environment, "collectstatic", "--noinput", "--verbosity", "0")
    log = folder / "server.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py"],
            env=environment,
            cwd=settings.BASE_DIR,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, process)
        yield url, log
    finally:
        process.terminate()
        process.wait(timeout=60)


def log_lines_with(log, text: str, expected: int) -> list[str]:
    """The log lines holding `text`, once there are `expected` of them (or after 5 s)."""
    for _ in range(50):
        lines = [line for line in log.read_text().splitlines() if text in line]
        if len(lines) >= expected:
            break
        time.sleep(0.1)
    return lines


def test_the_production_server_answers_healthz(server):
    url, _log = server

    response = get(f"{url}/healthz")

    assert response.status == HTTPStatus.OK
    answer = json.loads(response.read())
    jobs = answer.pop("jobs")
    assert answer == {"status": "ok", "database": "ok", "search": "not configured"}
    # No runner has seen the schedule on this fresh database: nothing is overdue.
    assert jobs and {job["state"] for job in jobs.values()} == {"not yet run"}


def test_static_files_are_compressed_and_cached_for_a_year(server):
    url, _log = server
    page = get(f"{url}/accounts/login/").read().decode()
    stylesheet = page.split('href="/static/css/site.', 1)[1].split('"', 1)[0]

    response = get(f"{url}/static/css/site.{stylesheet}", {"Accept-Encoding": "gzip"})

    assert response.status == HTTPStatus.OK
    assert stylesheet.count(".") == 1  # a content hash before the extension
    assert response.headers["Content-Encoding"] == "gzip"
    assert "max-age=315360000" in response.headers["Cache-Control"]
    assert "immutable" in response.headers["Cache-Control"]


def test_every_page_of_the_production_server_carries_a_content_security_policy(server):
    url, _log = server

    response = get(f"{url}/accounts/login/")

    assert directives(response.headers["Content-Security-Policy"])["script-src"] == "'self'"


def test_the_request_id_is_on_the_response_and_in_every_log_line(server):
    url, log = server

    response = get(f"{url}/no-such-page/", {"X-Request-ID": "trace-7f3e91"})

    assert response.status == HTTPStatus.NOT_FOUND
    assert response.headers["X-Request-ID"] == "trace-7f3e91"
    lines = log_lines_with(log, "trace-7f3e91", expected=2)
    assert any("GET /no-such-page/" in line for line in lines)  # gunicorn's access line
    assert any("Not Found: /no-such-page/" in line for line in lines)  # Django's warning
