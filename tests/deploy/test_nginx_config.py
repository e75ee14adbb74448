"""The deploy files are valid for the tools that read them: `nginx -t` on the site, `varnishd
-C` on the VCL, `systemd-analyze verify` on the units, `manage.py check --deploy` on the env
file. nginx and varnishd skip when missing and fail under CI=true; systemd-analyze only skips.
"""

import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.deploy.tools import (
    ROOT,
    SEARCH_PATH,
    UNITS,
    VCL,
    compile_vcl,
    nginx_conf,
    require_xkey,
    tool,
)

ENV_FILE = UNITS / "newsroom.env.example"


def test_nginx_accepts_the_site(tmp_path):
    nginx = tool("nginx", "nginx-light")
    conf = nginx_conf(tmp_path)

    result = subprocess.run(
        [nginx, "-t", "-p", str(tmp_path), "-c", str(conf), "-e", str(tmp_path / "logs" / "e")],
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr and "test is successful" in result.stderr
    assert "[warn]" not in result.stderr, result.stderr


def test_the_vcl_compiles(tmp_path):
    varnishd = tool("varnishd", "varnish varnish-modules")
    result = compile_vcl(varnishd, VCL, tmp_path / "vcc")
    require_xkey(result)
    assert result.returncode == 0, result.stderr


def test_systemd_accepts_the_units(tmp_path):
    analyze = shutil.which("systemd-analyze", path=SEARCH_PATH)
    if not analyze:
        pytest.skip("systemd-analyze is not installed (Debian: systemd)")
    units = sorted(p for p in UNITS.iterdir() if p.suffix in {".service", ".socket", ".timer"})
    for unit in units:
        text = unit.read_text().replace("/srv/newsroom/app", str(ROOT))
        (tmp_path / unit.name).write_text(text.replace("/etc/newsroom/", f"{tmp_path}/"))
    checked = [str(tmp_path / unit.name) for unit in units]
    debian_varnish = Path("/lib/systemd/system/varnish.service")
    if debian_varnish.exists():  # the drop-in, on top of the unit it changes
        shutil.copy(debian_varnish, tmp_path)
        shutil.copytree(UNITS / "varnish.service.d", tmp_path / "varnish.service.d")
        checked.append(str(tmp_path / "varnish.service"))

    result = subprocess.run(
        [analyze, "verify", "--man=no", *checked], capture_output=True, text=True, cwd=tmp_path
    )

    ours = [line for line in result.stderr.splitlines() if str(tmp_path) in line]
    assert result.returncode == 0 and not ours, result.stderr


def test_the_env_file_passes_the_deploy_check(tmp_path):
    """The example environment, with a real key, is what `check --deploy` asks for."""
    production = {}
    for line in ENV_FILE.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, value = line.split("=", 1)
            production[name] = value.strip('"')
    production["SECRET_KEY"] = secrets.token_urlsafe(50)
    for folder in ("MEDIA_ROOT", "STATIC_ROOT", "FILE_UPLOAD_TEMP_DIR", "BACKUP_DIR"):
        production[folder] = str(tmp_path / folder.lower())
        (tmp_path / folder.lower()).mkdir()
    inherited = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO", "SECURE_", "S3_", "MEDIA_", "EMAIL_", "CACHE_"))
        and k not in {"DEBUG", "HTTPS", "DATABASE_URL", "REDIS_URL", "ALLOWED_HOSTS"}
    }
    env = {**inherited, **production, "DJANGO_SETTINGS_MODULE": "newsroom.settings"}

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues (0 silenced)" in result.stdout
    assert production["NUM_TRUSTED_PROXIES"] == "2"  # nginx, then Varnish
    assert production["CACHE_PURGE_URLS"] == "http://127.0.0.1:6081/"
