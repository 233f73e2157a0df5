"""Settings for the search benchmark's local server: development settings without DEBUG,
so that the server measures what production does (no query log, no debug pages)."""

from network.settings.dev import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
