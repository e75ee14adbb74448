"""Each worker's own memory cache, bounded by the bytes it holds rather than by its entries.

Django's local-memory cache keeps at most MAX_ENTRIES entries whatever their size: a thousand
entries may be a thousand story cards (a megabyte) or a thousand story pages with their
comments (hundreds of megabytes). Without Redis this cache holds each worker's pages, drawn
threads and cards, so a bound in entries is either too small for the pieces (a site of 2,000
stories kept dropping them: 20 % more CPU per page served) or too large for the pages. Here
the bound is MAX_BYTES of stored (pickled) values: the least recently used entries go first,
as in Django's, until the new one fits; MAX_ENTRIES still holds too.
"""

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache

_sizes: dict[str, dict[str, int]] = {}  # per cache name, as Django's own module-level store
_totals: dict[str, list[int]] = {}


class SizedLocMemCache(LocMemCache):
    def __init__(self, name, params):
        super().__init__(name, params)
        self._max_bytes = int(params.get("OPTIONS", {}).get("MAX_BYTES", 64 * 2**20))
        self._sizes = _sizes.setdefault(name, {})
        self._total = _totals.setdefault(name, [0])

    @property
    def stored_bytes(self) -> int:
        return self._total[0]

    def _set(self, key, value, timeout=DEFAULT_TIMEOUT):
        self._forget(key)
        size = len(value)
        while self._cache and self._total[0] + size > self._max_bytes:
            oldest, _ = self._cache.popitem()  # the least recently used: Django's order
            self._expire_info.pop(oldest, None)
            self._forget(oldest)
        super()._set(key, value, timeout)
        self._sizes[key] = size
        self._total[0] += size

    def incr(self, key, delta=1, version=None):
        value = super().incr(key, delta, version)
        stored = self.make_and_validate_key(key, version=version)
        with self._lock:  # the number is stored again: its size may differ
            if stored in self._cache:
                self._forget(stored)
                self._sizes[stored] = len(self._cache[stored])
                self._total[0] += self._sizes[stored]
        return value

    def _cull(self):
        before = set(self._cache)
        super()._cull()
        for key in before.difference(self._cache):
            self._forget(key)

    def _delete(self, key):
        self._forget(key)
        return super()._delete(key)

    def clear(self):
        with self._lock:
            self._cache.clear()
            self._expire_info.clear()
            self._sizes.clear()
            self._total[0] = 0

    def _forget(self, key):
        self._total[0] -= self._sizes.pop(key, 0)
