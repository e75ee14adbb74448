"""Settings for the newsroom, read from environment variables (12-factor).

Development defaults are safe; with DEBUG off, SECRET_KEY and ALLOWED_HOSTS
must be set or the process refuses to start.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


def env_int(name, default):
    return int(env(name, str(default)))


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_prose_editor",
    "articles",
    "comments",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "newsroom.middleware.SiteLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "comments.middleware.PersonalPagesMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "newsroom.pagecache.AnonymousPageCacheMiddleware",
]

ROOT_URLCONF = "newsroom.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newsroom.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "newsroom.wsgi.application"

# Database: SQLite (WAL, busy timeout, IMMEDIATE transactions) unless DATABASE_URL is set.
SQLITE_OPTIONS = {
    "init_command": (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;"
    ),
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}
DATABASE_URL = env("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=0)}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        DATABASES["default"]["OPTIONS"] = SQLITE_OPTIONS
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": BASE_DIR / "db.sqlite3",
            "OPTIONS": SQLITE_OPTIONS,
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Caches. "default" holds rendered pages; "shared" holds what every worker and every app
# server must agree on (the pages' content version, rate-limit counters, throttles).
# With REDIS_URL both live in Redis; without it pages stay in each process's memory and the
# shared cache is a folder of files that all workers on this machine see.
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    _redis = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    CACHES = {
        "default": {**_redis, "KEY_PREFIX": "newsroom"},
        "shared": {**_redis, "KEY_PREFIX": "newsroom-shared"},
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "shared": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": env("SHARED_CACHE_DIR", str(BASE_DIR / ".cache" / "shared")),
        },
    }
# How long a cached page may be served at most (saves and moderation retire pages at once).
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
FORMAT_MODULE_PATH = ["newsroom.formats"]
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env("MEDIA_ROOT", BASE_DIR / "media"))
# Let the app serve uploads itself (development, single-machine); behind nginx or S3, turn off.
SERVE_MEDIA = env_bool("SERVE_MEDIA", DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Uploaded files above this size go to a temporary file, not memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024

# Images: limits checked on upload, renditions built on save.
IMAGE_MAX_BYTES = env_int("IMAGE_MAX_BYTES", 15 * 1024 * 1024)
IMAGE_MAX_PIXELS = env_int("IMAGE_MAX_PIXELS", 40_000_000)
IMAGE_RENDITION_WIDTHS = (480, 960, 1440)

# Email (Django 6.1 mailers): the console in development, SMTP from EMAIL_* in production.
EMAIL_BACKEND_PATH = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
MAILERS = {"default": {"BACKEND": EMAIL_BACKEND_PATH}}
if EMAIL_BACKEND_PATH.endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": env("EMAIL_HOST", "localhost"),
        "port": env_int("EMAIL_PORT", 25),
        "username": env("EMAIL_HOST_USER", ""),
        "password": env("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS", False),
        "timeout": 10,
    }
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Tòa soạn <noreply@localhost>")
SERVER_EMAIL = env("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

SESSION_COOKIE_NAME = "sessionid"
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("HTTPS", not DEBUG):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Comments: moderation and anti-abuse rules (comments/policy.py, comments/spam.py).
COMMENTS_CLOSE_AFTER_DAYS = env_int("COMMENTS_CLOSE_AFTER_DAYS", 30)
COMMENTS_MAX_LINKS = env_int("COMMENTS_MAX_LINKS", 2)
COMMENTS_MAX_LENGTH = env_int("COMMENTS_MAX_LENGTH", 3000)
COMMENTS_MIN_SECONDS_TO_POST = env_int("COMMENTS_MIN_SECONDS_TO_POST", 3)
COMMENTS_EDIT_MINUTES = env_int("COMMENTS_EDIT_MINUTES", 10)
COMMENTS_RATE_LIMIT_ENABLED = env_bool("COMMENTS_RATE_LIMIT_ENABLED", True)
# (how many, per how many seconds), per client IP.
COMMENTS_RATE_LIMITS = [(1, 15), (20, 3600)]
COMMENTS_AUTO_APPROVE_KNOWN = env_bool("COMMENTS_AUTO_APPROVE_KNOWN", False)
COMMENTS_NOTIFY_INTERVAL = env_int("COMMENTS_NOTIFY_INTERVAL", 120)
COMMENTS_ANONYMIZE_AFTER_DAYS = env_int("COMMENTS_ANONYMIZE_AFTER_DAYS", 90)
COMMENTS_REMEMBER_COOKIE = "newsroom_commenter"
# Behind a reverse proxy, how many proxies append to X-Forwarded-For (0: use REMOTE_ADDR).
NUM_TRUSTED_PROXIES = env_int("NUM_TRUSTED_PROXIES", 0)
# Requests carrying any of these cookies are personal: never served from or stored in the
# page cache (a session, a remembered commenter, pending flash messages).
PAGE_CACHE_SKIP_COOKIES = [SESSION_COOKIE_NAME, COMMENTS_REMEMBER_COOKIE, "messages"]

SITE_NAME = env("SITE_NAME", "Báo Kon Tum Ngày Nay")
# Absolute base for links in feeds and sitemaps when no request is at hand.
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
}
