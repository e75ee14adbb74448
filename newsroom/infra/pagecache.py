"""Whole pages for anonymous readers: kept by the app and by any shared cache in front of it.

An anonymous page is the same bytes for every reader (no per-reader token, nothing personal:
a reader's own parts come from their browser or a personal request under `/cua-ban/`), so
this middleware keeps it in the default cache and sends it with headers a shared cache
understands: `Cache-Control: public, max-age=0, s-maxage=…, stale-while-revalidate=…`, and
the page's keys (`tag()`) in `xkey` (Varnish), `Surrogate-Key` (Fastly) and `Cache-Tag`
(Cloudflare). A write retires exactly the pages whose keys it names (`newsroom.infra.retire`).

A page lives at most PAGE_CACHE_SECONDS (the bound on a purge that failed), less when the view
says it changes by itself sooner (`expire_within()`: like counts, quiet hours), and never past
the next scheduled story (`expire_pages_at()`), without a stale grace then, so that it
appears on time. Requests with a session or pending messages are personal and pass.

A page out of date for at most PAGE_CACHE_REDRAW_SECONDS (a comment approved on it, its time
up) is drawn again by one worker at a time (`claim_redraw()`, in the cache they share); the
others answer meanwhile with the last copy, marked `X-Page-Cache: stale` and `no-cache`, so a
popular story approved on is not drawn by every worker at once. Half a second, since workers
read versions at most half a second late: a reader still sees a change within a second.

Where pages are kept: `newsroom.infra.tiered`, the default cache (Redis on the scale path,
shared by every app server), and without Redis each worker's own memory with the shared file
cache behind it: a page drawn by one worker is served by all, and a worker copies it into its
memory on first use, or when its own copy is out of date and another worker drew it again.
"""

import gzip
import hashlib
import re
import time
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse, QueryDict
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date

from newsroom.infra import gzipped, metrics, retire, tiered

KEPT_HEADERS = ("Content-Type", "Content-Language", "Vary", "X-Robots-Tag")
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
# Links shared on Facebook, Zalo or in a newsletter carry these: the page is the same. (The
# VCL, deploy/varnish/newsroom.vcl, strips the same list from Varnish's keys.)
TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|zarsrc|mc_cid|mc_eid|_ga|yclid|msclkid)$", re.I)

REDRAW_PREFIX = "pagecache:redraw:"

_expiry = {"when": lambda: float("inf")}


def tag(request, *keys) -> None:
    """Say what the page drawn for `request` shows: a write retiring one of `keys` retires it."""
    request._page_keys = getattr(request, "_page_keys", set()) | set(keys)


def expire_pages_at(when) -> None:
    """`when()` gives the epoch time at which pages change by themselves (a scheduled story
    going live): no cached page outlives it."""
    _expiry["when"] = when


def pages_change_at() -> float:
    """When pages next change by themselves (`expire_pages_at()`; infinity: never)."""
    return _expiry["when"]()


def expire_within(request, seconds) -> None:
    """The page being drawn for `request` changes by itself within `seconds` (a like count a
    minute old, quiet hours starting): no cached copy of it outlives that. The shortest wins."""
    current = getattr(request, "_page_expires_within", None)
    if current is None or seconds < current:
        request._page_expires_within = max(0, seconds)


def _lookup(key) -> tuple[dict | None, dict]:
    """The kept page under `key` and its keys' versions now ({} when none is kept): this
    worker's copy while it is fresh, else a fresh one another worker drew (copied here: a
    page retired and drawn again is not drawn again by each worker), else this worker's
    out-of-date copy, or the shared one when this worker has none."""
    nearest, *farther = tiered.stores()
    entry = nearest.get(key)
    versions = retire.versions(entry["keys"]) if entry is not None else {}
    if entry is not None and _fresh(entry, versions):
        return entry, versions
    for store in farther:
        found = store.get(key)
        if found is None:
            continue
        found_versions = retire.versions(found["keys"])
        if entry is None or _fresh(found, found_versions):
            nearest.set(key, found, timeout=settings.PAGE_CACHE_SECONDS)
            return found, found_versions
    return entry, versions


def _fresh(entry, versions) -> bool:
    return entry["expires"] > time.time() and versions == entry["keys"]


def lately_out_of_date(entry, versions) -> bool:
    """Whether the kept page `entry` went out of date (a key retired, or its time up) within
    the last PAGE_CACHE_REDRAW_SECONDS: readers may get it while one worker draws it again."""
    now = time.time()
    if now - entry["expires"] > settings.PAGE_CACHE_REDRAW_SECONDS:  # its time long up
        return False
    retired = [at for key, at in versions.items() if at != entry["keys"][key]]
    if any(at <= 0 for at in retired):  # a key forgotten by the cache and started again
        return False
    since = max(retired) / 1_000_000 if retired else entry["expires"]
    return now - since <= settings.PAGE_CACHE_REDRAW_SECONDS


