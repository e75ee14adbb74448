"""Settings come from the environment and refuse to start production without its secrets."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load_settings(**env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"}
    }
    code = (
        "import django, json; from django.conf import settings; django.setup();"
        "db = settings.DATABASES['default'];"
        "print(json.dumps({'engine': db['ENGINE'], 'options': db.get('OPTIONS', {}),"
        " 'cache': settings.CACHES['default']['BACKEND'], 'lang': settings.LANGUAGE_CODE,"
        " 'tz': settings.TIME_ZONE, 'debug': settings.DEBUG}))"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "newsroom.settings", **env},
        capture_output=True,
        text=True,
    )


def test_production_without_secret_key_refuses_to_start():
    result = load_settings(DEBUG="0", ALLOWED_HOSTS="example.com")

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_without_allowed_hosts_refuses_to_start():
    result = load_settings(DEBUG="0", SECRET_KEY="x" * 50)

    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_development_defaults_are_sqlite_wal_vietnamese_and_local_memory_cache():
    import json

    result = load_settings(DEBUG="1")

    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert loaded["engine"] == "django.db.backends.sqlite3"
    assert "journal_mode=WAL" in loaded["options"]["init_command"]
    assert "busy_timeout" in loaded["options"]["init_command"]
    assert loaded["options"]["transaction_mode"] == "IMMEDIATE"
    assert loaded["cache"].endswith("LocMemCache")
    assert (loaded["lang"], loaded["tz"]) == ("vi", "Asia/Ho_Chi_Minh")


def test_database_and_cache_urls_switch_to_postgresql_and_redis():
    import json

    result = load_settings(
        DEBUG="1",
        DATABASE_URL="postgres://u:p@127.0.0.1:5432/newsroom",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )

    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert loaded["engine"] == "django.db.backends.postgresql"
    assert loaded["cache"] == "django.core.cache.backends.redis.RedisCache"
