"""Helpers for tests that run the production settings in a child process."""

import os
import subprocess
import sys

from django.conf import settings
from django.db import connection

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
