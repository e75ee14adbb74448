"""A real gunicorn serving the app on loopback for the health and metrics tests, on the test
database (the test must use a transactional database so that the server sees its rows)."""

import contextlib
import os
import secrets
import subprocess
import sys
from pathlib import Path

import httpx
from django.db import connection

from tests.deploy.tools import ROOT, free_port, stop, wait_until

# What the test process's environment may hold that would change the app under test.
NOT_INHERITED = ("DJANGO", "S3_", "SECURE_", "PAGE_CACHE", "CACHE_PURGE", "COMMENTS_", "METRICS")
PRODUCTION_ONLY = ("DEBUG", "HTTPS", "DATABASE_URL", "SECRET_KEY", "ALLOWED_HOSTS")


def database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def environment(folder: Path, **overrides) -> dict:
    inherited = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(NOT_INHERITED) and name not in PRODUCTION_ONLY
    }
    inherited.pop("PROMETHEUS_MULTIPROC_DIR", None)
    (folder / "static").mkdir(parents=True, exist_ok=True)
    return {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "HTTPS": "0",
        "DATABASE_URL": database_url(),
        "SHARED_CACHE_DIR": str(folder / "shared-cache"),
        "MEDIA_ROOT": str(folder / "media"),
        "STATIC_ROOT": str(folder / "static"),
        "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "WHITENOISE_USE_FINDERS": "1",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "COMMENTS_RATE_LIMIT_ENABLED": "0",
        "COMMENTS_MIN_SECONDS_TO_POST": "0",
        "LOG_LEVEL": "WARNING",
        **overrides,
    }


@contextlib.contextmanager
def gunicorn(folder: Path, workers: int = 1, **overrides):
    """Serve the app with `workers` sync workers; yields its base URL."""
    port = free_port()
    log = folder / "gunicorn.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "newsroom.wsgi", "-b", f"127.0.0.1:{port}",
             "-w", str(workers), "--log-level", "warning"],
            cwd=ROOT, env=environment(folder, **overrides), stdout=out, stderr=out,
        )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until(
            lambda: httpx.get(f"{base}/healthz").status_code == 200, 30, "gunicorn", process, log
        )
        yield base
    finally:
        stop(process)
