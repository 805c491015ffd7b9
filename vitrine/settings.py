"""Settings of Vitrine des emplois: one module, driven by environment variables.

Defaults are safe for production (``DEBUG`` off, secure cookies, HSTS). With ``DEBUG=1`` and no
``DATABASE_URL``/``REDIS_URL``, the embedded PostgreSQL and Redis of ``.local/run`` are started
(see ``vitrine/embedded.py``). The README lists every variable.
"""

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

from vitrine import embedded
from vitrine.env import email_settings, env_bool, env_int, env_list

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY n'est pas défini. En production (DEBUG=0), donnez une clé secrète longue "
            "et aléatoire dans la variable d'environnement SECRET_KEY "
            "(par exemple : python -c 'import secrets; print(secrets.token_urlsafe(50))')."
        )
    SECRET_KEY = "insecure-local-development-key-never-used-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")


def _service_url(variable: str, start) -> str:
    url = os.environ.get(variable, "")
    if url:
        return url
    if not DEBUG:
        raise ImproperlyConfigured(f"{variable} n'est pas défini (obligatoire quand DEBUG=0).")
    url = start(os.environ.get("VITRINE_INSTANCE", "run"))
    os.environ[variable] = url  # processes started from here (workers) share the same servers
    return url


DATABASE_URL = _service_url("DATABASE_URL", embedded.postgres_start)
REDIS_URL = _service_url("REDIS_URL", embedded.redis_start)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.forms",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "vitrine",
    "referentiel",
    "accounts",
    "offers",
    "residents",
    "applications",
    "matching",
    "referrals",
    "advisors",
    "clauses",
    "moderation",
    "observatory",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "vitrine.middleware.RefuseNullCharacters",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "vitrine.urls"
FORM_RENDERER = "vitrine.forms.Renderer"
WSGI_APPLICATION = "vitrine.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            "builtins": ["vitrine.templatetags.french"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)
}
# Misspelled words in the offer search: trigram word similarity of at least 0.5 (offers/search.py).
# Web requests are short and many at once: parallel workers would cost more than they save.
DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
    "-c pg_trgm.word_similarity_threshold=0.5 -c max_parallel_workers_per_gather=0"
)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "vitrine",
        "TIMEOUT": 300,
    }
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "space"
LOGOUT_REDIRECT_URL = "home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Failed logins allowed per e-mail address and per IP address in LOGIN_RATE_WINDOW seconds.
LOGIN_RATE_LIMIT = env_int("LOGIN_RATE_LIMIT", 5)
LOGIN_RATE_WINDOW = env_int("LOGIN_RATE_WINDOW", 900)

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
# Uploaded files (CVs) are private: outside the static files, served only through views.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / ".local" / "media"))

# E-mail: EMAIL_URL (smtp://user:password@host:587?tls=1, console://) or the EMAIL_* variables.
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Vitrine des emplois <ne-pas-repondre@vitrine.local>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
globals().update(email_settings(os.environ))

# Security: on unless DEBUG; HTTPS is expected in front of the application in production.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The health check answers plain HTTP to the orchestrator's probe.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # Token first: DRF answers "not authenticated" with the first class's WWW-Authenticate, so
    # a script without (or with a wrong) key gets 401 "WWW-Authenticate: Token", not 403. The
    # site's own htmx/JS calls send no Authorization header and still go by their session,
    # CSRF token required for writes.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    # French JSON for every error, Django's 404s and parse errors included (vitrine/api_errors.py).
    "EXCEPTION_HANDLER": "vitrine.api_errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Vitrine des emplois — API",
    "DESCRIPTION": "Offres d'emploi, métiers et compétences du Grand-Orly Seine Bièvre.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI served from our own static files, not from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # One name for the France Travail contract types, wherever they appear.
    "ENUM_NAME_OVERRIDES": {
        "ContractEnum": "offers.models.Contract.choices",
        "OfferStatusEnum": "offers.models.Status.choices",
        "ApplicationStatusEnum": "applications.models.Status.choices",
        "ReferralStatusEnum": "referrals.models.Status.choices",
    },
}

# Celery: Redis broker and result backend; tasks are idempotent and acknowledged after running.
CELERY_BROKER_URL = REDIS_URL
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_QUEUE", "celery")
CELERY_RESULT_BACKEND = REDIS_URL
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_EXPIRES = 3600
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_BEAT_SCHEDULE = {
    "rematch-nightly": {"task": "matching.tasks.rematch", "schedule": crontab(hour=2, minute=30)},
    "rescore-dirty-sweep": {"task": "matching.tasks.rescore_dirty", "schedule": 60.0},
    "expire-stale-offers": {
        "task": "offers.tasks.expire_stale_offers",
        "schedule": crontab(hour=6, minute=0),
    },
    "close-stale-applications": {
        "task": "applications.tasks.close_stale_applications",
        "schedule": crontab(hour=6, minute=30),
    },
    "resident-inactivity": {
        "task": "residents.tasks.inactivity_sweep",
        "schedule": crontab(hour=5, minute=0),
    },
    "retry-account-emails": {
        "task": "accounts.tasks.mails_retry",
        "schedule": crontab(minute=10),
    },
    "retry-application-emails": {
        "task": "applications.tasks.notifications_retry",
        "schedule": crontab(minute=15),
    },
    "retry-referral-emails": {
        "task": "referrals.tasks.referral_emails_retry",
        "schedule": crontab(minute=20),
    },
    "retry-resident-invitations": {
        "task": "advisors.tasks.invitations_retry",
        "schedule": crontab(minute=25),
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
