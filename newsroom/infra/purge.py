"""Tell the shared caches in front of the site (Varnish, a CDN) which pages a write retired.

`send(keys)` is called after a transaction commits (`newsroom.infra.retire`), and once more
shortly after (`send_later`), for pages another process drew from its memo meanwhile. A background
thread sends `PURGE /` with the keys in an `xkey` header (space-separated; Varnish's xkey
module, see deploy/varnish/newsroom.vcl) to every URL in CACHE_PURGE_URLS, and calls every
function named in CACHE_PURGE_HOOKS with the same keys, for a CDN's tag-purge API
(Cloudflare's Cache-Tag, Fastly's Surrogate-Key). A failed purge is tried again after
PURGE_RETRY_DELAYS, then logged: until then the page's `s-maxage` bounds how long a shared
cache may show it.
"""

import logging
import queue
import threading
import time
import urllib.error
import urllib.request

from django.conf import settings
from django.utils.module_loading import import_string

log = logging.getLogger(__name__)

PURGE_RETRY_DELAYS = (0.2, 1.0, 5.0)
TIMEOUT_SECONDS = 2.0
MAX_HEADER_KEYS = 200  # keys per request: headers stay well under Varnish's 8 KB limit

_queue: queue.SimpleQueue = queue.SimpleQueue()
_worker = {"thread": None, "lock": threading.Lock(), "pending": 0}


def send(keys) -> None:
    """Purge `keys` from every shared cache, in the background (returns at once)."""
    if not keys or not (settings.CACHE_PURGE_URLS or settings.CACHE_PURGE_HOOKS):
        return
    with _worker["lock"]:
        _worker["pending"] += 1
        if _worker["thread"] is None or not _worker["thread"].is_alive():
            _worker["thread"] = threading.Thread(target=_run, name="cache-purge", daemon=True)
            _worker["thread"].start()
    _queue.put(sorted(keys))


def send_later(keys, seconds) -> None:
    """`send(keys)` again after `seconds`, on a timer thread (counted by `wait`)."""
    if not keys or not (settings.CACHE_PURGE_URLS or settings.CACHE_PURGE_HOOKS):
        return
    with _worker["lock"]:
        _worker["pending"] += 1

    def fire():
        try:
            send(keys)
        finally:
            with _worker["lock"]:
                _worker["pending"] -= 1

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()


def wait(seconds=10.0) -> bool:
    """Block until every purge asked for so far was sent or given up (tests, shutdown)."""
    deadline = time.monotonic() + seconds
    while _worker["pending"] and time.monotonic() < deadline:
        time.sleep(0.01)
    return not _worker["pending"]


def _run():
    while True:
        keys = _queue.get()
        try:
            for start in range(0, len(keys), MAX_HEADER_KEYS):
                _purge_everywhere(keys[start : start + MAX_HEADER_KEYS])
        finally:
            with _worker["lock"]:
                _worker["pending"] -= 1


def _purge_everywhere(keys):
    for url in settings.CACHE_PURGE_URLS:
        _with_retries(lambda url=url: _purge(url, keys), f"PURGE {url}", keys)
    for path in settings.CACHE_PURGE_HOOKS:
        _with_retries(lambda path=path: import_string(path)(keys), path, keys)


def _with_retries(attempt, where, keys):
    for delay in (*PURGE_RETRY_DELAYS, None):
        try:
            attempt()
            return
        except Exception as error:  # a cache down or refusing: try again, then log
            if delay is None:
                log.warning("cache purge failed (%s, keys %s): %s", where, " ".join(keys), error)
                return
            time.sleep(delay)


def _purge(url, keys):
    request = urllib.request.Request(url, method="PURGE", headers={"xkey": " ".join(keys)})
    with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as answer:
        answer.read()
