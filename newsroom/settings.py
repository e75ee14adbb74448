"""Settings for the newsroom, read from environment variables (12-factor).

Development defaults are safe; with DEBUG off, SECRET_KEY and ALLOWED_HOSTS
must be set or the process refuses to start.
"""

import os
import re
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from newsroom.infra.logconfig import logging_config

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
    "django_tasks_db",
    "articles",
    "comments",
    "newsroom",
    "newsroom.wordpress",
]

MIDDLEWARE = [
    # /healthz and /readyz, answered before anything else (newsroom/infra/health.py).
    "newsroom.infra.health.HealthMiddleware",
    # Every other answer gets X-Request-ID and one line in the request log.
    "newsroom.infra.requestlog.RequestLogMiddleware",
    # Requests counted and timed by view, for /metrics (newsroom/infra/metrics.py).
    "newsroom.infra.metrics.RequestMetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "newsroom.infra.language.SiteLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "newsroom.infra.uploads.RequestSizeLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "newsroom.infra.errors.ReadableErrorsMiddleware",
    "comments.cookies.PersonalPagesMiddleware",
    "newsroom.infra.pagecache.AnonymousPageCacheMiddleware",
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
                "django.template.context_processors.csp",
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
# SQLite connections are kept per worker thread (opening one runs the PRAGMAs each time).
SQLITE_CONN_MAX_AGE = env_int("SQLITE_CONN_MAX_AGE", 600)
DATABASE_URL = env("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=0)}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        DATABASES["default"]["OPTIONS"] = SQLITE_OPTIONS
        DATABASES["default"]["CONN_MAX_AGE"] = SQLITE_CONN_MAX_AGE
    elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # psycopg 3's connection pool, per process (Django's built-in support).
        DATABASES["default"]["OPTIONS"] = {
            "pool": {
                "min_size": env_int("DATABASE_POOL_MIN", 2),
                "max_size": env_int("DATABASE_POOL_MAX", 10),
                "timeout": 10,
            }
        }
        INSTALLED_APPS.append("django.contrib.postgres")
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": BASE_DIR / "db.sqlite3",
            "OPTIONS": SQLITE_OPTIONS,
            "CONN_MAX_AGE": SQLITE_CONN_MAX_AGE,
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
    PAGE_VERSIONS_CACHE = "shared"
else:
    _SHARED_CACHE_DIR = env("SHARED_CACHE_DIR", str(BASE_DIR / ".cache" / "shared"))
    CACHES = {
        # Pages, drawn threads and cards, in each worker's memory, up to LOCAL_CACHE_MAX_MB
        # (and in "drawn", which every worker reads: newsroom/infra/tiered.py).
        "default": {
            "BACKEND": "newsroom.infra.localcache.SizedLocMemCache",
            "OPTIONS": {
                "MAX_ENTRIES": 1_000_000,
                "MAX_BYTES": env_int("LOCAL_CACHE_MAX_MB", 64) * 2**20,
            },
        },
        "shared": {
            "BACKEND": "newsroom.infra.filecache.SharedFileCache",
            "LOCATION": _SHARED_CACHE_DIR,
            # Every worker counts here (rate limits, login throttle, batches of read counts):
            # room for many readers; expired entries go first when it is full.
            "OPTIONS": {"MAX_ENTRIES": env_int("SHARED_CACHE_MAX_ENTRIES", 100_000)},
        },
        # Drawn pages and pieces that every worker reads, in a folder of their own: however
        # many are drawn, culling them never drops a counter of "shared".
        "drawn": {
            "BACKEND": "newsroom.infra.filecache.SharedFileCache",
            "LOCATION": os.path.join(_SHARED_CACHE_DIR, "drawn"),
            "OPTIONS": {"MAX_ENTRIES": env_int("DRAWN_CACHE_MAX_ENTRIES", 100_000)},
        },
    }
    # The versions pages are kept under (one or more per story read: newsroom/infra/retire.py)
    # live with the drawn pages: losing either only means a page is drawn again.
    PAGE_VERSIONS_CACHE = "drawn"
# Pages for anonymous readers are kept by the app and by any shared cache in front of it
# (Varnish, a CDN): see newsroom/infra/pagecache.py and README, "Scale". Writes retire exactly
# the pages that show them, at once; PAGE_CACHE_SECONDS is the `s-maxage`, the longest a page
# may outlive a purge that failed. PAGE_CACHE_ENABLED=0 turns the app's own copy off (cold
# benchmarks); the headers stay.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
# How long a shared cache may show an expired page while it fetches a fresh one.
PAGE_CACHE_STALE_SECONDS = env_int("PAGE_CACHE_STALE_SECONDS", 30)
# A page retired or expired at most this long ago is drawn again by one worker at a time;
# meanwhile the others answer with the last copy (`no-cache`: no shared cache keeps it). With
# the workers' half-second memo of versions, a reader sees a change within a second.
PAGE_CACHE_REDRAW_SECONDS = float(env("PAGE_CACHE_REDRAW_SECONDS", "0.5"))
# Where to send purges after a write: Varnish instances (`PURGE` with an `xkey` header), and
# dotted paths of functions called with the keys, for a CDN's tag-purge API.
CACHE_PURGE_URLS = env_list("CACHE_PURGE_URLS")
CACHE_PURGE_HOOKS = env_list("CACHE_PURGE_HOOKS")
# Lists show stories' comment counts at most this old (an approval retires only its story).
COMMENT_COUNTS_FRESH_SECONDS = env_int("COMMENT_COUNTS_FRESH_SECONDS", 60)

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
# `manage.py backup` writes its archives here (git-ignored; copy them off the machine).
BACKUP_DIR = Path(env("BACKUP_DIR", BASE_DIR / "backups"))
# An age public key (age1…, from `age-keygen`): archives are then encrypted to it (.tar.gz.age)
# and `restore --identity FILE` needs its secret key. Set it: every backup holds commenters' emails.
BACKUP_AGE_RECIPIENT = env("BACKUP_AGE_RECIPIENT", "").strip()
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env(
            "STATICFILES_BACKEND",
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
# Uploads on S3-compatible storage (django-storages): every upload, rendition, HLS segment
# and poster goes through this storage; README, "Media on S3-compatible storage".
if env("S3_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "newsroom.infra.media.S3MediaStorage",
        "OPTIONS": {
            "bucket_name": env("S3_BUCKET"),
            "location": env("S3_LOCATION", ""),  # a folder in a shared bucket
            "endpoint_url": env("S3_ENDPOINT_URL"),
            "region_name": env("S3_REGION"),
            "access_key": env("S3_ACCESS_KEY"),  # unset: boto3's own chain (an instance role)
            "secret_key": env("S3_SECRET_KEY"),
            "addressing_style": env("S3_ADDRESSING_STYLE"),  # "path" or "virtual"
            "custom_domain": env("S3_CUSTOM_DOMAIN"),  # the CDN's host: media.example.vn
            "default_acl": env("S3_DEFAULT_ACL"),  # unset: the bucket policy makes it public
            "object_parameters": {"CacheControl": env("S3_CACHE_CONTROL", "public, max-age=86400")},
            # A file read back (the worker's video source, a backup) spills to disk past this.
            "max_memory_size": 32 * 1024 * 1024,
            "querystring_auth": False,  # public media: plain URLs, cacheable by the CDN
            "file_overwrite": False,
        },
    }
# Serve static files straight from the apps' folders (development, test servers).
WHITENOISE_USE_FINDERS = env_bool("WHITENOISE_USE_FINDERS", DEBUG)
# Uploaded files above this size go to a temporary file, not memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Where those temporary files go (a 2 GB video upload among them): best on the media disk,
# never a RAM-backed tmpfs. Default: the system's temporary folder.
FILE_UPLOAD_TEMP_DIR = env("FILE_UPLOAD_TEMP_DIR") or None
# The form fields of one request (not its files): room for a long story's text in the admin.
# Every other request is held to REQUEST_MAX_BYTES as a whole (newsroom/infra/uploads.py).
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Images: limits checked on upload, renditions built on save.
IMAGE_MAX_BYTES = env_int("IMAGE_MAX_BYTES", 15 * 1024 * 1024)
IMAGE_MAX_PIXELS = env_int("IMAGE_MAX_PIXELS", 40_000_000)
IMAGE_RENDITION_WIDTHS = (480, 960, 1440)

# Video: limits checked by ffprobe on upload; the worker encodes these heights (never
# upscaled) at a lower CPU priority than the site (`VIDEO_NICE`, added to the worker's).
VIDEO_MAX_BYTES = env_int("VIDEO_MAX_BYTES", 2 * 1024**3)
VIDEO_MAX_SECONDS = env_int("VIDEO_MAX_SECONDS", 2 * 60 * 60)
VIDEO_MAX_SIDE = env_int("VIDEO_MAX_SIDE", 4096)
VIDEO_HEIGHTS = (360, 720)
VIDEO_NICE = env_int("VIDEO_NICE", 10)
FFMPEG_BINARY = env("FFMPEG_BINARY", "ffmpeg")
FFPROBE_BINARY = env("FFPROBE_BINARY", "ffprobe")
# The largest request body, files included (newsroom/infra/uploads.py): Django's 2.5 MB for
# everyone, and a video with its form for logged-in staff in the admin. Larger: a 413 page.
REQUEST_MAX_BYTES = env_int("REQUEST_MAX_BYTES", 2_621_440)
ADMIN_REQUEST_MAX_BYTES = env_int("ADMIN_REQUEST_MAX_BYTES", VIDEO_MAX_BYTES + 50 * 1024**2)

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
# --- Security --------------------------------------------------------------------------------
# With the production environment the README documents, `manage.py check --deploy` reports
# nothing (tests/security/test_deploy_check.py runs it).
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
HTTPS = env_bool("HTTPS", not DEBUG)
if HTTPS:
    # Cookies travel over HTTPS only; the proxy in front (nginx) must set X-Forwarded-Proto.
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # HSTS: browsers refuse plain HTTP to this site for that long. Start low (300) on a new
    # HTTPS setup, then raise it; 0 sends no header. Turn the two flags off if a subdomain
    # still serves plain HTTP (preload lets the domain be submitted to browsers' lists).
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
# Django's own http -> https redirect. Off by default: TLS usually ends at nginx, which
# redirects by itself. Turn it on once the proxy sends X-Forwarded-Proto (else: a loop).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)

# Content-Security-Policy (Django's middleware). Scripts come from this site only, never
# inline: the admin's inline scripts (the editor's import map) carry a per-response nonce.
# Reader pages use no nonce, so their header is the same on every response and the page
# cache stores them as they are. JSON-LD is a data block, which browsers do not run.
# Images may come from the media storage's own host: MEDIA_URL, or S3 (or its custom domain).
_MEDIA_HOSTS = [MEDIA_URL, env("S3_ENDPOINT_URL", ""), "https://" + env("S3_CUSTOM_DOMAIN", "")]
_MEDIA_ORIGINS = sorted({m[0] for url in _MEDIA_HOSTS if (m := re.match(r"https?://[^/]+", url))})
# The story editor (Tiptap, inside django-prose-editor) injects one fixed <style> element;
# this hash allows exactly that one (a test checks it against the installed editor).
EDITOR_STYLE_HASH = "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE, EDITOR_STYLE_HASH],
    "img-src": [CSP.SELF, "data:", *_MEDIA_ORIGINS],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF, *_MEDIA_ORIGINS],
    # Videos: renditions from the media host; hls.js feeds the player through blob: URLs.
    "media-src": [CSP.SELF, "blob:", *_MEDIA_ORIGINS],
    # A YouTube video loads (on the reader's click) from the privacy-enhanced host only.
    "frame-src": ["https://www.youtube-nocookie.com"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "upgrade-insecure-requests": HTTPS,
}
# A forged or expired CSRF token gets a Vietnamese page telling the reader to reload.
CSRF_FAILURE_VIEW = "newsroom.infra.errors.csrf_failure"

# Admin login throttle (newsroom/infra/throttle.py): after this many failed logins within
# the window, that account, or that client address, is refused for LOGIN_LOCKOUT_SECONDS.
LOGIN_FAILURES_PER_ACCOUNT = env_int("LOGIN_FAILURES_PER_ACCOUNT", 5)
LOGIN_FAILURES_PER_IP = env_int("LOGIN_FAILURES_PER_IP", 20)
LOGIN_FAILURE_WINDOW_SECONDS = env_int("LOGIN_FAILURE_WINDOW_SECONDS", 900)
LOGIN_LOCKOUT_SECONDS = env_int("LOGIN_LOCKOUT_SECONDS", 900)
# The site's only login is the admin's: a login whose `next` is missing or refused (another
# site) lands on the admin's index, not on Django's /accounts/profile/ (which does not exist).
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"

# Comments: moderation and anti-abuse rules (comments/policy.py).
COMMENTS_CLOSE_AFTER_DAYS = env_int("COMMENTS_CLOSE_AFTER_DAYS", 30)
COMMENTS_MAX_LINKS = env_int("COMMENTS_MAX_LINKS", 2)
COMMENTS_MAX_LENGTH = env_int("COMMENTS_MAX_LENGTH", 1000)
COMMENTS_MIN_SECONDS_TO_POST = env_int("COMMENTS_MIN_SECONDS_TO_POST", 3)
COMMENTS_EDIT_MINUTES = env_int("COMMENTS_EDIT_MINUTES", 10)
COMMENTS_RATE_LIMIT_ENABLED = env_bool("COMMENTS_RATE_LIMIT_ENABLED", True)
# (how many, per how many seconds), per client IP.
COMMENTS_RATE_LIMITS = [(1, 15), (20, 3600)]
COMMENTS_AUTO_APPROVE_KNOWN = env_bool("COMMENTS_AUTO_APPROVE_KNOWN", False)
COMMENTS_NOTIFY_INTERVAL = env_int("COMMENTS_NOTIFY_INTERVAL", 120)
# The site's comment rules until an editor sets them in the admin (comments/rules.py): quiet
# hours as "22:00-06:00" (empty: none), readers' reports that hide a comment for review.
COMMENTS_QUIET_HOURS = env("COMMENTS_QUIET_HOURS", "")
COMMENTS_REPORT_THRESHOLD = env_int("COMMENTS_REPORT_THRESHOLD", 3)
# Reports and likes, per client IP: (how many, per how many seconds).
COMMENTS_REPORT_RATE_LIMITS = [(10, 60), (60, 3600)]
COMMENTS_LIKE_RATE_LIMITS = [(30, 60)]
# How old a like count on a cached page may be: likes.js asks for the counts on every page
# load, so only a browser without JavaScript sees one this old (a page drawn with likes lives
# no longer than this, and its kept thread neither).
COMMENTS_LIKES_FRESH_SECONDS = env_int("COMMENTS_LIKES_FRESH_SECONDS", 300)
# Most read (articles/readership.py, read_batches.py): read counts gathered in the shared cache
# are written to the database at most this often.
READS_FLUSH_SECONDS = env_int("READS_FLUSH_SECONDS", 10)
# Background work (django.tasks): the database backend and `manage.py worker` (make run starts
# one). The queue is a table of the site's database, so nothing else needs running.
TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
# A worker that has not said it is alive for this many seconds is gone: its running tasks
# are queued again.
TASKS_WORKER_TIMEOUT = env_int("TASKS_WORKER_TIMEOUT", 30)
# /readyz fails when no task worker has said it is alive for this many seconds (it says so
# every TASKS_WORKER_TIMEOUT / 3); 0: not checked. Checked only with the database task queue.
READYZ_WORKER_MAX_AGE = env_int("READYZ_WORKER_MAX_AGE", 2 * TASKS_WORKER_TIMEOUT)
# /metrics (newsroom/ops.py) answers straight connections from these addresses (networks
# allowed), and anyone sending `Authorization: Bearer <METRICS_TOKEN>`; everyone else gets 404.
METRICS_ALLOWED_IPS = env_list("METRICS_ALLOWED_IPS", "127.0.0.1,::1")
METRICS_TOKEN = env("METRICS_TOKEN", "")
# A task marked `retried` (the moderators' alert) that fails runs again after this many seconds,
# doubled after each failure (up to an hour), until it has run TASKS_RETRY_ATTEMPTS times.
TASKS_RETRY_SECONDS = env_int("TASKS_RETRY_SECONDS", 60)
TASKS_RETRY_ATTEMPTS = env_int("TASKS_RETRY_ATTEMPTS", 6)
# Editors hear of a submitted story, reporters of the answer: at most one mail per person per
# this many seconds.
NEWSROOM_NOTIFY_INTERVAL = env_int("NEWSROOM_NOTIFY_INTERVAL", 120)
COMMENTS_ANONYMIZE_AFTER_DAYS = env_int("COMMENTS_ANONYMIZE_AFTER_DAYS", 90)
COMMENTS_REMEMBER_COOKIE = "newsroom_commenter"
COMMENTS_OWN_COOKIE = "newsroom_own_comments"
# A random id telling one anonymous browser from another (likes, reports, read counts). It does
# not make pages personal: pages are the same with or without it.
READER_COOKIE = "newsroom_reader"
# Behind a reverse proxy, how many proxies append to X-Forwarded-For (0: use REMOTE_ADDR).
NUM_TRUSTED_PROXIES = env_int("NUM_TRUSTED_PROXIES", 0)
# Requests carrying any of these cookies are personal: never served from or stored in the
# page cache (a session, pending flash messages). A remembered commenter's cookies change no
# shared page: only the personal answers under /cua-ban/ read them (comments/cookies.py).
PAGE_CACHE_SKIP_COOKIES = [SESSION_COOKIE_NAME, "messages"]

SITE_NAME = env("SITE_NAME", "Báo Kon Tum Ngày Nay")
# Absolute base for links in feeds and sitemaps when no request is at hand.
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000")

# Logs go to stderr (journald, docker): one JSON object a line by default, plain text for a
# developer (`make run`). Every line carries its request's id; refused requests (4xx) are one
# line without a traceback (newsroom/infra/logconfig.py).
LOG_FORMAT = env("LOG_FORMAT", "text" if DEBUG else "json")
LOGGING = logging_config(LOG_FORMAT, env("LOG_LEVEL", "INFO"))

# Errors to Sentry, only when SENTRY_DSN is set: no personal data (send_default_pii off, and
# emails and IP addresses scrubbed from every event: newsroom/infra/sentry_scrub.py).
SENTRY_DSN = env("SENTRY_DSN")
if SENTRY_DSN:
    import sentry_sdk
    from sentry_sdk.integrations.logging import ignore_logger

    from newsroom.infra.sentry_scrub import before_send, before_send_transaction

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=env("SENTRY_ENVIRONMENT", "production"),
        release=env("SENTRY_RELEASE"),
        send_default_pii=False,
        max_request_body_size="never",  # a comment's name and words stay here
        traces_sample_rate=float(env("SENTRY_TRACES_SAMPLE_RATE", "0")),
        before_send=before_send,
        before_send_transaction=before_send_transaction,
    )
    # Refused requests (a bad host, a forged token...) are the log's, not errors to chase.
    ignore_logger("django.security.*")
