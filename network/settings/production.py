"""Production: refuses to start without its required settings; secure cookies and headers."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import MISSING_FOR_PRODUCTION

if MISSING_FOR_PRODUCTION:
    raise ImproperlyConfigured(
        f"Set {', '.join(MISSING_FOR_PRODUCTION)}: production will not start without "
        "them. See the Configuration section of README.md for what each one means."
    )

DEBUG = False
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
DEMO_EDITOR_ENABLED = False

# Everyone who can reach an admin (editors, moderators, superusers, staff) must sign in with
# an authenticator app (TOTP) as well as a password: until they have one, every page sends
# them to set it up.
MIDDLEWARE = [*MIDDLEWARE, "network.members.middleware.StaffTwoFactorMiddleware"]  # noqa: F405

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
