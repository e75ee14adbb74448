"""`make bench`: the production stack on loopback, measured with wrk.

Seeds its own database (tests/bench/seed.py), starts gunicorn with production settings
(DEBUG off, WhiteNoise), drives each page with wrk at 16 connections, hot (from the app's page
cache) and cold (a second gunicorn with the page cache off), with the CPU the servers spent per
request, compares every page with a fixed 40 KB view served by the same process and with a
bare Django app returning the same 40 KB, measures the story page through Varnish
(tests/bench/pages.py), checks that every comment posted under load was
stored, watches worker memory over 100,000 requests, measures what video costs
(tests/bench/video.py: a 1080p clip encoded by a real worker, cached pages while it encodes,
a 2 GB upload's memory), how many likes a second the site takes with every count equal to its
rows (tests/bench/likes.py), how many read beacons a second it counts and how few it loses when
a worker is killed (tests/bench/reads.py), and writes JSON and a Markdown table.

`run.py posting` (or any of pages, posting, likes, memory, reads, video) runs only those
parts, for quick iteration.

BENCH_PORT (8765) is the bench's gunicorn port, BENCH_WORK (.bench) its folder: set both to run
beside another bench on the same machine. SQLite by default. With DATABASE_URL (its database
name must contain "bench": it is wiped) and REDIS_URL set, it measures the PostgreSQL + Redis
stack instead.
"""

import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import likes
import pages
import reads
import video

ROOT = Path(__file__).resolve().parents[2]
WORK = Path(os.environ.get("BENCH_WORK", ROOT / ".bench")).resolve()
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
PORT = int(os.environ.get("BENCH_PORT", "8765"))
BASE = f"http://127.0.0.1:{PORT}"
CONNECTIONS = 16
DURATION = int(os.environ.get("BENCH_SECONDS", "10"))
# Sync workers, 2 × cores + 1: the kernel spreads connections evenly, which keeps p99 low.
WORKERS = int(os.environ.get("BENCH_WORKERS", str(2 * os.cpu_count() + 1)))
# Posting runs longer than a page: the target is a rate sustained while the table grows.
POSTING_SECONDS = int(os.environ.get("BENCH_POSTING_SECONDS", "30"))
MEMORY_REQUESTS = int(os.environ.get("BENCH_MEMORY_REQUESTS", "100000"))
MEMORY_MAX_SECONDS = int(os.environ.get("BENCH_MEMORY_MAX_SECONDS", "240"))


def environment():
    database_url = os.environ.get("DATABASE_URL")
    if database_url and "bench" not in database_url.rsplit("/", 1)[-1]:
        sys.exit("DATABASE_URL must name a database containing 'bench': the benchmark wipes it.")
    kind = "postgresql+redis" if database_url else "sqlite"
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "HTTPS": "0",
        "COMMENTS_RATE_LIMIT_ENABLED": "0",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "MEDIA_ROOT": str(WORK / kind / "media"),
        "SERVE_MEDIA": "1",
        "STATIC_ROOT": str(WORK / "static"),
        "SHARED_CACHE_DIR": str(WORK / kind / "cache"),
        "DJANGO_SETTINGS_MODULE": "tests.bench.settings",
        "LOG_LEVEL": "WARNING",
    }
    if not database_url:
        env["DATABASE_URL"] = f"sqlite:///{WORK / kind / 'bench.sqlite3'}"
    return kind, env


def manage(env, *args):
    subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, check=True)


def prepare(kind, env):
    shutil.rmtree(WORK / kind, ignore_errors=True)
    (WORK / kind).mkdir(parents=True)
    if kind != "sqlite":
        manage(env, "flush", "--noinput")
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "collectstatic", "--noinput", "-v", "0")
    manage(env, "shell", "-c", "from tests.bench.seed import seed; seed()")


