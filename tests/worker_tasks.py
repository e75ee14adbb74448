"""Tasks for the worker's tests: they leave traces in files, which the tests read."""

import time
from pathlib import Path

from django.tasks import task


@task
def write_after(path: str, seconds: float, text: str) -> str:
    """Wait `seconds`, then add a line `text` to the file at `path`."""
    time.sleep(seconds)
    with Path(path).open("a", encoding="utf-8") as out:
        out.write(text + "\n")
    return text


@task
def needs_file(path: str) -> str:
    """Fail until the file at `path` exists."""
    return Path(path).read_text(encoding="utf-8")
