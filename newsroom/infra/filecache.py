"""The shared cache of a single machine: Django's file cache with counters that hold.

Rate limits and the login throttle count in the shared cache with `add()` then `incr()`.
Redis does both atomically and keeps the key's expiry. Django's file cache does neither:
`incr()` is a read and a write that another process can interleave (losing counts), and it
writes the new value with the default timeout, so a 15-second window became 5 minutes.
Here `add()` and `incr()` run under one lock shared by every process using the folder, and
`incr()` keeps the key's expiry. Django's file cache also lists the whole folder on every
`set()` to see whether it is full; here each process looks at most once every CULL_SECONDS.
And when it is full, Django's file cache drops entries at random, live ones too (a rate
limit forgotten, a batch of read counts lost) while expired ones stay. Here each file's
modification time is its expiry, so a full cache first drops what has expired, without
opening a file, and drops live entries at random only when that was not enough.
"""

import fcntl
import os
import pickle
import time
import zlib
from contextlib import contextmanager

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache

CULL_SECONDS = 30
NEVER = 32503680000  # the mtime of entries kept without expiry: the year 3000


class SharedFileCache(FileBasedCache):
    _last_cull = 0.0

    @contextmanager
    def _counter_lock(self):
        self._createdir()
        with open(os.path.join(self._dir, "counters.lock"), "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        with self._counter_lock():
            return super().add(key, value, timeout, version)

    def incr(self, key, delta=1, version=None):
        with self._counter_lock():
            try:
                with open(self._key_to_file(key, version), "rb") as f:
                    expiry = pickle.load(f)
                    value = pickle.loads(zlib.decompress(f.read()))
            except FileNotFoundError:
                expiry, value = 0, None
            now = time.time()
            if value is None or (expiry is not None and expiry <= now):
                raise ValueError(f"Key '{key}' not found")
            value += delta
            self.set(key, value, timeout=None if expiry is None else expiry - now, version=version)
            return value

    def _write_content(self, file, timeout, value):
        super()._write_content(file, timeout, value)
        expiry = self.get_backend_timeout(timeout)
        file.flush()  # the last write sets the mtime: set it after
        os.utime(file.fileno(), times=(NEVER, NEVER) if expiry is None else (expiry, expiry))

    def _cull(self):
        now = time.monotonic()
        if now - self._last_cull < CULL_SECONDS:
            return
        self._last_cull = now
        if len(self._list_cache_files()) < self._max_entries:
            return
        expired = time.time()
        with os.scandir(self._dir) as entries:
            for entry in entries:
                if entry.name.endswith(self.cache_suffix):
                    try:
                        if entry.stat().st_mtime <= expired:
                            os.remove(entry.path)
                    except FileNotFoundError:  # removed by another process meanwhile
                        pass
        super()._cull()  # still full: Django's random cull
