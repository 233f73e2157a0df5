"""Production: refuses to start without its required settings, with a weak secret or a
wildcard host; secure cookies and headers."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, MISSING_FOR_PRODUCTION, SECRET_KEY

if MISSING_FOR_PRODUCTION:
    raise ImproperlyConfigured(
        f"Set {', '.join(MISSING_FOR_PRODUCTION)}: production will not start without "
        "them. See the Configuration section of README.md for what each one means."
    )

# Django's own deployment check (security.W009) warns below these; here they stop the start.
SECRET_KEY_MIN_LENGTH = 50
SECRET_KEY_MIN_DISTINCT = 5
# Keys published in this repository (what `make serve` once supplied, the dev and test
# settings' stand-ins): anyone could sign sessions and tokens with them.
PUBLISHED_SECRET_KEYS = {
    "local-serve-only-not-secret",
    "dev-only-not-secret",
    "test-only-not-secret",
}


def _weakness(key: str) -> str:
    """What is wrong with `key` as a production secret, or "" when nothing is."""
    if key in PUBLISHED_SECRET_KEYS or key.startswith("django-insecure-"):
        return "is a published default"
    if len(key) < SECRET_KEY_MIN_LENGTH:
        return f"has {len(key)} characters, fewer than {SECRET_KEY_MIN_LENGTH}"
    if len(set(key)) < SECRET_KEY_MIN_DISTINCT:
        return f"has fewer than {SECRET_KEY_MIN_DISTINCT} different characters"
    return ""


if weakness := _weakness(SECRET_KEY):
    raise ImproperlyConfigured(
        f"SECRET_KEY {weakness}: production will not start with a guessable secret. Set it "
        "to a long random value, for example the output of "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'."
    )
if "*" in ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS contains '*', which accepts any Host header (and so links in emails "
        "to any host): production will not start with it. Set it to the site's own host "
        "names, comma-separated, e.g. ALLOWED_HOSTS=network.example.org."
    )

DEBUG = False
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
DEMO_EDITOR_ENABLED = False

# Everyone who can reach an admin (editors, moderators, superusers, staff) must sign in with
# an authenticator app (TOTP) as well as a password: until they have one, every page sends
# them to set it up.
MIDDLEWARE = [*MIDDLEWARE, "members.middleware.StaffTwoFactorMiddleware"]  # noqa: F405

# Tasks wait in the database for a worker: `python manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- Serving: static files, shared cache, error reports ---------------------------------
# WhiteNoise serves the files `collectstatic` gathered, compressed, with hashed names
# cached for a year; it sits right after SecurityMiddleware so static requests skip the rest.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Rate limits (allauth's) and sessions must be shared by every web process: a cache in
# each process's memory would give every worker limits of its own.
if REDIS_URL:  # noqa: F405
    try:
        import redis  # noqa: F401
    except ImportError as error:
        raise ImproperlyConfigured(
            "REDIS_URL is set but the redis client is not installed: pip install '.[redis]'."
        ) from error
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}  # noqa: F405
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    # `migrate` creates the table (network/ops/apps.py).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "django_cache",
        }
    }

if SENTRY_DSN:  # noqa: F405
    try:
        import sentry_sdk
    except ImportError as error:
        raise ImproperlyConfigured(
            "SENTRY_DSN is set but sentry-sdk is not installed: pip install '.[sentry]'."
        ) from error
    sentry_sdk.init(dsn=SENTRY_DSN, send_default_pii=False)  # noqa: F405
# ---------------------------------------------------------------------------------------
