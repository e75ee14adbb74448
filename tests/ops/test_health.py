"""/healthz (the process serves) and /readyz (it can work: database, caches, media storage,
a task worker's heartbeat), as probes and load balancers ask for them."""

import time

import httpx
import pytest
from django.core.files.storage import default_storage
from django.test import Client

from tests.ops.appserver import gunicorn


def test_healthz_says_ok_and_touches_nothing(client):
    # No database here: a query would fail the test (no django_db mark).
    response = client.get("/healthz", headers={"cookie": "sessionid=whatever"})

    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Cache-Control"] == "no-store"
    assert "X-Page-Cache" not in response
    assert not response.cookies


def test_healthz_answers_whatever_host_a_probe_sends():
    response = Client(HTTP_HOST="backend.internal").get("/healthz")

    assert response.status_code == 200


@pytest.mark.django_db
def test_readyz_checks_the_database_caches_and_storage(client, settings):
    response = client.get("/readyz")

    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    drawn = {} if settings.REDIS_URL else {"cache_drawn": "ok"}  # the folder of drawn pieces
    assert response.json() == {
        "status": "ok",
        "checks": {
            "database": "ok",
            "cache_default": "ok",
            "cache_shared": "ok",
            **drawn,
            "storage": "ok",
        },
    }
    assert default_storage.listdir("readyz")[1] == []  # the probe's file is gone


@pytest.mark.django_db
def test_readyz_fails_on_storage_it_cannot_write_and_names_no_path(client, settings, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    location = str(blocker / "media")  # a folder that cannot be made, even by root
    storage = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": location},
    }
    settings.STORAGES = {**settings.STORAGES, "default": storage}

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response["Cache-Control"] == "no-store"
    body = response.json()
    assert body["status"] == "fail"
    assert body["checks"]["storage"] == "fail"
    assert body["checks"]["database"] == "ok"
    assert str(tmp_path) not in response.content.decode()


def test_readyz_fails_when_the_database_is_gone_while_healthz_still_serves(tmp_path):
    missing = tmp_path / "no-such-folder" / "db.sqlite3"
    with gunicorn(tmp_path, DATABASE_URL=f"sqlite:///{missing}") as base:
        alive = httpx.get(f"{base}/healthz")
        ready = httpx.get(f"{base}/readyz")

    assert alive.status_code == 200
    assert ready.status_code == 503
    assert ready.headers["cache-control"] == "no-store"
    assert ready.json()["checks"]["database"] == "fail"
    assert ready.json()["checks"]["storage"] == "ok"
    assert "sqlite" not in ready.text and str(tmp_path) not in ready.text


@pytest.fixture
def shared_files(settings, tmp_path):
    """The shared cache the worker started by `start_worker` uses: Redis with REDIS_URL, else
    the folder of files it is given."""
    if settings.REDIS_URL:
        return
    shared = {
        "BACKEND": "newsroom.infra.filecache.SharedFileCache",
        "LOCATION": str(tmp_path / "shared-cache"),
    }
    settings.CACHES = {**settings.CACHES, "shared": shared}


def wait_for_status(client, status, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        response = client.get("/readyz")
        if response.status_code == status:
            return response
        time.sleep(0.2)
    raise AssertionError(f"/readyz never answered {status}: {response.json()}")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_readyz_needs_a_live_task_worker_with_the_database_queue(
    client, settings, database_queue, shared_files, start_worker
):
    settings.READYZ_WORKER_MAX_AGE = 3

    nobody = client.get("/readyz")
    assert nobody.status_code == 503
    assert nobody.json()["checks"]["task_worker"] == "fail"

    worker = start_worker()
    working = wait_for_status(client, 200)
    assert working.json()["checks"]["task_worker"] == "ok"

    worker.terminate()
    worker.wait(timeout=20)
    gone = wait_for_status(client, 503)
    assert gone.json()["checks"]["task_worker"] == "fail"


@pytest.mark.django_db
def test_the_worker_check_can_be_turned_off(client, settings, database_queue):
    settings.READYZ_WORKER_MAX_AGE = 0

    response = client.get("/readyz")

    assert response.status_code == 200
    assert "task_worker" not in response.json()["checks"]


def test_readyz_answers_only_the_operators_addresses(settings):
    """It writes to every cache and to storage: a reader behind the proxy, or anywhere else,
    gets a 404 whatever spelling of the path got past the proxy."""
    settings.METRICS_ALLOWED_IPS = ["127.0.0.1"]
    proxied = Client().get("/readyz", HTTP_X_FORWARDED_FOR="203.0.113.9")
    elsewhere = Client(REMOTE_ADDR="203.0.113.9").get("/readyz")

    assert proxied.status_code == elsewhere.status_code == 404
    assert proxied["Cache-Control"] == "no-store"
