"""Settings shared by every environment.

Every environment variable the project reads is read here, once, with its type.
The environment modules (dev, test, production) only choose defaults and policies.
"""

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

# --- Environment variables: the one place they are read -------------------------------
SECRET_KEY = env.str("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
DATABASE_URL = env.str("DATABASE_URL", default="")
EMAIL_URL = env.str("EMAIL_URL", default="")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Social Value Network <hello@localhost>")
# The address the about, contact, privacy and accessibility pages give; empty: the one in
# DEFAULT_FROM_EMAIL.
SITE_CONTACT_EMAIL = env.str("SITE_CONTACT_EMAIL", default="")
# Empty means "no Elasticsearch": search answers from the database and says so. Several
# nodes of one cluster are separated by commas; a request that cannot reach one goes on
# to the next. search/checks.py says what is wrong with any of these settings.
ELASTICSEARCH_URL = env.str("ELASTICSEARCH_URL", default="")
# Credentials: an API key (the base64 "id:key" Elasticsearch gives), or a user and password.
ELASTICSEARCH_API_KEY = env.str("ELASTICSEARCH_API_KEY", default="")
ELASTICSEARCH_USERNAME = env.str("ELASTICSEARCH_USERNAME", default="")
ELASTICSEARCH_PASSWORD = env.str("ELASTICSEARCH_PASSWORD", default="")
# For https:// nodes whose certificate the system does not trust: the CA's certificate(s)
# (a PEM file), or the SHA-256 fingerprint of the node's own certificate.
ELASTICSEARCH_CA_CERTS = env.str("ELASTICSEARCH_CA_CERTS", default="")
ELASTICSEARCH_SSL_FINGERPRINT = env.str("ELASTICSEARCH_SSL_FINGERPRINT", default="")
# The shape of each new index (a rebuild makes one): primary shards, and replicas as a
# number or a range that follows the cluster's size ("0-1": one once there are two nodes).
ELASTICSEARCH_SHARDS = env.int("ELASTICSEARCH_SHARDS", default=1)
ELASTICSEARCH_REPLICAS = env.str("ELASTICSEARCH_REPLICAS", default="0-1")
ELASTICSEARCH_INDEX_PREFIX = env.str("ELASTICSEARCH_INDEX_PREFIX", default="svn_")
# hunspell_en_GB (default), english or standard: see search/mapping.py.
SEARCH_ANALYZER = env.str("SEARCH_ANALYZER", default="hunspell_en_GB")
# The hunspell dictionary that tells real words, without .dic/.aff: see search/dictionary.py.
SEARCH_DICTIONARY = env.str("SEARCH_DICTIONARY", default="/usr/share/hunspell/en_GB")
SITE_BASE_URL = env.str("SITE_BASE_URL", default="")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Shared media: uploads (profile photos, Wagtail images and documents) go to this bucket of
# an S3-compatible object store, so that every web process sees the same files. Empty: the
# filesystem under MEDIA_ROOT. See STORAGES below.
MEDIA_BUCKET = env.str("MEDIA_BUCKET", default="")
MEDIA_ENDPOINT_URL = env.str("MEDIA_ENDPOINT_URL", default="")
MEDIA_ACCESS_KEY_ID = env.str("MEDIA_ACCESS_KEY_ID", default="")
MEDIA_SECRET_ACCESS_KEY = env.str("MEDIA_SECRET_ACCESS_KEY", default="")
MEDIA_REGION = env.str("MEDIA_REGION", default="")
# A host name in front of the bucket (a CDN). django-storages signs no address on one (but
# with a CloudFront key), so the site refuses it while its files are private: see below.
MEDIA_CUSTOM_DOMAIN = env.str("MEDIA_CUSTOM_DOMAIN", default="")
# Where `manage.py dump_open_data` writes the open data files that /data/ offers.
OPEN_DATA_ROOT = env.path("OPEN_DATA_ROOT", default=BASE_DIR / "var" / "opendata")
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "static_collected")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# Serving (see network/settings/production.py and network/ops/).
# Empty: the database cache. Set: Redis (`pip install '.[redis]'`), e.g. redis://host:6379/0.
REDIS_URL = env.str("REDIS_URL", default="")
# Behind a proxy: how many proxies of ours append to X-Forwarded-For (0: trust none), or
# the header one of them sets to the client's address (e.g. X-Real-IP). allauth's rate
# limits count per client address, so they must see the real one.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
TRUSTED_CLIENT_IP_HEADER = env.str("TRUSTED_CLIENT_IP_HEADER", default="")
# How long anonymous visitors' copies of the reading pages are kept (base/pagecache.py);
# any change that could show on a page forgets them sooner. 0 turns the page cache off.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)
# The header by which the proxy says the request came over HTTPS; empty: none is trusted.
# Unset by default: without a proxy that overwrites it, any client could claim HTTPS.
FORWARDED_PROTO_HEADER = env.str("FORWARDED_PROTO_HEADER", default="")
# Ask browsers to add the site to their built-in HTTPS-only lists (production's HSTS
# header gains `preload`). Hard to undo, so only when the owner of the domain chooses it.
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
USE_X_FORWARDED_HOST = env.bool("USE_X_FORWARDED_HOST", default=False)
# Comma-separated email addresses that receive error reports; empty: none are sent.
ADMINS = [(address, address) for address in env.list("ADMINS", default=[])]
SERVER_EMAIL = env.str("SERVER_EMAIL", default="")
SENTRY_DSN = env.str("SENTRY_DSN", default="")
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
# Search insights (searches made, results opened) are kept this many days, then deleted
# by `manage.py prune_search_log`; the default is about 13 months, a year plus a month to
# compare with.
SEARCH_INSIGHTS_RETENTION_DAYS = env.int("SEARCH_INSIGHTS_RETENTION_DAYS", default=395)
# --------------------------------------------------------------------------------------

