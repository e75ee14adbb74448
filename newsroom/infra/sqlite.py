"""One writer at a time on SQLite, handed over at once instead of by busy-timeout polling.

SQLite lets a single transaction write. Waiting writers normally poll with growing sleeps
(up to 100 ms each), which under a burst of comments wastes most of the time. Writers that
go through `serialized_writes()` queue on a file lock instead, so the next one starts the
moment the previous one commits. On other databases it does nothing.
"""

import fcntl
import threading
from contextlib import contextmanager
from pathlib import Path

from django.db import connections

_thread_lock = threading.Lock()
_lock_files = {}


@contextmanager
def serialized_writes(using="default"):
    connection = connections[using]
    if connection.vendor != "sqlite":
        yield
        return
    with _thread_lock:
        handle = _lock_file(connection.settings_dict["NAME"])
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _lock_file(database_name):
    path = f"{database_name}.writelock"
    if path not in _lock_files:
        if str(database_name).startswith(("file:", ":memory:")) or "mode=memory" in path:
            path = str(Path("/tmp") / f"newsroom-{abs(hash(path))}.writelock")
        _lock_files[path] = open(path, "a")  # noqa: SIM115 (held for the process's life)
    return _lock_files[path]
