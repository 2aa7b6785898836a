"""Manchette settings, read from the environment.

With nothing set, this is the embedded default that `make run` uses: SQLite,
local media, an in-database task queue and local-memory cache.  Production sets
``MANCHETTE_ENV=production`` plus the variables documented in the README.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from manchette import environment
from manchette.environment import env_bool, env_int, env_list, required_env

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("MANCHETTE_VAR_DIR", BASE_DIR / "var"))


PRODUCTION = os.environ.get("MANCHETTE_ENV", "embedded") == "production"
DEBUG = env_bool("DJANGO_DEBUG", default=False)


if PRODUCTION:
    SECRET_KEY = required_env("SECRET_KEY")
    # Production refuses to start without host names: an empty list would answer 400 to everyone.
    required_env("ALLOWED_HOSTS")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("ALLOWED_HOSTS must name at least one host (see README).")
else:
    SECRET_KEY = os.environ.get("SECRET_KEY") or environment.embedded_secret_key(VAR_DIR)
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver,[::1]")

CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAIL_SITE_NAME = os.environ.get("SITE_NAME", "Manchette")

INSTALLED_APPS = [
    "manchette.website",
    "manchette.articles",
    "manchette.accounts",
    "manchette.subscriptions",
    "manchette.audio",
    "manchette.comments",
    "manchette.newsletters",
    "manchette.gifts",
    "manchette.wire",
    "manchette.backups",
    "manchette.audience",
    "manchette.wordpress",
    "manchette.scheduler",
    "manchette.corrections",
    "manchette.live",
    "manchette.demo",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.images",
    # Unused here, but Wagtail 8's admin pages link its API (wagtail_config): without it every
    # admin page is a 500 (NoReverseMatch 'wagtailadmin_api:documents').
    "wagtail.documents",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Wagtail's admin says when a page was submitted with humanize's naturaltime: without the
    # app its French catalogue is not loaded and the newsroom reads "8 seconds ago".
    "django.contrib.humanize",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "manchette.newsroom",  # last: see manchette/newsroom/models.py
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "manchette.website.page_cache.AnonymousPageCacheMiddleware",
    "manchette.website.middleware.PublicGZipMiddleware",
    "manchette.resilience.DatabaseUnavailableMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "manchette.website.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "manchette.accounts.middleware.AccountDoorsMiddleware",
    "manchette.accounts.middleware.NewsroomSecondFactorMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "manchette.urls"
WSGI_APPLICATION = "manchette.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "manchette" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "manchette.website.context_processors.site",
                "manchette.articles.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'manchette.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
    )
}
# A connection kept across requests is checked before reuse, so the site recovers by
# itself after PostgreSQL restarts (see manchette/resilience.py).
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process read while the task worker writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # Kept open between requests like PostgreSQL's: opening a SQLite file and setting its
    # pragmas, then closing it (a WAL checkpoint), cost more than rendering a cached page.
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL")
if REDIS_URL:
    CACHES = environment.redis_caches(REDIS_URL)
    TASKS = {
        "default": {"BACKEND": "manchette.task_backends.RQBackend", "QUEUES": ["default"]},
    }
    INSTALLED_APPS += ["django_rq"]
    RQ_QUEUES = {"default": environment.rq_queue(REDIS_URL)}
    RQ = {"WORKER_CLASS": "manchette.task_backends.Worker"}
    # Sessions live in the database, which every application server reads, with a copy in
    # Redis that spares a query per request (and keeps readers recognised while PostgreSQL restarts).
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = environment.embedded_caches()
    TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
    }
if env_bool("MANCHETTE_IMMEDIATE_TASKS"):
    TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_SESSION_REMEMBER = None  # the reader chooses: "Se souvenir de moi"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_RATE_LIMITS = {
    "login": "20/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "10/h/ip",
    "reset_password": "10/h/ip,3/h/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
}
ACCOUNT_PASSWORD_INPUT_RENDER_VALUE = False
ACCOUNT_ADAPTER = "manchette.accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {
    "signup": "manchette.accounts.forms.SignupForm",
    "add_email": "manchette.accounts.forms.AddEmailForm",
}
# Readers know their address, never the username made up for them ("Connexion avec … réussie").
ACCOUNT_USER_DISPLAY = "manchette.accounts.adapter.user_display"
# How many proxies (Varnish, a load balancer) stand in front of the app servers, each
# appending to X-Forwarded-For: the client address the rate limits count is the entry
# that many places from the end. 0: the address that connects to us.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# Two-factor authentication (TOTP and recovery codes) for newsroom accounts, and, when
# NEWSROOM_MFA_REQUIRED is on, required of editors and administrators before the admin.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = os.environ.get("SITE_NAME", "Manchette")
# Newsroom accounts are created by an administrator and have no address to confirm.
MFA_ALLOW_UNVERIFIED_EMAIL = True
NEWSROOM_MFA_REQUIRED = env_bool("NEWSROOM_MFA_REQUIRED")
SESSION_COOKIE_AGE = 60 * 60 * 24 * 30  # "Se souvenir de moi" keeps a reader logged in for 30 days

DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Manchette <ne-pas-repondre@manchette.test>")
# Where readers write about their subscription (offers page, checkout and payment messages).
SUBSCRIPTIONS_CONTACT_EMAIL = os.environ.get("SUBSCRIPTIONS_CONTACT_EMAIL", "abonnements@manchette.test")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_URL = required_env("EMAIL_URL") if PRODUCTION else os.environ.get("EMAIL_URL")


if EMAIL_URL:
    MAILERS = {"default": environment.mailer_from_url(EMAIL_URL)}
else:
    # Embedded default: every mail is written to a file that `make run` points to.
    MAILBOX_DIR = VAR_DIR / "mailbox"
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": str(MAILBOX_DIR)},
        }
    }

# The loops `manage.py run_scheduler` reconciles with the database, in this order: articles due
# go live before a newsletter slot due at the same time takes the section's latest ones.
SCHEDULER_RECONCILERS = [
    "manchette.newsroom.scheduling.reconcile",
    "manchette.wire.polling.reconcile",
    "manchette.newsletters.reconciler.reconcile",
    "manchette.audience.reconciler.reconcile",
]

# Newsletter sending: a batch whose worker gave no sign of life for this many seconds is taken
# over by another (manchette/newsletters/tasks.py). Short in the crash test, minutes in production.
NEWSLETTER_LEASE_SECONDS = env_int("NEWSLETTER_LEASE_SECONDS", 120)
# The mailto of every newsletter mail's List-Unsubscribe: each reader writes to
# unsubscribe+<code>@domain, delivered to the folder read_bounces reads. Empty: https link only.
NEWSLETTER_UNSUBSCRIBE_ADDRESS = os.environ.get("NEWSLETTER_UNSUBSCRIBE_ADDRESS", "")
# The envelope sender of newsletter mails, one per delivery: bounce+<delivery>-<code>@domain
# (VERP), delivered to the same folder. read_bounces believes only bounces sent back to one of
# these. Empty: the newsletter's sender, and bounce reports suppress nobody.
NEWSLETTER_BOUNCE_ADDRESS = os.environ.get("NEWSLETTER_BOUNCE_ADDRESS", "")
# Days the preferences link of a newsletter mail works (it shows the address and changes every
# choice); then the page offers to mail a fresh one. Unsubscribe links never expire (RFC 8058).
NEWSLETTER_MANAGE_LINK_DAYS = env_int("NEWSLETTER_MANAGE_LINK_DAYS", 30)

# Payments. Stripe is used when its keys are set; otherwise staff grant subscriptions by hand.
STRIPE_SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY", "")
STRIPE_WEBHOOK_SECRET = os.environ.get("STRIPE_WEBHOOK_SECRET", "")
# Another address for Stripe's API, for example stripe-mock (http://localhost:12111) in development.
STRIPE_API_BASE = os.environ.get("STRIPE_API_BASE", "")

# The wire worker never connects to loopback, private, link-local or reserved addresses
# (manchette/wire/safe_fetch.py). Loopback can be allowed for a stand-in agency on this
# machine (the tests turn it on); off by default, and refused in production.
WIRE_ALLOW_LOOPBACK = env_bool("WIRE_ALLOW_LOOPBACK") and not PRODUCTION

# French is the source language of every string; English is the second catalogue.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("Anglais"))]
WAGTAIL_CONTENT_LANGUAGES = [("fr", "Français")]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("fr", "Français"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "manchette" / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Paris")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "manchette" / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static-collected"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
SERVE_MEDIA = env_bool("SERVE_MEDIA", default=not PRODUCTION)
# Audio versions are for subscribers: a storage of their own, outside MEDIA_ROOT (which anyone
# may fetch and Varnish keeps), read only by the listening view (manchette/audio/views.py).
# Unset: the folder "audio" beside MEDIA_ROOT (var/audio).
AUDIO_ROOT = os.environ.get("AUDIO_ROOT", "")
# Publishing queues the audio's generation for the worker; with tasks run inline (the immediate
# backend of the tests) it would hold up the publishing request: `manage.py generate_audio` then.
AUDIO_ON_PUBLISH = env_bool("AUDIO_ON_PUBLISH", default=not env_bool("MANCHETTE_IMMEDIATE_TASKS"))
AUDIO_URL_MAX_AGE = env_int("AUDIO_URL_MAX_AGE", 6 * 3600)  # seconds a listening link works
AUDIO_ESPEAK_VOICE = os.environ.get("AUDIO_ESPEAK_VOICE", "fr-fr")
# A Piper .onnx voice file: used instead of espeak-ng.
AUDIO_PIPER_VOICE = os.environ.get("AUDIO_PIPER_VOICE", "")
AUDIO_PIPER_COMMAND = os.environ.get("AUDIO_PIPER_COMMAND", "piper")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "audio": {"BACKEND": "manchette.audio.storage.PrivateAudioStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

TAGGIT_STRIP_UNICODE_WHEN_SLUGIFYING = True  # ASCII tag URLs: /tags/elections/
TAGGIT_CASE_INSENSITIVE = True
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # French stemming: "élection" finds "élections".
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "french"
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_I18N_ENABLED = False
# One review step: the editor's approval publishes what they have in front of them, their own
# corrections included. Requiring re-approval of an edit would restart the review the editor
# had just approved, and leave the article offline, whenever they fixed a typo while approving.
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = False
# ASCII page addresses (a-lille-le-marche), as in the demo: accented slugs end up percent-encoded
# in canonical links, feeds and sitemaps. Applies to the editor's auto-fill and server-side slugs.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"bmp": "jpeg", "webp": "webp"}
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False

# How long a shared cache (CDN, Varnish, nginx) may keep an anonymous page.
PUBLIC_PAGE_MAX_AGE = env_int("PUBLIC_PAGE_MAX_AGE", 60)
# How long the application keeps its own copy of an anonymous page when no Varnish is in
# front (manchette/website/page_cache.py); 0 renders every request.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 5)
# Audience measurement (manchette/audience): daily counts are kept this many months (the
# CNIL's ceiling for consent-exempt measurement is 25), hourly ones 48 hours.
AUDIENCE_RETENTION_MONTHS = env_int("AUDIENCE_RETENTION_MONTHS", 25)
# "Le plus lu": the articles most viewed in the last N hours (48 at most), recomputed this often.
AUDIENCE_MOST_READ_HOURS = min(env_int("AUDIENCE_MOST_READ_HOURS", 24), 48)
AUDIENCE_MOST_READ_COUNT = env_int("AUDIENCE_MOST_READ_COUNT", 5)
AUDIENCE_MOST_READ_SECONDS = env_int("AUDIENCE_MOST_READ_SECONDS", 300)
# Views one client address may count (allauth's limiter syntax); the address itself is not kept.
AUDIENCE_RATE_LIMIT = os.environ.get("AUDIENCE_RATE_LIMIT", "120/m/key")
# Seconds a web worker adds beacon hits up in memory before folding them into the database
# (manchette/audience/buffer.py): a killed worker loses at most that much. 0, the test run's
# immediate mode: each hit folded by its request.
AUDIENCE_BUFFER_SECONDS = env_int(
    "AUDIENCE_BUFFER_SECONDS", 0 if env_bool("MANCHETTE_IMMEDIATE_TASKS") else 1
)
# Behind Varnish: seconds `manage.py collect_audience` adds up the beacons it reads from
# Varnish's log before folding them (manchette/audience/collector.py).
AUDIENCE_COLLECT_SECONDS = env_int("AUDIENCE_COLLECT_SECONDS", 2)
# Varnish in front (deploy/varnish/): publishing purges what changed from each of these
# comma-separated addresses (manchette/website/purging.py). Unset: no shared cache to purge.
WAGTAILFRONTENDCACHE = {
    f"varnish{number}": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": url}
    for number, url in enumerate(env_list("VARNISH_URL"))
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# `make production` tries the production stack over plain HTTP on loopback. Allowed for
# loopback host names only: any other host keeps HTTPS-only cookies, HSTS and the redirect.
PLAIN_HTTP_LOOPBACK = PRODUCTION and env_bool("MANCHETTE_PLAIN_HTTP_LOOPBACK")
if PLAIN_HTTP_LOOPBACK and not set(ALLOWED_HOSTS) <= {"127.0.0.1", "localhost", "[::1]"}:
    raise ImproperlyConfigured(
        "MANCHETTE_PLAIN_HTTP_LOOPBACK is for loopback only: ALLOWED_HOSTS may then name "
        "127.0.0.1, localhost and [::1], nothing else."
    )
if PRODUCTION and not PLAIN_HTTP_LOOPBACK:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Varnish's health probe asks the application servers for robots.txt over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^robots\.txt$"]
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # Off unless asked: once browsers ship the preload list, a newsroom cannot quickly undo it.
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)
    if not SECURE_HSTS_PRELOAD:
        SILENCED_SYSTEM_CHECKS = ["security.W021"]  # preload not asked for: the operator's choice
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {"django.tasks": {"level": "WARNING"}, "django_tasks": {"level": "WARNING"}},
}