# Production refuses to start while any of these is unset (network/settings/production.py);
# elsewhere they fall back to the local defaults that follow.
MISSING_FOR_PRODUCTION = [
    name
    for name, value in {
        "SECRET_KEY": SECRET_KEY,
        "ALLOWED_HOSTS": ALLOWED_HOSTS,
        "DATABASE_URL": DATABASE_URL,
        "EMAIL_URL": EMAIL_URL,
        "SITE_BASE_URL": SITE_BASE_URL,
    }.items()
    if not value
]
ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost"]
# Empty counts as unset: the embedded SQLite database.
DATABASE_URL = DATABASE_URL or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
EMAIL_URL = EMAIL_URL or "consolemail://"
SITE_BASE_URL = SITE_BASE_URL or "http://127.0.0.1:8000"
SERVER_EMAIL = SERVER_EMAIL or DEFAULT_FROM_EMAIL

DATABASES = {"default": env.db_url_config(DATABASE_URL)}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# A web thread keeps its connection for requests to come (a new one costs PostgreSQL's
# password exchange, about 5 ms, on every request that reads a row: every search reads the
# outbox), checked before its first query of a request so a restarted database costs no
# error. `?conn_max_age=` and `?conn_health_checks=` in DATABASE_URL override both.
DATABASES["default"].setdefault("CONN_MAX_AGE", 600)
DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite serving several requests at once (`make run`: an autosave beside a preview):
    # write-ahead logging lets readers go on while one request writes; a writer waits up
    # to 20 s for another instead of failing with "database is locked"; and a transaction
    # takes its write lock when it begins, so it never fails halfway on an upgrade.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
vars().update(env.email_url_config(EMAIL_URL))

INSTALLED_APPS = [
    # Search kinds and their facets register in this order (case studies' facets first,
    # then members' own), and an app's templates override those of the apps after it.
    "base",
    "taxonomy",
    "search",
    "casestudies",
    "members",
    "contributions",
    "newsletter",
    "questions",
    "opendata",
    "network.ops",
    "network.home",
    "network.access",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.sitemaps",
    "django.contrib.sitemaps",
    "wagtail.contrib.redirects",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Only for its system checks of the policy setting.
    "csp",
    # Cross-origin reads of the public API (CORS_* below); for its system checks.
    "corsheaders",
]

MIDDLEWARE = [
    "network.ops.requestid.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Before anything that may answer (CommonMiddleware's redirects), so that every answer
    # under /api/ and /data/ carries its CORS headers and preflights are answered here.
    "corsheaders.middleware.CorsMiddleware",
    "network.ops.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "base.pagecache.PageCacheMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "network.urls"
WSGI_APPLICATION = "network.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "base.identity.identity",
            ],
        },
    },
]

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
# locale/en_GB/ holds the site's own words for allauth's account pages (see its .po).
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_URL = "/static/"
MEDIA_URL = "/media/"
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# How long a signed address of a stored file answers: long enough to load a page and its
# photo, or to start a document's download, short enough that a copied link soon dies.
MEDIA_URL_EXPIRY_SECONDS = 300
if MEDIA_BUCKET and not MEDIA_ENDPOINT_URL:
    raise ImproperlyConfigured(
        "MEDIA_BUCKET is set without MEDIA_ENDPOINT_URL. Set it to the object store's "
        "address, e.g. https://s3.eu-west-2.amazonaws.com for Amazon S3."
    )