def claim_redraw(key) -> bool:
    """Claim the drawing of the page under `key` for this worker, in the cache every worker
    shares; False when another worker holds the claim (it lapses after
    PAGE_CACHE_REDRAW_SECONDS, should that worker die)."""
    timeout = max(1, round(settings.PAGE_CACHE_REDRAW_SECONDS))
    return caches["shared"].add(REDRAW_PREFIX + key, 1, timeout=timeout)


def is_personal(request) -> bool:
    return any(request.COOKIES.get(name) for name in settings.PAGE_CACHE_SKIP_COOKIES)


def strip_tracking(request) -> None:
    """Drop tracking parameters from `request` before any view sees it: the page is the same
    without them, and a shared page must never show one reader's click or subscriber id (in
    the language form's `next`, a pagination link) to the next."""
    query = request.META.get("QUERY_STRING", "")
    if not query:
        return
    pairs = parse_qsl(query, keep_blank_values=True)
    kept = [(name, value) for name, value in pairs if not TRACKING.match(name)]
    if len(kept) < len(pairs):
        request.META["QUERY_STRING"] = urlencode(kept)
        request.GET = QueryDict(request.META["QUERY_STRING"])


def cache_key(request) -> str:
    """The page's key: its path and query (tracking parameters stripped), and its language."""
    query = request.META.get("QUERY_STRING", "")
    address = f"{request.path}?{query}" if query else request.path
    digest = hashlib.sha256(address.encode()).hexdigest()[:32]
    return f"page:{request.LANGUAGE_CODE}:{digest}"


class AnonymousPageCacheMiddleware:
    """Serve and store whole pages for anonymous GET requests (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        strip_tracking(request)
        if is_personal(request):
            return self.get_response(request)
        key = cache_key(request) if settings.PAGE_CACHE_ENABLED else None
        entry, versions = _lookup(key) if key else (None, {})
        claimed = False
        if entry is not None:
            if _fresh(entry, versions):
                return self.serve(request, entry, "hit")
            if lately_out_of_date(entry, versions):
                claimed = claim_redraw(key)
                if not claimed:  # another worker draws it now: this reader gets the last copy
                    return self.serve(request, entry, "stale")
        try:
            return self.draw(request, key)
        finally:
            if claimed:
                caches["shared"].delete(REDRAW_PREFIX + key)

    def draw(self, request, key):
        # Pieces of the page (a kept thread, the menu) are checked against the versions of
        # when the drawing began, not this worker's memo (`retire.drawing()`).
        with retire.drawing() as began:
            response = self.get_response(request)
            if not self.cacheable(request, response):
                return response
            entry = self.store(request, response, began)
        if entry["keys"] is None:
            # Retired while it was drawn: it may show the old rows. Nobody keeps it.
            response["Cache-Control"] = "no-cache"
            return response
        if key:
            tiered.keep(key, entry, settings.PAGE_CACHE_SECONDS)
        return self.serve(request, entry, "miss")

    def cacheable(self, request, response):
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and getattr(request, "_page_expires_within", 1) > 0
            and not response.streaming
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # a token for this reader
            and not any(word in cache_control for word in ("private", "no-cache", "no-store"))
        )

    def store(self, request, response, began):
        keys = getattr(request, "_page_keys", set()) | {retire.EVERYTHING}
        now = time.time()
        lifetime = min(settings.PAGE_CACHE_SECONDS, getattr(request, "_page_expires_within", 1e9))
        scheduled = pages_change_at()
        body = response.content
        return {  # gzipped only, as browsers and Varnish take it: a fifth of the memory
            "gzip": gzipped.compress(body),
            "headers": {h: response[h] for h in KEPT_HEADERS if h in response},
            "etag": f'"{hashlib.blake2b(body, digest_size=12).hexdigest()}"',
            "modified": now,
            "expires": min(now + lifetime, scheduled),
            # A stale copy may be shown while a fresh one is drawn, unless a story goes live.
            "stale": 0 if scheduled < now + lifetime else settings.PAGE_CACHE_STALE_SECONDS,
            "keys": retire.versions_for_keeping(keys, began),
        }

    def serve(self, request, entry, outcome):
        etag = entry["etag"]
        if ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")):
            response = HttpResponse(entry["gzip"])
            response["Content-Encoding"] = "gzip"
            etag = etag[:-1] + '-gz"'
        else:
            response = HttpResponse(gzip.decompress(entry["gzip"]))
        for name, value in entry["headers"].items():
            response[name] = value
        patch_vary_headers(response, ["Accept-Encoding"])
        response["ETag"] = etag
        response["Last-Modified"] = http_date(entry["modified"])
        remaining = max(0, int(entry["expires"] - time.time()))
        control = f"public, max-age=0, s-maxage={remaining}"
        if entry["stale"] and remaining:
            control += f", stale-while-revalidate={entry['stale']}"
        response["Cache-Control"] = "no-cache" if outcome == "stale" else control
        keys = sorted(entry["keys"])
        response["xkey"] = response["Surrogate-Key"] = " ".join(keys)
        response["Cache-Tag"] = ",".join(keys)
        response["X-Page-Cache"] = outcome
        metrics.PAGE_CACHE.labels(outcome).inc()
        return response
