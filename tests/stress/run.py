"""`make stress`: the production stack under load, and a worker killed mid-run. Nothing is lost.

Starts gunicorn (STRESS_WORKERS workers x 4 threads, DEBUG off, a generated SECRET_KEY,
ALLOWED_HOSTS=127.0.0.1, HTTPS off, comment rate limits lifted) on loopback against a fresh
SQLite database in a temporary folder, or against DATABASE_URL when set (PostgreSQL: the run
adds its own stories and counts only its own comments). Then:

- STRESS_CLIENTS commenters (50) post STRESS_POSTS comments (2,000) in total, each through
  the real form: GET the story (CSRF token, signed render time), then POST; every comment
  carries a unique marker. A post whose connection dies is retried once with the same data.
- STRESS_READERS anonymous readers (10) read stories, sections and the home page meanwhile.
- Halfway through, one gunicorn worker is killed with SIGKILL.

It reports latencies (p50/p99) and checks, failing with exit code 1 otherwise: every post
that got a success answer is stored exactly once, no comment is stored twice, zero 500s,
zero "database is locked", and (SQLite) PRAGMA integrity_check is "ok".
Not part of `make test`. Loopback only; every loop is bounded in count and in time.
"""

import asyncio
import json
import os
import re
import secrets
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
BIN = ROOT / ".venv" / "bin"
CLIENTS = int(os.environ.get("STRESS_CLIENTS", "50"))
POSTS = int(os.environ.get("STRESS_POSTS", "2000"))
READERS = int(os.environ.get("STRESS_READERS", "10"))
WORKERS = int(os.environ.get("STRESS_WORKERS", "4"))
TIME_LIMIT = int(os.environ.get("STRESS_TIME_LIMIT", "900"))  # seconds, for the whole load
STORIES = 10
RUN = secrets.token_hex(4)
RENDERED = re.compile(r'name="rendered" value="([^"]+)"')
SEED = """
from datetime import timedelta
from django.utils import timezone
from articles.models import Article, Section
section, _ = Section.objects.get_or_create(slug="thu-tai", defaults={{"name": "Thử tải"}})
for i in range({stories}):
    Article.objects.create(
        title=f"Bài thử tải {run} số {{i}}", slug=f"thu-tai-{run}-{{i}}", section=section,
        body="<p>Nội dung bài thử tải.</p>", status="published",
        publish_at=timezone.now() - timedelta(hours=1),
    )
"""
STORED = """
import json
from comments.models import Comment
bodies = Comment.objects.filter(body__contains="[stress-{run}-").values_list("body", flat=True)
print(json.dumps(list(bodies)))
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def environment(work):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "HTTPS": "0",
        "COMMENTS_RATE_LIMIT_ENABLED": "0",
        "COMMENTS_MIN_SECONDS_TO_POST": "0",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "STATIC_ROOT": str(work / "static"),
        "MEDIA_ROOT": str(work / "media"),
        "SHARED_CACHE_DIR": str(work / "cache"),
        "LOG_LEVEL": "ERROR",
    }
    env.setdefault("DATABASE_URL", f"sqlite:///{work / 'stress.sqlite3'}")
    return env


def manage(env, *args):
    result = subprocess.run(
        [BIN / "python", "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode:
        sys.exit(f"manage.py {' '.join(args[:1])} failed:\n{result.stderr}")
    return result.stdout


def start_gunicorn(env, port, log):
    command = [
        BIN / "gunicorn", "newsroom.wsgi", "--bind", f"127.0.0.1:{port}",
        "--workers", str(WORKERS), "--worker-class", "gthread", "--threads", "4",
        "--timeout", "60", "--graceful-timeout", "10",
    ]  # fmt: skip
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
    for _ in range(150):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/robots.txt", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.kill()
    sys.exit("gunicorn did not start; see its log")


def workers_of(server):
    out = subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True, text=True)
    return [int(pid) for pid in out.stdout.split()]


class Load:
    """Shared state of one run: the next post number, answers and latencies."""

    def __init__(self, base, slugs):
        self.base, self.slugs = base, slugs
        self.next_post = 0
        self.acked = []  # markers answered with a success (302), or a duplicate refusal
        self.statuses = Counter()
        self.latency = {"post": [], "commenter read": [], "reader read": []}
        self.events = Counter()  # lost connections, retries, unexpected answers
        self.retried = 0
        self.done = False

    def take(self):
        if self.next_post >= POSTS:
            return None
        self.next_post += 1
        return self.next_post - 1

    async def timed(self, kind, request):
        start = time.perf_counter()
        response = await request
        self.latency[kind].append((time.perf_counter() - start) * 1000)
        self.statuses[response.status_code] += 1
        return response


async def commenter(load, n_client):
    async with httpx.AsyncClient(base_url=load.base, timeout=60) as client:
        while (n := load.take()) is not None:
            slug = load.slugs[n % len(load.slugs)]
            page = await read_form(load, client, slug)
            if page is None:
                continue
            marker = f"[stress-{RUN}-{n:05d}]"
            data = {
                "rendered": RENDERED.search(page.text)[1],
                "name": f"Bạn đọc {n_client}",
                "email": f"ban.doc.{n}@example.com",
                "body": f"Bình luận thử tải số {n} {marker}: giá cà phê Đăk Hà năm nay ổn định.",
                "website": "",
                "parent": "",
            }
            await post(load, client, slug, data, marker)


async def read_form(load, client, slug):
    for _attempt in range(3):  # a read lost with the killed worker is simply read again
        try:
            return await load.timed("commenter read", client.get(f"/bai-viet/{slug}/"))
        except httpx.TransportError:
            load.events["commenter read: connection lost, read again"] += 1
    load.events["commenter read: lost three times, post skipped"] += 1
    return None


async def post(load, client, slug, data, marker):
    url = f"/bai-viet/{slug}/binh-luan/"
    for attempt in (1, 2):
        try:
            response = await load.timed("post", client.post(url, data=data))
        except httpx.TransportError:  # the worker died under this request: retry once
            load.retried += attempt == 1
            continue
        if response.status_code == 302 and "#binh-luan-" in response.headers["location"]:
            load.acked.append(marker)
        elif response.status_code == 400 and "đã gửi bình luận này" in response.text:
            load.acked.append(marker)  # the first try was stored; the retry was refused
            load.events["retry refused as a duplicate (first try was stored)"] += 1
        else:
            load.events[f"post answered {response.status_code}"] += 1
        return
    load.events["post: connection lost twice"] += 1


async def reader(load, n_reader):
    paths = [f"/bai-viet/{s}/" for s in load.slugs] + ["/", "/chuyen-muc/thu-tai/"]
    async with httpx.AsyncClient(base_url=load.base, timeout=60) as client:
        i = n_reader
        while not load.done:
            client.cookies.clear()  # an anonymous reader, each time
            try:
                await load.timed("reader read", client.get(paths[i % len(paths)]))
            except httpx.TransportError:
                load.events["reader read: connection lost"] += 1
            i += 1


async def killer(load, server, report):
    while len(load.acked) < POSTS // 2 and not load.done:
        await asyncio.sleep(0.05)
    victim = workers_of(server)[0]
    os.kill(victim, signal.SIGKILL)
    report["killed_worker"] = {"pid": victim, "after_acked_posts": len(load.acked)}
    for _ in range(100):
        await asyncio.sleep(0.1)
        alive = workers_of(server)
        if victim not in alive and len(alive) == WORKERS:
            report["killed_worker"]["replaced_after_s"] = round(_ * 0.1 + 0.1, 1)
            return


async def drive(base, slugs, server, report):
    load = Load(base, slugs)
    commenters = [asyncio.create_task(commenter(load, i)) for i in range(CLIENTS)]
    others = [asyncio.create_task(reader(load, i)) for i in range(READERS)]
    others.append(asyncio.create_task(killer(load, server, report)))
    started = time.perf_counter()
    try:
        await asyncio.wait_for(asyncio.gather(*commenters), timeout=TIME_LIMIT)
    finally:
        load.done = True
        await asyncio.gather(*others, return_exceptions=True)
    report["seconds"] = round(time.perf_counter() - started, 1)
    return load


def percentile(values, p):
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(len(ordered) * p / 100))], 1)


def verify(env, load, log_text, report):
    stored = Counter(
        re.search(r"\[stress-\w+-\d+\]", body)[0]
        for body in json.loads(manage(env, "shell", "-c", STORED.format(run=RUN)).splitlines()[-1])
    )
    checks = {
        "every acknowledged post stored exactly once": all(stored[m] == 1 for m in load.acked),
        "no comment stored twice": all(n == 1 for n in stored.values()),
        f"all {POSTS} posts acknowledged": len(load.acked) == POSTS,
        "zero 500s": not any(status >= 500 for status in load.statuses),
        'zero "database is locked"': "database is locked" not in log_text,
        "no traceback in the server log": "Traceback" not in log_text,
    }
    if env["DATABASE_URL"].startswith("sqlite"):
        path = env["DATABASE_URL"].removeprefix("sqlite:///")
        with sqlite3.connect(path) as db:
            integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
        checks["PRAGMA integrity_check ok"] = integrity == "ok"
    report.update(
        posts_acknowledged=len(load.acked),
        comments_stored=sum(stored.values()),
        stored_without_answer=len(set(stored) - set(load.acked)),
        retried_after_lost_connection=load.retried,
        statuses=dict(sorted(load.statuses.items())),
        events=dict(load.events),
        latency_ms={
            kind: {"n": len(v), "p50": percentile(v, 50), "p99": percentile(v, 99)}
            for kind, v in load.latency.items()
            if v
        },
        checks=checks,
    )
    return all(checks.values())


def main():
    work = Path(tempfile.mkdtemp(prefix="newsroom-stress-"))
    env = environment(work)
    database = "sqlite" if env["DATABASE_URL"].startswith("sqlite") else "postgresql"
    print(f"Preparing {database} in {work} ...", flush=True)
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    manage(env, "shell", "-c", SEED.format(stories=STORIES, run=RUN))
    slugs = [f"thu-tai-{RUN}-{i}" for i in range(STORIES)]
    port = free_port()
    report = {
        "database": database,
        "workers": f"{WORKERS} x 4 threads (gthread)",
        "commenters": CLIENTS,
        "readers": READERS,
        "posts": POSTS,
    }
    with open(work / "gunicorn.log", "w+") as log:
        server = start_gunicorn(env, port, log)
        print(f"Load: {CLIENTS} commenters, {POSTS} posts, {READERS} readers ...", flush=True)
        try:
            load = asyncio.run(drive(f"http://127.0.0.1:{port}", slugs, server, report))
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        log.seek(0)
        ok = verify(env, load, log.read(), report)
    report["work_dir"] = str(work)
    (work / "report.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    print(json.dumps(report, indent=2, ensure_ascii=False))
    print("STRESS OK" if ok else "STRESS FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
