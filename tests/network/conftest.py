"""Two production web servers for the tests that need more than one machine's worth.

`servers` starts two gunicorn processes with the production settings on the test
database (and so on one shared cache: its `django_cache` table). A module adds settings
of its own to each server by overriding `server_settings`.
"""

import pytest

from .production import production_environment, running_servers


@pytest.fixture(scope="module")
def server_settings() -> list[dict[str, str]]:
    """What each of the two servers sets beyond the production environment."""
    return [{}, {}]


@pytest.fixture(scope="module")
def servers(django_db_setup, django_db_blocker, server_settings, tmp_path_factory):
    """Two running servers (`production.Server`), one per item of `server_settings`."""
    with django_db_blocker.unblock():
        environment = production_environment()
    with running_servers(environment, tmp_path_factory.mktemp("servers"), server_settings) as up:
        yield up
