"""Tests: fast and isolated. PostgreSQL and Elasticsearch come from `make services`."""

from .base import *  # noqa: F403
from .base import ELASTICSEARCH_INDEX_PREFIX

SECRET_KEY = "test-only-not-secret"  # noqa: S105
DEBUG = False
SECURE_SSL_REDIRECT = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# A prefix of its own, so tests never touch a development index on the same node.
ELASTICSEARCH_INDEX_PREFIX = (
    ELASTICSEARCH_INDEX_PREFIX
    if ELASTICSEARCH_INDEX_PREFIX.startswith("test")
    else f"test_{ELASTICSEARCH_INDEX_PREFIX}"
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DEMO_CONTENT_ALLOWED = True
DEMO_EDITOR_ENABLED = False
# No background replayer unless a test starts one (the outage tests do).
SEARCH_OUTBOX_REPLAY_SECONDS = 0
# Emails about answers go as soon as the answer is committed.
QUESTIONS_NOTICE_DELAY_SECONDS = 0
WAGTAILADMIN_BASE_URL = "http://testserver"
# The newsletter's webhooks are on in tests, behind this secret.
NEWSLETTER_WEBHOOK_SECRET = "provider:test-only-secret"  # noqa: S105
ANYMAIL = {"WEBHOOK_SECRET": NEWSLETTER_WEBHOOK_SECRET}
