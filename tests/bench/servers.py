"""The bench's servers: gunicorn instances, Varnish and nginx on loopback, and their CPU.

`Gunicorn` starts `gunicorn` with the bench's environment on a port of its own (the hot app,
the app with its page cache off, the bare Django app); `Varnish` starts `varnishd -F` with
deploy/varnish/newsroom.vcl, its backend pointed at a gunicorn; `Nginx` starts a plain nginx
passing everything to a gunicorn, reading each request whole first, as nginx does before
gunicorn in production. All are context managers and stop what they started.
`cpu_seconds()` is user + system time of a process and all its descendants still alive
(gunicorn's master and workers, varnishd's manager and child); `LoadGenerator` the CPU the
bench's own clients (wrk, the writers' threads) took beside them.
"""

import contextlib
import json
import os
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
VCL = ROOT / "deploy" / "varnish" / "newsroom.vcl"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _stat(pid) -> list[str]:
    text = Path(f"/proc/{pid}/stat").read_text()
    return text[text.rindex(")") + 2 :].split()  # field 3 (state) first


def _tree(pid) -> list[int]:
    """`pid` and its descendants."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError):
            parents[int(stat.parent.name)] = int(_stat(stat.parent.name)[1])
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo += [child for child, parent in parents.items() if parent == current]
    return found


def cpu_seconds(pid) -> float:
    """User + system CPU seconds of `pid` and its living descendants."""
    total = 0
    for member in _tree(pid):
        with contextlib.suppress(OSError):
            fields = _stat(member)
            total += int(fields[11]) + int(fields[12])
    return total / CLOCK_TICKS


def _wait_until_answers(url, process, what):
    for _ in range(150):
        if process.poll() is not None:
            sys.exit(f"{what} stopped at start (exit {process.returncode})")
        try:
            urllib.request.urlopen(url, timeout=1).read()
            return
        except OSError:
            time.sleep(0.2)
    process.kill()
    sys.exit(f"{what} did not start")


class _Server:
    """A process the bench started (`self.process`), stopped on leaving a `with` block."""

    process = None
    stop_signal = signal.SIGTERM

    @property
    def pid(self) -> int:
        return self.process.pid

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(self.stop_signal)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def cpu_seconds(self) -> float:
        return cpu_seconds(self.pid)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


class Gunicorn(_Server):
    """`gunicorn <wsgi> -w <workers>` on 127.0.0.1:<port>, with `env` (and `extra` on top)."""

    def __init__(self, env, port, workers, *, wsgi="newsroom.wsgi", probe="/", extra=None):
        self.env = {**env, **(extra or {})}
        self.port, self.workers, self.wsgi, self.probe = port, workers, wsgi, probe
        self.base = f"http://127.0.0.1:{port}"

    def start(self):
        self.process = subprocess.Popen(
            [GUNICORN, self.wsgi, "-b", f"127.0.0.1:{self.port}", "-w", str(self.workers),
             "--log-level", "warning"],
            cwd=ROOT, env=self.env,
        )  # fmt: skip
        _wait_until_answers(self.base + self.probe, self.process, f"gunicorn {self.wsgi}")
        return self


def varnish_missing() -> str | None:
    """Why Varnish cannot be measured here, or None."""
    if not shutil.which("varnishd"):
        return "varnishd is not installed (apt-get install varnish varnish-modules)"
    if not VCL.exists():
        return f"{VCL.relative_to(ROOT)} does not exist"
    return None


def vcl_for_backend(text: str, host: str, port: int) -> str:
    """The VCL with its backends' `.host` and `.port` pointed at the given gunicorn."""
    text = re.sub(r'(\.host\s*=\s*)"[^"]*"', rf'\g<1>"{host}"', text)
    return re.sub(r'(\.port\s*=\s*)"?\d+"?', rf'\g<1>"{port}"', text)


class _Front(_Server):
    """A server on 127.0.0.1:<port> before the app on <backend_port>, its configuration and
    logs in `folder` (emptied as it starts)."""

    def __init__(self, backend_port, port, folder):
        self.backend_port, self.port = backend_port, port
        self.folder = Path(folder)
        self.base = f"http://127.0.0.1:{port}"

    def _empty_folder(self):
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)


