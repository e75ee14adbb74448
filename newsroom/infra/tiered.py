"""What one worker draws, every worker uses: drawn pieces kept near and, without Redis, far.

The default cache holds drawn pages and pieces (a story's thread, its top-level comments, the
page around its comments, story cards). With REDIS_URL it is Redis, shared by every worker and
app server. Without it, it is each worker's own memory: a piece drawn by one worker would be
drawn again by each of the others (five sync workers draw a story's 200 comments five times),
and a worker's memory holds only its most recent entries. So there a file cache that every
worker on the machine reads ("drawn", a folder apart from the counters of "shared") is a second
level: `find()` looks in the worker's memory, then there (copying what it finds near); `keep()`
writes both."""

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache


def stores() -> tuple:
    """The caches holding drawn pages and pieces, nearest first."""
    default = caches["default"]
    return (default, caches["drawn"]) if isinstance(default, LocMemCache) else (default,)


def find(key, usable=lambda entry: True):
    """The entry under `key` for which `usable(entry)` holds: this worker's own, else one
    another worker stored (kept here from now on); None when there is none."""
    nearest, *farther = stores()
    entry = nearest.get(key)
    if entry is not None and usable(entry):
        return entry
    for store in farther:
        found = store.get(key)
        if found is not None and usable(found):
            nearest.set(key, found, timeout=settings.PAGE_CACHE_SECONDS)
            return found
    return None


def find_many(keys) -> dict:
    """{key: entry} for those of `keys` any store holds, as `find()` looks for one."""
    nearest, *farther = stores()
    found = nearest.get_many(keys)
    for store in farther:
        missing = [key for key in keys if key not in found]
        if not missing:
            break
        fetched = store.get_many(missing)
        if fetched:
            nearest.set_many(fetched, timeout=settings.PAGE_CACHE_SECONDS)
            found |= fetched
    return found


def keep(key, entry, timeout) -> None:
    for store in stores():
        store.set(key, entry, timeout=timeout)


def keep_many(entries, timeout) -> None:
    for store in stores():
        store.set_many(entries, timeout=timeout)
