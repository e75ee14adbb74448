"""Python code run in a process of its own with the production settings (newsroom.settings,
DEBUG off), as the site starts under gunicorn: for what only module-level settings decide."""

import os
import subprocess
import sys

from tests.deploy.tools import ROOT


def run_production(code, *, without=(), **env) -> subprocess.CompletedProcess:
    """Run `code` with the production settings and `env`; this process's variables starting
    with any of `without` are left out."""
    environ = {key: value for key, value in os.environ.items() if not key.startswith(without)}
    environ |= {
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "SECRET_KEY": "tests-only-secret-key",
        "ALLOWED_HOSTS": "example.org",
        **env,
    }
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
