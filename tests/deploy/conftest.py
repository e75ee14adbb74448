"""The deployment on loopback: gunicorn serving the app, varnishd in front of it running
deploy/varnish/newsroom.vcl (its backend port pointed at that gunicorn), on the test database.

`stack` starts both once per module. The app runs with production settings (DEBUG off) and
sends its purges to this Varnish (CACHE_PURGE_URLS). `site` makes the test process write as
another app server would: its purges go to the same Varnish and it shares the app's shared
cache (Redis when REDIS_URL is set, else the same folder of files), so a story a test saves
retires the app's own copies as well as Varnish's. Without varnishd or its xkey module the
tests skip with the reason; under CI=true they fail.
"""

import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from newsroom.infra import purge
from tests.deploy.tools import (
    ROOT,
    VCL,
    compile_vcl,
    free_port,
    require_xkey,
    stop,
    tool,
    wait_until,
)
from tests.deploy.tools import (
    app_environment as shared_environment,
)


@dataclass
class Stack:
    app: str  # gunicorn, straight
    varnish: str  # Varnish in front of it
    shared_cache: Path  # the app's shared file cache (without REDIS_URL)

    @staticmethod
    def settled() -> None:
        """Every purge this process's writes asked for has gone out, and the app's processes
        have re-read page versions (they do twice a second; a page drawn before that is kept by
        nobody): a test writes, waits for this, then reads as a reader arriving a moment later."""
        assert purge.wait(), "purges still waiting after 10 s"
        time.sleep(0.6)

    def reader(self, **headers) -> httpx.Client:
        """A browser of its own (cookies kept), talking to Varnish."""
        return httpx.Client(base_url=self.varnish, headers=headers, timeout=10)


def app_environment(folder: Path, varnish_port: int) -> dict:
    return shared_environment(
        folder,
        ALLOWED_HOSTS="127.0.0.1,localhost,baokontum.vn",
        CACHE_PURGE_URLS=f"http://127.0.0.1:{varnish_port}/",
    )


def vcl_for_backend(port: int) -> str:
    """The repository's VCL with its backend on `port` (the one change the tests make)."""
    text, changed = re.subn(r'(\.port\s*=\s*)"\d+"', rf'\g<1>"{port}"', VCL.read_text())
    assert changed == 1, "newsroom.vcl should name one backend port"
    return text


@pytest.fixture(scope="module")
def stack(django_db_setup, tmp_path_factory):
    varnishd = tool("varnishd", "varnish varnish-modules")
    folder = tmp_path_factory.mktemp("deploy-stack")
    app_port, varnish_port = free_port(), free_port()
    vcl = folder / "newsroom.vcl"
    vcl.write_text(vcl_for_backend(app_port))
    require_xkey(compile_vcl(varnishd, vcl, folder / "vcc"))

    app_log, varnish_log = folder / "gunicorn.log", folder / "varnishd.log"
    with app_log.open("w") as out:
        app = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "newsroom.wsgi", "-b", f"127.0.0.1:{app_port}",
             "-w", "2", "--log-level", "warning"],
            cwd=ROOT, env=app_environment(folder, varnish_port), stdout=out, stderr=out,
        )  # fmt: skip
    processes = [app]
    try:
        base = f"http://127.0.0.1:{app_port}"
        wait_until(
            lambda: httpx.get(f"{base}/robots.txt").status_code == 200, 30, "gunicorn",
            app, app_log,
        )  # fmt: skip
        with varnish_log.open("w") as out:
            varnish = subprocess.Popen(
                [varnishd, "-F", "-j", "none", "-n", str(folder / "varnish"),
                 "-a", f"127.0.0.1:{varnish_port}", "-T", "none", "-f", str(vcl),
                 "-s", "malloc,64m", "-p", "vsl_space=8M"],
                stdout=out, stderr=out,
            )  # fmt: skip
        processes.append(varnish)
        front = f"http://127.0.0.1:{varnish_port}"
        wait_until(
            lambda: httpx.get(f"{front}/robots.txt").status_code == 200, 30, "varnishd",
            varnish, varnish_log,
        )  # fmt: skip
        yield Stack(app=base, varnish=front, shared_cache=folder / "shared-cache")
    finally:
        for process in reversed(processes):
            stop(process)


@pytest.fixture
def site(stack, settings):
    """`stack`, with this test process writing as one more app server (see the docstring)."""
    settings.CACHE_PURGE_URLS = [f"{stack.varnish}/"]
    if not settings.REDIS_URL:

        def folder(path):
            return {"BACKEND": "newsroom.infra.filecache.SharedFileCache", "LOCATION": str(path)}

        settings.CACHES = {
            **settings.CACHES,
            "shared": folder(stack.shared_cache),
            "drawn": folder(stack.shared_cache / "drawn"),  # the versions of the pages too
        }
    return stack
