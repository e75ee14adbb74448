"""/healthz and /readyz: is the process alive, and can it do its work.

`HealthMiddleware`, first in MIDDLEWARE, answers both before the rest of the stack: no
session, no page cache, no host check (a probe may send any Host), and probes every few
seconds fill neither the request log nor the request metrics.

- /healthz: 200 "ok" while the process serves; it touches nothing (no database, no cache).
  Varnish's backend probe asks for it.
- /readyz: the database, every cache (pages, shared counters), the media storage (a tiny file
  written and deleted) and, where a task worker must run (the database task queue and
  READYZ_WORKER_MAX_AGE > 0), a worker's heartbeat no older than that. 200 with
  {"status": "ok", "checks": {...}}, or 503 with the failed checks marked "fail": never an
  error's text, a host, a path or a version (the log has the error).

Neither answer is ever cached (Cache-Control: no-store).
"""

import logging
import os
import time
import uuid

from django.conf import settings
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connections
from django.http import HttpResponse, HttpResponseNotFound, JsonResponse

from newsroom.infra import metrics, tasks

logger = logging.getLogger(__name__)
PATHS = ("/healthz", "/readyz")


def healthz(request):
    return _never_cached(HttpResponse("ok", content_type="text/plain; charset=utf-8"))


def readyz(request):
    """The checks, for the operators' addresses only (as /metrics: each one writes to every
    cache and to storage, and no proxy's filter on the path can be trusted to hold)."""
    if not metrics.allowed(request):
        return _never_cached(HttpResponseNotFound())
    checks = {name: _run(name, check) for name, check in _checks()}
    healthy = all(result == "ok" for result in checks.values())
    body = {"status": "ok" if healthy else "fail", "checks": checks}
    return _never_cached(JsonResponse(body, status=200 if healthy else 503))


class HealthMiddleware:
    """Answer GET and HEAD for /healthz and /readyz before anything else runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and request.path_info in PATHS:
            return healthz(request) if request.path_info == "/healthz" else readyz(request)
        return self.get_response(request)


def _never_cached(response):
    response["Cache-Control"] = "no-store"
    return response


def _checks():
    yield "database", _database
    for alias in settings.CACHES:
        yield f"cache_{alias}", lambda alias=alias: _cache(alias)
    yield "storage", _storage
    if worker_required():
        yield "task_worker", _task_worker


def _run(name, check) -> str:
    try:
        check()
    except Exception:
        logger.warning("Readiness check %s failed", name, exc_info=True)
        return "fail"
    return "ok"


def _database():
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")
        if cursor.fetchone()[0] != 1:
            raise RuntimeError("SELECT 1 did not answer 1")


def _probe_name() -> str:
    return f"readyz-{os.getpid()}-{uuid.uuid4().hex[:8]}"


def _cache(alias):
    cache, key, value = caches[alias], _probe_name(), time.time()
    cache.set(key, value, timeout=10)
    if cache.get(key) != value:
        raise RuntimeError("the cache did not keep a value")
    cache.delete(key)


def _storage():
    name = default_storage.save(f"readyz/{_probe_name()}.txt", ContentFile(b"ok"))
    default_storage.delete(name)


def worker_required() -> bool:
    """A task worker must run when tasks wait in the database queue for one."""
    backend = settings.TASKS["default"]["BACKEND"]
    return settings.READYZ_WORKER_MAX_AGE > 0 and backend.endswith("DatabaseBackend")


def _task_worker():
    age = tasks.heartbeat_age()
    if age is None or age > settings.READYZ_WORKER_MAX_AGE:
        raise RuntimeError(f"no task worker heartbeat for {age} s")
