"""Settings for the test suite: the real settings with fast, isolated storage."""

import atexit
import os
import shutil
import tempfile

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")

from newsroom.settings import *  # noqa: F403


def _temporary_dir(prefix):
    """A folder removed when the test run ends (by the process that made it, not a fork)."""
    path, owner = tempfile.mkdtemp(prefix=prefix), os.getpid()
    atexit.register(lambda: os.getpid() == owner and shutil.rmtree(path, ignore_errors=True))
    return path


PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = _temporary_dir("newsroom-test-media-")
STORAGES = {
    "default": STORAGES["default"],  # noqa: F405 (S3 when S3_BUCKET is set)
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
WHITENOISE_AUTOREFRESH = True

if not REDIS_URL:  # noqa: F405
    CACHES["shared"] = {  # noqa: F405
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "shared",
    }
    CACHES["drawn"] = {  # noqa: F405
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "drawn",
    }

# On SQLite the tests use a file, as production does: WAL lets several threads (the live
# server, concurrent posts) read and write at once, which the in-memory database cannot.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(_temporary_dir("newsroom-test-db-"), "test.sqlite3")
    }

# Tasks run at once in tests; the tests of the worker itself use the database backend and a
# real `manage.py worker` process (TASKS_BACKEND in its environment).
TASKS["default"]["BACKEND"] = os.environ.get(  # noqa: F405
    "TASKS_BACKEND", "django.tasks.backends.immediate.ImmediateBackend"
)
READS_PUSH_SECONDS = 0  # read counts go to the shared cache at once, not from a thread