if MEDIA_BUCKET and MEDIA_CUSTOM_DOMAIN:
    raise ImproperlyConfigured(
        "MEDIA_CUSTOM_DOMAIN is set, but addresses on a custom domain are not signed, so "
        "private documents and profile photos would be readable by anyone with the link. "
        "Leave MEDIA_CUSTOM_DOMAIN empty: the site gives out signed addresses on the "
        "object store's own endpoint (MEDIA_ENDPOINT_URL)."
    )
if MEDIA_BUCKET:
    # Objects are private (no ACL: the bucket's own policy, which grants no public read);
    # every address the site gives out is signed and expires. Profile photos are shown only
    # on pages their viewer may see; documents go through Wagtail's view, which checks the
    # collection's view restrictions and then redirects to a signed address.
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_BUCKET,
            "endpoint_url": MEDIA_ENDPOINT_URL,
            "access_key": MEDIA_ACCESS_KEY_ID or None,
            "secret_key": MEDIA_SECRET_ACCESS_KEY or None,
            "region_name": MEDIA_REGION or None,
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": MEDIA_URL_EXPIRY_SECONDS,
            "signature_version": "s3v4",
            "file_overwrite": False,
        },
    }
    WAGTAILDOCS_SERVE_METHOD = "redirect"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background work (search indexing, Wagtail's reference index) runs through django-tasks.
# The immediate backend runs a task in the same process as soon as it is enqueued (after
# the transaction commits); production queues tasks in the database for `db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# --- Wagtail ---------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Social Value Network"
WAGTAILADMIN_BASE_URL = SITE_BASE_URL
# Wagtail's own admin search stays on the database: its Elasticsearch backend needs
# analyzers that a core-only Elasticsearch node does not have.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 5 * 1024 * 1024
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]

# --- Accounts (django-allauth) ---------------------------------------------------------
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# Every email subject of the site starts with its name (accounts, contributions, messages).
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{WAGTAIL_SITE_NAME}] "
ACCOUNT_ADAPTER = "members.adapter.AccountAdapter"
ACCOUNT_FORMS = {
    form: f"members.forms.{name}"
    for form, name in {
        "signup": "SignupForm",
        "login": "LoginForm",
        "reauthenticate": "ReauthenticateForm",
        "change_password": "ChangePasswordForm",
    }.items()
}
ACCOUNT_USER_DISPLAY = "members.profiles.user_display"
ACCOUNT_SIGNUP_FORM_HONEYPOT_FIELD = "website"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_SIGNUP_REDIRECT_URL = "/members/me/edit/"
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_REAUTHENTICATION_REQUIRED = True
# allauth's default rate limits (sign-up, log-in failures, password reset…) stay on.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Social Value Network"
# The Wagtail admin signs people in through allauth, so two-factor sign-in applies there too.
WAGTAILADMIN_LOGIN_URL = "account_login"
# allauth's rate-limited reset is the only one: Wagtail's own /admin/password_reset/ is off.
WAGTAIL_PASSWORD_RESET_ENABLED = False

# --- Members ---------------------------------------------------------------------------
MEMBERS_CONTACT_DAILY_LIMIT = 5  # messages one member may send in any 24 hours
MEMBERS_PHOTO_MAX_BYTES = 2 * 1024 * 1024
# Contact messages older than this are deleted by `manage.py prune_messages`.
MEMBERS_MESSAGE_RETENTION_DAYS = 365
# `seed_demo` makes confirmed demo accounts: only dev and test settings allow it.
DEMO_CONTENT_ALLOWED = False

# --- Contributions (members writing case studies) ---------------------------------------
CONTRIBUTIONS_DAILY_SUBMISSIONS = 3  # submissions for review one member may make in 24 hours
CONTRIBUTIONS_MAX_DRAFTS = 10  # unpublished contributions one member may have at a time

# --- Questions and answers -------------------------------------------------------------
QUESTIONS_DAILY_QUESTIONS = 5  # questions one member may ask in any 24 hours
QUESTIONS_DAILY_ANSWERS = 20  # answers one member may post in any 24 hours
QUESTIONS_EDIT_WINDOW_HOURS = 24  # how long after writing a post its author may edit it
QUESTIONS_REPORTS_TO_HIDE = 3  # members whose reports hide a post until a moderator reviews it
# How long an email about new answers waits for more answers to the same question, so
# that answers coming together make one email (`send_question_notices` sends them).
QUESTIONS_NOTICE_DELAY_SECONDS = 120

