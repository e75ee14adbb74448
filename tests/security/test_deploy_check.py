"""Production settings pass `manage.py check --deploy` with zero warnings."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# What the README's "Running in production" sets; everything else keeps its default.
PRODUCTION = {
    "DEBUG": "0",
    "ALLOWED_HOSTS": "baokontum.vn",
    "CSRF_TRUSTED_ORIGINS": "https://baokontum.vn",
    "DATABASE_URL": "postgres://newsroom:secret@db.internal:5432/newsroom",  # not connected to
    "REDIS_URL": "redis://cache.internal:6379/0",
    "HTTPS": "1",
    "SECURE_SSL_REDIRECT": "1",
    "NUM_TRUSTED_PROXIES": "1",
    "SERVE_MEDIA": "0",
}


def check_env(tmp_path):
    """This process's environment without anything that would change the settings under test."""
    prefixes = ("DJANGO", "SECURE_", "S3_", "MEDIA_")
    inherited = {k: v for k, v in os.environ.items() if not k.startswith(prefixes)}
    for name in ("DEBUG", "HTTPS", "DATABASE_URL", "REDIS_URL", "SECRET_KEY", "ALLOWED_HOSTS"):
        inherited.pop(name, None)
    return {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "SHARED_CACHE_DIR": str(tmp_path / "cache"),
    }


def check_deploy(tmp_path, **env):
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**check_env(tmp_path), **env},
        capture_output=True,
        text=True,
    )


def test_production_settings_pass_check_deploy_with_zero_warnings(tmp_path):
    result = check_deploy(tmp_path, **PRODUCTION)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_without_django_redirect_only_the_redirect_check_remains(tmp_path):
    """SECURE_SSL_REDIRECT is off by default (nginx usually redirects): W008 says so, alone."""
    result = check_deploy(tmp_path, **{**PRODUCTION, "SECURE_SSL_REDIRECT": "0"})

    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "security.W008" in output
    assert "1 issue (0 silenced)" in output


def test_a_short_or_development_secret_key_is_flagged(tmp_path):
    result = check_deploy(tmp_path, **PRODUCTION, SECRET_KEY="too-short")

    assert result.returncode != 0
    assert "security.W009" in result.stdout + result.stderr


def test_images_from_the_media_storage_host_are_allowed_by_the_policy(tmp_path):
    code = (
        "import django, json; django.setup(); from django.conf import settings;"
        "print(json.dumps(settings.SECURE_CSP['img-src']))"
    )
    env = {**PRODUCTION, "S3_CUSTOM_DOMAIN": "media.baokontum.vn"}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**check_env(tmp_path), **env},
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == ["'self'", "data:", "https://media.baokontum.vn"]
