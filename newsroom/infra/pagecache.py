"""Whole-page cache for anonymous readers, with exact invalidation.

Every page a reader sees is keyed by a site-wide content version. Every write to a model that
reader pages show bumps the version, at once and again after the transaction commits, so no
reader sees a stale page for longer than VERSION_MEMO_SECONDS. Which models those are is said
in one place, `newsroom.apps`, through `retire_pages_on_write()`: saves, deletions and
many-to-many changes arrive as signals, and bulk `update()`/`bulk_create()`/`bulk_update()`
go through `RetiringQuerySet`. The version lives in the shared cache (Redis, or a file cache
that all workers on one machine see); page bodies live in the default cache.

Pages keep working forms: the CSRF token is cut out before a page is stored and a fresh one,
matching the reader's own cookie, is put back on every hit. Requests that carry a session,
a remembered commenter or pending messages are personal and never cached.
"""

import hashlib
import re
import time

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from newsroom.infra import gzipped

VERSION_KEY = "pagecache:version"
VERSION_MEMO_SECONDS = 0.5
TOKEN_PLACEHOLDER = "__CSRF_TOKEN__"
TOKEN_FIELD = re.compile(r'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]{32,64}(")')
KEPT_HEADERS = ("Content-Type", "Content-Language", "Vary", "X-Robots-Tag")
ACCEPTS_GZIP = re.compile(r"\bgzip\b")

_memo = {"version": None, "read_at": 0.0}


def content_version() -> int:
    """The site's content version, re-read from the shared cache at most twice a second."""
    now = time.monotonic()
    if _memo["version"] is None or now - _memo["read_at"] > VERSION_MEMO_SECONDS:
        shared = caches["shared"]
        version = shared.get(VERSION_KEY)
        if version is None:
            version = int(time.time() * 1000)
            shared.add(VERSION_KEY, version, timeout=None)
            version = shared.get(VERSION_KEY, version)
        _memo.update(version=version, read_at=now)
    return _memo["version"]


def retire_pages() -> None:
    """Retire every cached page now, and again once the current transaction commits.

    The second bump retires pages that another request rendered from the old data while
    this transaction was still open.
    """
    _bump()
    transaction.on_commit(_bump)


class RetiringQuerySet(models.QuerySet):
    """Bulk writes that skip the model's signals retire the cached pages themselves."""

    def update(self, **kwargs):
        changed = super().update(**kwargs)
        if changed:
            retire_pages()
        return changed

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        if created:
            retire_pages()
        return created

    def bulk_update(self, objs, fields, *args, **kwargs):
        changed = super().bulk_update(objs, fields, *args, **kwargs)
        if changed:
            retire_pages()
        return changed


def retire_pages_on_write(model, shown=None) -> None:
    """Retire cached pages whenever `model` is saved, deleted or its many-to-many links change.

    `shown(instance)` says whether one row is shown to readers at all (say, only approved
    comments); without it every row is. The model's manager must build `RetiringQuerySet`s,
    so that bulk writes retire pages too.
    """
    if not isinstance(model._default_manager.all(), RetiringQuerySet):
        raise ImproperlyConfigured(f"{model.__name__}'s manager must use RetiringQuerySet.")

    def written(sender, instance, **kwargs):
        if shown is None or shown(instance):
            retire_pages()

    def linked(sender, instance, action, **kwargs):
        if action.startswith("post_"):
            retire_pages()

    uid = f"pagecache:{model._meta.label}"
    post_save.connect(written, sender=model, weak=False, dispatch_uid=uid)
    post_delete.connect(written, sender=model, weak=False, dispatch_uid=uid)
    for field in model._meta.local_many_to_many:
        m2m_changed.connect(linked, sender=field.remote_field.through, weak=False, dispatch_uid=uid)


def expire_pages_at(when) -> None:
    """`when()` gives the epoch time at which pages change by themselves (a scheduled story
    going live): no cached page outlives it."""
    _expiry["when"] = when


_expiry = {"when": lambda: float("inf")}


def expire_within(request, seconds) -> None:
    """The page being drawn for `request` changes by itself within `seconds` (a like count a
    minute old, quiet hours starting): no cached copy of it outlives that. The shortest wins."""
    current = getattr(request, "_page_expires_within", None)
    if current is None or seconds < current:
        request._page_expires_within = max(0, seconds)


def _bump():
    shared = caches["shared"]
    try:
        shared.incr(VERSION_KEY)
    except ValueError:
        shared.set(VERSION_KEY, int(time.time() * 1000), timeout=None)
    _memo["version"] = None


def is_personal(request) -> bool:
    return any(request.COOKIES.get(name) for name in settings.PAGE_CACHE_SKIP_COOKIES)


class AnonymousPageCacheMiddleware:
    """Serve and store whole pages for anonymous GET requests (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or is_personal(request):
            return self.get_response(request)
        key = self.key(request)
        cache = caches["default"]
        entry = cache.get(key)
        if entry is not None and entry["expires"] > time.time():
            return self.serve(request, entry)
        response = self.get_response(request)
        if self.cacheable(request, response):
            entry = self.store(response, getattr(request, "_page_expires_within", None))
            cache.set(key, entry, timeout=settings.PAGE_CACHE_SECONDS)
            return self.serve(request, entry)
        return response

    def key(self, request):
        path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
        return f"page:{content_version()}:{request.LANGUAGE_CODE}:{path}"

    def cacheable(self, request, response):
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and getattr(request, "_page_expires_within", 1) > 0
            and not response.streaming
            and not any(word in cache_control for word in ("private", "no-cache", "no-store"))
            and all(name == settings.CSRF_COOKIE_NAME for name in response.cookies)
        )

    def store(self, response, lifetime=None):
        body = TOKEN_FIELD.sub(rf"\g<1>{TOKEN_PLACEHOLDER}\g<2>", response.content.decode())
        pieces = [piece.encode() for piece in body.split(TOKEN_PLACEHOLDER)]
        return {
            "pieces": pieces,
            "gzip_pieces": gzipped.compress_pieces(pieces),
            "headers": {h: response[h] for h in KEPT_HEADERS if h in response},
            "etag": f'"{hashlib.blake2b(b"".join(pieces), digest_size=12).hexdigest()}"',
            "modified": time.time(),
            "expires": min(
                time.time() + min(settings.PAGE_CACHE_SECONDS, lifetime or float("inf")),
                _expiry["when"](),
            ),
        }

    def serve(self, request, entry):
        pieces = entry["pieces"]
        token = get_token(request).encode() if len(pieces) > 1 else b""
        etag = entry["etag"]
        if ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")):
            response = HttpResponse(gzipped.assemble(pieces, entry["gzip_pieces"], token))
            response["Content-Encoding"] = "gzip"
            etag = etag[:-1] + '-gz"'
        else:
            response = HttpResponse(token.join(pieces))
        for name, value in entry["headers"].items():
            response[name] = value
        patch_vary_headers(response, ["Accept-Encoding"])
        response["ETag"] = etag
        response["Last-Modified"] = http_date(entry["modified"])
        patch_cache_control(response, max_age=0, must_revalidate=True)
        return response
