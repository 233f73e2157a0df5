"""Production: refuses to start without a secret; secure cookies and headers."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import SECRET_KEY

if not SECRET_KEY:
    raise ImproperlyConfigured("Set SECRET_KEY: production will not start without one.")

DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
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
