"""Local development: DEBUG on, SQLite by default, email printed to the console."""

from .base import *  # noqa: F403
from .base import SECRET_KEY

DEBUG = True
SECRET_KEY = SECRET_KEY or "dev-only-not-secret"
# seed_demo runs here without --force, and creates a demo editor (only where this is true).
DEMO_CONTENT_ALLOWED = True
DEMO_EDITOR_ENABLED = True

# Served over plain HTTP on 127.0.0.1.
SECURE_SSL_REDIRECT = False
