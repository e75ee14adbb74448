"""What the deployment tests share: where the deploy files are, finding Debian's tools (skip
with the reason, or fail under CI=true), free ports, and a reader talking to Varnish."""

import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import httpx
import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
VCL = DEPLOY / "varnish" / "newsroom.vcl"
SITE = DEPLOY / "nginx" / "newsroom.conf"
UNITS = DEPLOY / "systemd"
# varnishd and nginx live in /usr/sbin, which a user's PATH may lack.
SEARCH_PATH = os.pathsep.join([os.environ.get("PATH", ""), "/usr/local/sbin", "/usr/sbin", "/sbin"])


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def unavailable(reason: str) -> None:
    """Skip on a developer's machine; fail under CI, where the tool must be there."""
    if in_ci():
        pytest.fail(f"{reason} (CI=true: these tests must run)", pytrace=False)
    pytest.skip(reason)


def tool(name: str, package: str) -> str:
    """The path of `name`, or skip (fail under CI) naming the Debian package that brings it."""
    found = shutil.which(name, path=SEARCH_PATH)
    if not found:
        unavailable(f"{name} is not installed (Debian: apt-get install {package})")
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def compile_vcl(varnishd: str, vcl: Path, workdir: Path) -> subprocess.CompletedProcess:
    """`varnishd -C`: the VCL compiled to C, or the compiler's complaint."""
    return subprocess.run(
        [varnishd, "-C", "-n", str(workdir), "-f", str(vcl.resolve())],
        capture_output=True,
        text=True,
        timeout=120,
    )


def require_xkey(result: subprocess.CompletedProcess) -> None:
    """A VCL that failed to compile only for want of the xkey module skips (fails under CI)."""
    if result.returncode and "Could not find VMOD xkey" in result.stderr:
        unavailable("Varnish's xkey module is missing (Debian: apt-get install varnish-modules)")


def wait_until(check, seconds: float, what: str, process=None, log: Path | None = None):
    """Call `check()` until it returns something true; fail with `log`'s end after `seconds`
    (or at once when `process` died)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            break
        try:
            if answer := check():
                return answer
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    tail = log.read_text(errors="replace")[-3000:] if log and log.exists() else ""
    raise RuntimeError(f"{what} did not come up\n{tail}")


def stop(process: subprocess.Popen) -> None:
    """Stopped as an operator would (gunicorn saves its line coverage on the way out)."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=20)


def set_cookies(response: httpx.Response) -> set[str]:
    """The names of the cookies a response sets."""
    found = set()
    for header in response.headers.get_list("set-cookie"):
        found.add(header.split("=", 1)[0].strip())
    return found


def hidden_value(page: str, name: str) -> str:
    found = re.search(rf'name="{re.escape(name)}"[^>]*?value="([^"]*)"', page)
    assert found, f"no {name} field on the page"
    return found[1]


# Paths in the site that point into a real server's disk, and where the test puts them.
SITE_PATHS = {
    "/etc/letsencrypt/live/baokontum.vn/fullchain.pem": "cert.pem",
    "/etc/letsencrypt/live/baokontum.vn/privkey.pem": "key.pem",
    "/var/log/nginx/": "logs/",
    "/srv/newsroom/media/": "media/",
    "/var/www/letsencrypt": "acme",
}


def make_certificate(folder: Path) -> None:
    """A throwaway self-signed certificate for baokontum.vn (openssl)."""
    openssl = tool("openssl", "openssl")
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-days", "1", "-subj", "/CN=baokontum.vn",
         "-keyout", str(folder / "key.pem"), "-out", str(folder / "cert.pem")],
        check=True, capture_output=True,
    )  # fmt: skip


def site_for_test(folder: Path, ports: dict | None = None) -> Path:
    """The site with its files in `folder`; with `ports` (http, https, varnish) it listens on
    loopback only, in front of that Varnish."""
    text = SITE.read_text()
    for real, local in SITE_PATHS.items():
        assert real in text, f"{real} is no longer in {SITE.name}: update SITE_PATHS"
        text = text.replace(real, f"{folder / local}{'/' if local.endswith('/') else ''}")
    if ports:
        text = re.sub(r"^\s*listen \[::\]:.*\n", "", text, flags=re.M)
        text = re.sub(r"listen 80\b", f"listen 127.0.0.1:{ports['http']}", text)
        text = re.sub(r"listen 443\b", f"listen 127.0.0.1:{ports['https']}", text)
        assert "server 127.0.0.1:6081;" in text
        text = text.replace("server 127.0.0.1:6081;", f"server 127.0.0.1:{ports['varnish']};")
    site = folder / "newsroom.conf"
    site.write_text(text)
    return site


def nginx_conf(folder: Path, ports: dict | None = None) -> Path:
    """A whole nginx.conf as Debian's is, including the site, every file in `folder`."""
    for sub in ("logs", "media", "acme", "temp"):
        (folder / sub).mkdir(exist_ok=True)
    make_certificate(folder)
    site = site_for_test(folder, ports)
    mime = "include /etc/nginx/mime.types;" if Path("/etc/nginx/mime.types").exists() else ""
    temp = " ".join(
        f"{name}_temp_path {folder / 'temp' / name};"
        for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    # Run by root, nginx's workers would be `nobody`, who cannot enter pytest's folders.
    user = "user root;\n" if ports and os.geteuid() == 0 else ""
    conf = folder / "nginx.conf"
    conf.write_text(
        f"{user}pid {folder / 'nginx.pid'};\n"
        f"error_log {folder / 'logs' / 'error.log'};\n"
        "events { worker_connections 64; }\n"
        f"http {{ {mime} default_type application/octet-stream; {temp}\n"
        f"  access_log {folder / 'logs' / 'access.log'};\n"
        f"  include {site};\n}}\n"
    )
    return conf


# What the test process's environment may hold that would change the app under test.
NOT_INHERITED = (
    "DJANGO", "S3_", "SECURE_", "PAGE_CACHE", "CACHE_PURGE", "COMMENTS_", "EMAIL", "METRICS",
    "PROMETHEUS",
)  # fmt: skip
PRODUCTION_ONLY = ("DEBUG", "HTTPS", "DATABASE_URL", "REDIS_URL", "SECRET_KEY", "ALLOWED_HOSTS")


def database_url() -> str:
    """The test database, for an app server in another process."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def app_environment(folder: Path, **overrides) -> dict:
    """The production settings for an app server on the test database (and the test's Redis),
    its files under `folder`; `overrides` last."""
    inherited = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(NOT_INHERITED) and name not in PRODUCTION_ONLY
    }
    (folder / "static").mkdir(parents=True, exist_ok=True)
    env = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "HTTPS": "0",
        "DATABASE_URL": database_url(),
        "SHARED_CACHE_DIR": str(folder / "shared-cache"),
        "MEDIA_ROOT": str(folder / "media"),
        "STATIC_ROOT": str(folder / "static"),
        "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "WHITENOISE_USE_FINDERS": "1",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "COMMENTS_RATE_LIMIT_ENABLED": "0",
        "COMMENTS_MIN_SECONDS_TO_POST": "0",
        "LOG_LEVEL": "WARNING",
    }
    if settings.REDIS_URL:
        env["REDIS_URL"] = settings.REDIS_URL
    return {**env, **overrides}