class Varnish(_Front):
    """`varnishd -F` on 127.0.0.1:<port> with a copy of the site's VCL whose backend is
    127.0.0.1:<backend_port>; `folder` holds the copy and varnishd's working directory."""

    def __init__(self, backend_port, port, folder, *, storage="malloc,256m"):
        super().__init__(backend_port, port, folder)
        self.storage = storage

    def start(self):
        self._empty_folder()
        vcl = self.folder / "newsroom.vcl"
        vcl.write_text(vcl_for_backend(VCL.read_text(), "127.0.0.1", self.backend_port))
        self.log = (self.folder / "varnishd.log").open("w")
        self.process = subprocess.Popen(
            ["varnishd", "-F", "-n", str(self.folder / "work"), "-a", f"127.0.0.1:{self.port}",
             "-f", str(vcl), "-s", self.storage, "-T", "none"],
            stdout=self.log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            _wait_until_answers(self.base + "/", self.process, "varnishd")
        except SystemExit:
            self.log.close()
            print((self.folder / "varnishd.log").read_text()[-3000:], file=sys.stderr)
            raise
        return self

    def stop(self):
        super().stop()
        if self.process:
            self.log.close()

    def counters(self) -> dict[str, int]:
        """varnishstat's MAIN counters (cache_hit, cache_miss, s_pass, client_req...)."""
        out = subprocess.run(
            ["varnishstat", "-n", str(self.folder / "work"), "-1", "-j", "-f", "MAIN.*"],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        data = json.loads(out)
        data = data.get("counters", data)
        return {
            name.removeprefix("MAIN."): value["value"]
            for name, value in data.items()
            if isinstance(value, dict) and "value" in value
        }


def nginx_missing() -> str | None:
    """Why nginx cannot be started here, or None."""
    if not shutil.which("nginx"):
        return "nginx is not installed (apt-get install nginx-light)"
    return None


NGINX_CONF = """daemon off;
worker_processes 2;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://127.0.0.1:{backend_port};
            proxy_set_header Host $http_host;
        }}
    }}
}}
"""


class Nginx(_Front):
    """nginx on 127.0.0.1:<port> before the gunicorn on <backend_port>: it reads a request
    whole before handing it on, so a reader who connects and waits holds no sync worker."""

    stop_signal = signal.SIGQUIT  # graceful: the workers finish, then exit

    def start(self):
        self._empty_folder()
        conf = self.folder / "nginx.conf"
        conf.write_text(
            NGINX_CONF.format(folder=self.folder, port=self.port, backend_port=self.backend_port)
        )
        self.process = subprocess.Popen(
            ["nginx", "-p", str(self.folder), "-c", str(conf), "-e", str(self.folder / "error.log")]
        )
        _wait_until_answers(self.base + "/", self.process, "nginx")
        return self


def wait_idle(*pids, seconds=30.0) -> None:
    """Until the servers spend (almost) no CPU: the requests of a run before have finished."""
    deadline = time.monotonic() + seconds
    spent = sum(cpu_seconds(pid) for pid in pids)
    while time.monotonic() < deadline:
        time.sleep(0.3)
        now = sum(cpu_seconds(pid) for pid in pids)
        if now - spent < 0.03:
            return
        spent = now


class CpuMeter:
    """CPU milliseconds per request spent by some servers (their pids) over one measured run."""

    def __init__(self, *pids):
        self.pids = pids

    def __enter__(self):
        self.before = sum(cpu_seconds(pid) for pid in self.pids)
        return self

    def __exit__(self, *exc):
        self.seconds = sum(cpu_seconds(pid) for pid in self.pids) - self.before

    def ms_per_request(self, requests) -> float | None:
        return round(self.seconds * 1000 / requests, 3) if requests else None


class LoadGenerator:
    """The CPU the bench's own clients took meanwhile, in cores: wrk (a child that has ended)
    and the writers (this process's threads). The same machine's cores serve the site."""

    def __enter__(self):
        self.at = time.monotonic()
        self.writers, self.wrk = time.process_time(), self._children()
        return self

    def __exit__(self, *exc):
        seconds = time.monotonic() - self.at
        self.cores = {
            "wrk": round((self._children() - self.wrk) / seconds, 3),
            "writers": round((time.process_time() - self.writers) / seconds, 3),
        }

    @staticmethod
    def _children() -> float:
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        return usage.ru_utime + usage.ru_stime