def start_server(env):
    server = subprocess.Popen(
        [GUNICORN, "newsroom.wsgi", "-b", f"127.0.0.1:{PORT}", "-w", str(WORKERS),
         "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    for _ in range(100):
        try:
            urllib.request.urlopen(BASE + "/_bench/baseline/", timeout=1).read()
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    sys.exit("gunicorn did not start")


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(
    path, seconds=DURATION, script=None, env=None, base=BASE, connections=CONNECTIONS, threads=2
):
    """wrk's figures: req/s, requests, p50 and p99 (wrk's, corrected for coordinated omission),
    errors, and whatever the script's done() printed as JSON. A script that timed each request
    (mix.lua: `per_request`, one connection per thread) gives the p50 and p99 instead; wrk's
    own are kept beside, as wrk_p50_ms and wrk_p99_ms."""
    # A page slower than wrk's 2 s default (a cold one on a busy machine) is measured, not
    # dropped from the latencies as a timeout.
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    command += ["--timeout", "30s"]
    command += ["-H", "Accept-Encoding: gzip, deflate, br"]  # as every browser sends
    if script:
        command += ["-s", script]
    output = subprocess.run(
        [*command, base + path], capture_output=True, text=True, env=env, check=True
    ).stdout

    def latency(pct):
        value, unit = re.search(rf"^\s+{pct}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M).groups()
        return round(float(value) * UNITS[unit], 2)

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    result = {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1]),
        "requests": int(re.search(r"(\d+) requests in", output)[1]),
        "p50_ms": latency(50),
        "p99_ms": latency(99),
        "bad_status": int(errors[1]) if errors else 0,
        "socket_errors": socket_errors[1] if socket_errors else "",
    }
    for line in output.splitlines():  # what a script's done() printed as JSON
        if line.startswith("{"):
            result.update(json.loads(line))
    timed = result.get("per_request")
    if timed:
        if not timed["timed"]:
            raise RuntimeError("the script timed no answer")
        if timed["overlapped"] * 100 > timed["timed"]:  # (mix.lua: `overlapped`)
            raise RuntimeError(
                f"{timed['overlapped']} of {timed['timed']} requests were asked for before the "
                "last one's answer: wrk must run one connection per thread (socket errors: "
                f"{result['socket_errors'] or 'none'})"
            )
        result["wrk_p50_ms"], result["wrk_p99_ms"] = result["p50_ms"], result["p99_ms"]
        result["p50_ms"], result["p99_ms"] = round(timed["p50_ms"], 2), round(timed["p99_ms"], 2)
    return result


def worker_rss(server):
    children = subprocess.run(
        ["pgrep", "-P", str(server.pid)], capture_output=True, text=True
    ).stdout.split()
    rss = {}
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        rss[pid] = int(re.search(r"VmRSS:\s+(\d+) kB", status)[1]) // 1024
    return rss


def count_comments(env):
    """(comments stored, bodies stored more than once) for the posts the benchmark made."""
    code = (
        "from django.db.models import Count; from comments.models import Comment; "
        "q = Comment.objects.filter(body__startswith='Bình luận thử tải'); "
        "print(q.count(), q.values('body').annotate(n=Count('pk')).filter(n__gt=1).count())"
    )
    stored, duplicated = video.shell(env, code).split()
    return int(stored), int(duplicated)


def posting(env):
    code = (
        "import time; from django.middleware.csrf import _get_new_csrf_string as n, "
        "_mask_cipher_secret as m; from comments.policy import sign_render_time as s; "
        "k=n(); print(k, m(k), s(time.time()-60))"
    )
    secret, token, rendered = video.shell(env, code).split()
    wrk_env = {
        **env,
        "BENCH_CSRF_SECRET": secret,
        "BENCH_CSRF_TOKEN": token,
        "BENCH_RENDERED": rendered,
        "BENCH_POST_PATH": "/bai-viet/bai-bao-duoc-do-hieu-nang/binh-luan/",
    }
    script = str(ROOT / "tests/bench/post_comment.lua")
    wrk("/", seconds=2, script=script, env=wrk_env)  # warm up, as for the pages
    time.sleep(1)  # let the warm-up's last posts land before counting
    before, _ = count_comments(env)
    result = wrk("/", seconds=POSTING_SECONDS, script=script, env=wrk_env)
    stored, duplicated = count_comments(env)
    answered = result["requests"] - result["bad_status"]
    # wrk counts answers; posts still in flight when it stops may be stored unanswered.
    result.update(
        answered=answered,
        stored=stored - before,
        lost=max(0, answered - (stored - before)),
        duplicated=duplicated,
    )
    return result


PARTS = ("pages", "posting", "likes", "memory", "reads", "video")


def main():
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")
    if not (shutil.which("ffmpeg") and shutil.which("curl")):
        sys.exit("ffmpeg and curl are needed: apt-get install ffmpeg curl")
    parts = sys.argv[1:] or PARTS
    if unknown := set(parts) - set(PARTS):
        sys.exit(f"unknown part(s) {sorted(unknown)}; choose from {', '.join(PARTS)}")
    kind, env = environment()
    prepare(kind, env)
    server = start_server(env)
    results = {"database": kind, "workers": WORKERS, "connections": CONNECTIONS, "pages": {}}
    try:
        if "pages" in parts:
            results.update(
                pages.measure(env, server, wrk=wrk, base=BASE, workers=WORKERS, work=WORK,
                              seconds=DURATION)
            )  # fmt: skip
        if "posting" in parts:
            results["posting"] = posting(env)
        if "likes" in parts:
            results["likes"] = likes.measure(env, wrk=wrk, work=WORK)
        if "memory" in parts:
            results["memory"] = memory(server)
        if "reads" in parts:  # kills a worker: after memory, before video
            results["reads"] = reads.measure(env, server, wrk=wrk, work=WORK)
        if "video" in parts:
            results["video"] = video.measure(
                env, server, base=BASE, work=WORK, wrk=wrk,
                page=pages.PAGES[pages.STORY], seconds=DURATION,
            )  # fmt: skip
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    if set(parts) == set(PARTS):
        report(results, kind)
    else:
        print(json.dumps(results, indent=2, ensure_ascii=False))


def memory(server):
    start = worker_rss(server)
    rps = wrk(pages.PAGES[pages.STORY], seconds=2)["rps"]
    seconds = min(MEMORY_MAX_SECONDS, max(5, int(MEMORY_REQUESTS / rps * 1.1) + 1))
    run = wrk(pages.PAGES[pages.STORY], seconds=seconds)
    return {"requests": run["requests"], "rss_start_mb": start, "rss_end_mb": worker_rss(server)}


def report(results, kind):
    out = WORK / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{kind}.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    lines = [
        f"Database: {kind}; gunicorn, {results['workers']} sync workers; "
        f"wrk {results['connections']} connections, {DURATION} s per page, "
        f"{POSTING_SECONDS} s of posting.",
        "",
    ]
    page_lines = pages.report(results)
    p = results["posting"]
    lines += page_lines[: page_lines.index("")]
    lines += [
        f"| comment posting | {p['rps']:.0f} | – | – | {p['p50_ms']} | {p['p99_ms']} | – | – | "
        f"– | – | – | {p['bad_status']} |",
        *page_lines[page_lines.index("") :],
        "",
        f"Comment posting: {p['answered']} posts accepted, {p['stored']} stored, "
        f"{p['lost']} lost, {p['duplicated']} stored twice.",
        f"Article page with its CSS and JS, compressed: "
        f"{results['article_weight_gzip'] / 1024:.1f} KB.",
        f"Worker memory over {results['memory']['requests']} requests (MB): "
        f"{sorted(results['memory']['rss_start_mb'].values())} → "
        f"{sorted(results['memory']['rss_end_mb'].values())}.",
    ]
    lines += likes.report_lines(results["likes"])
    lines += reads.report(results["reads"])
    lines += video_report(results["video"])
    table = "\n".join(lines)
    (out / f"{kind}.md").write_text(table + "\n")
    print(table)


def video_report(v):
    t, p, u = v["transcode"], v["pages_while_encoding"], v["upload_2gb"]
    clip = t["clip"]
    return [
        "",
        f"Video, transcode: a {clip['seconds']:.0f} s {clip['size']} {clip['codec']} clip "
        f"({clip['mbit_s']} Mbit/s, testsrc2) went from queued to ready in "
        f"{t['queued_to_ready_seconds']} s ({t['ratio_to_clip']}× its length; the worker's "
        f"task {t['task_seconds']} s), worker under `nice -n 10`.",
        f"Video, cached story page while a clip encodes: {p['encoding']['rps']:.0f} req/s "
        f"({p['ratio']:.0%} of idle: {p['idle_before']['rps']:.0f} before, "
        f"{p['idle_after']['rps']:.0f} after); p99 {p['encoding']['p99_ms']} ms (idle "
        f"{p['idle_before']['p99_ms']}); ffmpeg (nice {p['ffmpeg_nice']}) had "
        f"{p['ffmpeg_cpu_share_during_wrk']} of a core meanwhile.",
        f"Video, {u['file']['bytes'] / 1e9:.2f} GB upload ({u['file']['seconds'] / 60:.0f} min "
        f"of {u['file']['size']}): answered {u['status']} in {u['upload_seconds']} s, "
        f"{'accepted' if u['accepted'] else 'refused: ' + u['refusal']}; the gunicorn worker's "
        f"peak RSS {u['worker_peak_rss_mb']} MB (before: {u['worker_rss_before_mb']} MB); "
        f"ffprobe/ffmpeg checking it peaked at {u['ffprobe_ffmpeg_peak_rss_mb']} MB.",
        f"(CPU busy with other work before the video part: {v['cpu_busy_before']:.0%}.)",
    ]


if __name__ == "__main__":
    main()
