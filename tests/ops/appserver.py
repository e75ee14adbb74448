"""A real gunicorn serving the app on loopback for the health and metrics tests, on the test
database (the test must use a transactional database so that the server sees its rows)."""

import contextlib
import subprocess
import sys
from pathlib import Path

import httpx

from tests.deploy.tools import ROOT, app_environment, free_port, stop, wait_until


@contextlib.contextmanager
def gunicorn(folder: Path, workers: int = 1, **overrides):
    """Serve the app with `workers` sync workers; yields its base URL."""
    port = free_port()
    log = folder / "gunicorn.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "newsroom.wsgi", "-b", f"127.0.0.1:{port}",
             "-w", str(workers), "--log-level", "warning"],
            cwd=ROOT, env=app_environment(folder, **overrides), stdout=out, stderr=out,
        )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until(
            lambda: httpx.get(f"{base}/healthz").status_code == 200, 30, "gunicorn", process, log
        )
        yield base
    finally:
        stop(process)