# --- Search ----------------------------------------------------------------------------
SEARCH_TIMEOUT_SECONDS = 5
# Every web process checks the outbox this often and replays it once Elasticsearch
# answers (one process at a time); 0 turns the replayer off.
SEARCH_OUTBOX_REPLAY_SECONDS = 15
# Off where `manage.py run_schedule` runs (production): it replays the outbox then, and the
# web processes need no thread of their own. On by default, so that `make run` keeps it.
SEARCH_OUTBOX_REPLAY_IN_WEB = env.bool("SEARCH_OUTBOX_REPLAY_IN_WEB", default=True)
# A change waiting longer than this is logged as a warning at every check.
SEARCH_OUTBOX_WARN_SECONDS = 10 * 60

# --- The public API: read from any web page (django-cors-headers) -----------------------
# Any origin may read the read-only API and the data dumps, and nothing else of the site.
# `*` is safe because credentials are never allowed: a browser then sends no cookie with a
# cross-origin request unless the calling page insists, and even then refuses to show that
# page an answer carrying `Access-Control-Allow-Origin: *`. So no other site can read what
# a signed-in member's session would add; it reads what anyone may see.
CORS_URLS_REGEX = r"^/(api|data)/"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")

# --- Serving: logs, proxies, Content Security Policy ------------------------------------
# One line per record on standard output, each with the id of the request it belongs to
# (network/ops/requestid.py); errors also go to ADMINS by email when it is set.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "network.ops.requestid.RequestIdFilter"},
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
    },
    "formatters": {
        "line": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "filters": ["request_id"],
            "formatter": "line",
        },
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        },
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django.request": {
            "handlers": ["console", "mail_admins"],
            "level": "WARNING",
            "propagate": False,
        },
        # The project's own packages log at LOG_LEVEL.
        **{
            package: {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False}
            for package in (
                "network",
                "contributions",
                "newsletter",
                "casestudies",
                "members",
                "search",
                "taxonomy",
                "base",
            )
        },
        # The client logs a traceback on every retry; search's own log says what matters.
        "elastic_transport": {"handlers": ["console"], "level": "ERROR", "propagate": False},
    },
}

ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = TRUSTED_CLIENT_IP_HEADER or None
if FORWARDED_PROTO_HEADER:
    SECURE_PROXY_SSL_HEADER = (
        "HTTP_" + FORWARDED_PROTO_HEADER.upper().replace("-", "_"),
        "https",
    )
# Load balancers ask over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# The site runs only its own scripts (django-csp writes the header; no nonces, as no page
# has an inline script). Wagtail 8's admin still writes small inline scripts (inline
# panels, date pickers), so its paths also allow them (network/ops/csp.py); inline styles
# are allowed everywhere (the stand-alone 500 page and the admin use them; they cannot run
# code).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}
if MEDIA_BUCKET:
    # Pages show profile photos (and the admin images) straight from the object store, at
    # its address or, in the virtual-hosted style, at the bucket's own host under it.
    _store = urlsplit(MEDIA_ENDPOINT_URL)
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"] += [
        f"{_store.scheme}://{_store.netloc}",
        f"{_store.scheme}://{MEDIA_BUCKET}.{_store.netloc}",
    ]
CONTENT_SECURITY_POLICY_ADMIN_PATHS = ("/admin/", "/django-admin/")
# Avatars come from the site itself, not from a third party that would learn who is signed in.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# The admin would ask a third party for Wagtail's latest version on every dashboard visit;
# upgrades come through the project's dependencies instead.
WAGTAIL_ENABLE_UPDATE_CHECK = False


# --- Newsletter (newsletter/) ------------------------------------------------------------
# Sender of alerts and digests: the site's name with DEFAULT_FROM_EMAIL's address.
NEWSLETTER_FROM_EMAIL = DEFAULT_FROM_EMAIL
# The mailto: of the List-Unsubscribe header (RFC 2369); empty leaves only the HTTPS URL.
NEWSLETTER_UNSUBSCRIBE_MAILTO = env.str("NEWSLETTER_UNSUBSCRIBE_MAILTO", default="")
# Confirmation emails a day, per address and per client address (counted in the cache).
NEWSLETTER_CONFIRMATIONS_PER_DAY = 3
# "user:password" that the email provider sends (HTTP basic auth) to django-anymail's
# tracking webhooks at /newsletter/webhooks/<provider>/tracking/; empty leaves them off,
# as a webhook without a secret would let anyone unsubscribe anyone.
NEWSLETTER_WEBHOOK_SECRET = env.str("NEWSLETTER_WEBHOOK_SECRET", default="")
ANYMAIL = {"WEBHOOK_SECRET": NEWSLETTER_WEBHOOK_SECRET}
