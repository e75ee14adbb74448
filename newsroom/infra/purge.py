"""Tell the shared caches in front of the site (Varnish, a CDN) which pages a write retired.

`send(keys)` is called after a transaction commits (`newsroom.infra.retire`), and once more
shortly after (`send_later`), for pages another process drew from its memo meanwhile. In the
background, one thread per cache sends `PURGE /` with the keys in an `xkey` header
(space-separated; Varnish's xkey module, see deploy/varnish/newsroom.vcl) to its URL in
CACHE_PURGE_URLS, or calls its function named in CACHE_PURGE_HOOKS with the same keys, for a
CDN's tag-purge API (Cloudflare's Cache-Tag, Fastly's Surrogate-Key). A failed purge is tried
again after PURGE_RETRY_DELAYS, then logged: until then the page's `s-maxage` bounds how long
a shared cache may show it. A cache that is down delays only its own purges; keys that wait
meanwhile go out together in its next one.
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

_state = {"lock": threading.Lock(), "pending": 0}
_targets: dict[str, "_Target"] = {}


class _Target:
    """One Varnish or one CDN hook, with its own queue and thread: a cache that is down delays
    only its own purges. Keys waiting while it retries are merged into its next purge."""

    def __init__(self, name, purge):
        self.name, self.purge = name, purge
        self.queue: queue.SimpleQueue = queue.SimpleQueue()
        self.thread = threading.Thread(target=self.run, name=f"cache-purge {name}", daemon=True)
        self.thread.start()

    def run(self):
        while True:
            batches = [self.queue.get()]
            while not self.queue.empty():
                batches.append(self.queue.get())
            try:
                keys = sorted(set().union(*batches))
                for start in range(0, len(keys), MAX_HEADER_KEYS):
                    self.send(keys[start : start + MAX_HEADER_KEYS])
            finally:
                _done(len(batches))

    def send(self, keys):
        for delay in (*PURGE_RETRY_DELAYS, None):
            try:
                self.purge(keys)
                return
            except Exception as error:  # a cache down or refusing: try again, then log
                if delay is None:
                    log.warning(
                        "cache purge failed (%s, keys %s): %s", self.name, " ".join(keys), error
                    )
                    return
                time.sleep(delay)


def _targets_now() -> list:
    """Every cache to purge now, each with a live thread (a forked worker starts its own)."""
    wanted = {
        f"PURGE {url}": (lambda keys, u=url: _purge(u, keys)) for url in settings.CACHE_PURGE_URLS
    }
    for path in settings.CACHE_PURGE_HOOKS:
        wanted[path] = lambda keys, p=path: import_string(p)(keys)
    with _state["lock"]:
        for name, purge in wanted.items():
            if name not in _targets or not _targets[name].thread.is_alive():
                _targets[name] = _Target(name, purge)
        return [_targets[name] for name in wanted]


def _done(count):
    with _state["lock"]:
        _state["pending"] -= count


def send(keys) -> None:
    """Purge `keys` from every shared cache, in the background (returns at once)."""
    if not keys:
        return
    targets = _targets_now()
    with _state["lock"]:
        _state["pending"] += len(targets)
    for target in targets:
        target.queue.put(frozenset(keys))


def send_later(keys, seconds) -> None:
    """`send(keys)` again after `seconds`, on a timer thread (counted by `wait`)."""
    if not keys or not (settings.CACHE_PURGE_URLS or settings.CACHE_PURGE_HOOKS):
        return
    with _state["lock"]:
        _state["pending"] += 1

    def fire():
        try:
            send(keys)
        finally:
            _done(1)

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()


def wait(seconds=10.0) -> bool:
    """Block until every purge asked for so far was sent or given up (tests, shutdown)."""
    deadline = time.monotonic() + seconds
    while _state["pending"] and time.monotonic() < deadline:
        time.sleep(0.01)
    return not _state["pending"]


def _purge(url, keys):
    request = urllib.request.Request(url, method="PURGE", headers={"xkey": " ".join(keys)})
    with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as answer:
        answer.read()
