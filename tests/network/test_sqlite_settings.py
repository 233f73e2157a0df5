"""`make run` on SQLite serves requests at once: write-ahead logging and a busy timeout, so
an autosave that meets a preview waits for it instead of failing "database is locked"."""

import os

import pytest

from .production import run_python

SQLITE_PRAGMAS = """
import django
django.setup()
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("PRAGMA journal_mode")
    journal = cursor.fetchone()[0]
    cursor.execute("PRAGMA busy_timeout")
    busy = cursor.fetchone()[0]
print(journal, busy, connection.settings_dict["OPTIONS"]["transaction_mode"])
"""


@pytest.mark.parametrize("settings_module", ["network.settings.dev", "network.settings.test"])
def test_sqlite_connections_use_write_ahead_logging_and_wait_for_a_lock(settings_module, tmp_path):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings_module,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }

    result = run_python(SQLITE_PRAGMAS, environment)

    assert result.returncode == 0, result.stderr
    journal, busy_ms, transaction_mode = result.stdout.split()
    assert journal == "wal"
    assert int(busy_ms) >= 10_000
    assert transaction_mode == "IMMEDIATE"
