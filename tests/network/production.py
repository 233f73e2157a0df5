"""Helpers for tests that run the production settings in a child process: the environment,
manage.py and gunicorn with it, and a visitor (`Browser`) to the servers so started."""

import contextlib
import io
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

import pytest
import requests
from PIL import Image

from tests.factories.members import PASSWORD
from tests.support.ports import free_port

REQUIRED = {
    "SECRET_KEY": "only-for-these-tests-and-never-a-real-secret-0123456789",
    "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    "EMAIL_URL": "consolemail://",
    "SITE_BASE_URL": "http://127.0.0.1:8000",
}


def database_url_of_this_run() -> str:
    """The URL of the database pytest-django made for this run."""
    db = connection.settings_dict
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def production_environment(**overrides: str) -> dict[str, str]:
    """Everything production needs, pointing at the test database, without Elasticsearch."""
    environment = {
        **os.environ,
        **REQUIRED,
        "DJANGO_SETTINGS_MODULE": "network.settings.production",
        "DATABASE_URL": database_url_of_this_run(),
        "ELASTICSEARCH_URL": "",
        "SECURE_SSL_REDIRECT": "false",
        **overrides,
    }
    return {name: value for name, value in environment.items() if value is not None}


def run_python(code: str, environment: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 (our own interpreter, fixed arguments)
        [sys.executable, "-c", code],
        env=environment,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )


def run_manage(environment: dict[str, str], *arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 (our own interpreter, fixed arguments)
        [sys.executable, "manage.py", *arguments],
        env=environment,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )


def wait_until_up(url: str, process: subprocess.Popen) -> None:
    for _ in range(300):
        if process.poll() is not None:
            pytest.fail("gunicorn stopped while starting; see its log.")
        try:
            request = urllib.request.Request(f"{url}/healthz")  # noqa: S310 (loopback)
            urllib.request.urlopen(request, timeout=30).read()  # noqa: S310 (loopback)
            return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.1)
    pytest.fail("gunicorn did not answer /healthz.")


@dataclass(frozen=True)
class Server:
    """A gunicorn process with the production settings: its base URL and environment."""

    url: str
    environment: dict[str, str]


@contextlib.contextmanager
def running_servers(
    environment: dict[str, str], folder: Path, overrides: list[dict[str, str]]
) -> Iterator[list[Server]]:
    """One gunicorn process per item of `overrides`, each with `environment` and its own
    additions, all on one database and its shared cache; logs in `folder`."""
    environment = {
        **environment,
        "STATIC_ROOT": str(folder / "static"),
        "WEB_CONCURRENCY": "1",
        # The scheduler replays the outbox (`run_schedule`), as in production.
        "SEARCH_OUTBOX_REPLAY_IN_WEB": "false",
    }
    run_manage(environment, "createcachetable")
    run_manage(environment, "collectstatic", "--noinput", "--verbosity", "0")
    processes, servers = [], []
    try:
        for number, override in enumerate(overrides):
            port = free_port()
            own = {**environment, **override, "BIND": f"127.0.0.1:{port}"}
            with (folder / f"server-{number}.log").open("w") as log:
                processes.append(
                    subprocess.Popen(
                        [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py"],
                        env=own,
                        cwd=settings.BASE_DIR,
                        stdout=log,
                        stderr=subprocess.STDOUT,
                    )
                )
            servers.append(Server(f"http://127.0.0.1:{port}", own))
        for server, process in zip(servers, processes, strict=True):
            wait_until_up(server.url, process)
        yield servers
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=60)


class Browser:
    """A visitor to one server, keeping its cookies by hand: production's cookies are
    Secure, which a cookie jar would not send back over plain HTTP."""

    def __init__(self, url: str, cookies: dict[str, str] | None = None, host: str = ""):
        self.url = url
        self.cookies: dict[str, str] = dict(cookies or {})
        # The Host to send, as a load balancer in front of several servers passes on the
        # site's own; by default the server's address.
        self.headers = {"Host": host} if host else {}

    def at(self, url: str) -> "Browser":
        """The same visitor, with a copy of these cookies, at another server."""
        return Browser(url, self.cookies, self.headers.get("Host", ""))

    def get(self, path: str) -> requests.Response:
        response = requests.get(
            self.url + path,
            cookies=self.cookies,
            headers=self.headers,
            allow_redirects=False,
            timeout=30,
        )
        return self._keep(response)

    def post(self, path: str, data: dict, files: dict | None = None) -> requests.Response:
        form = self.get(path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)
        assert token, f"No form at {path}: {form.status_code} {form.headers.get('Location')}"
        data = {**data, "csrfmiddlewaretoken": token[1]}
        response = requests.post(
            self.url + path,
            data=data,
            files=files,
            cookies=self.cookies,
            headers=self.headers,
            allow_redirects=False,
            timeout=30,
        )
        return self._keep(response)

    def sign_in(self, user) -> "Browser":
        # The test settings hash passwords with MD5, which production does not accept.
        user.password = PBKDF2PasswordHasher().encode(PASSWORD, "salt", iterations=1000)
        user.save(update_fields=["password"])
        response = self.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
        assert "sessionid" in self.cookies, response.text[:500]
        return self

    def _keep(self, response: requests.Response) -> requests.Response:
        self.cookies.update(response.cookies.get_dict())
        return response


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(buffer, format="PNG")
    return buffer.getvalue()
