"""`run.py reads`: read beacons ("Đọc nhiều") on the bench's gunicorn, and a worker killed.

wrk sends beacons (`POST /luot-doc/<id>/`, a phone's Chrome user agent, no cookie: each one a
new browser, given its cookie in the answer) for the bench's published stories, most of
them for the newest stories as readers do (the id is drawn as newest + n·r³). After a warm-up
and a flush, one run of READS_SECONDS: halfway through, one gunicorn worker is killed with
SIGKILL (gunicorn starts another). The beacons write the counts themselves every
READS_FLUSH_SECONDS during the run; at the end `manage.py flush_reads` writes the rest (twice,
3 s apart: a worker hands over again within 2 s any batch the cache lost), and the reads
stored in StoryReads are compared with the beacons answered 204 (each one a
distinct browser, so each should count once). A beacon the killed worker had counted but not
answered is counted without an answer: the comparison then shows more stored than answered,
never a loss.

Also reported: the shared cache's files before and after (the file cache drops entries at
random beyond its MAX_ENTRIES, and every counted read adds one marker file).

Alone: `.venv/bin/python tests/bench/reads.py` (seeds a bench database of its own as run.py
does, in .bench/reads-alone/, and serves it on port BENCH_READS_PORT, 8775;
BENCH_READS_SETTINGS names another settings module to try, e.g. a cache setting).
"""

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PY = str(ROOT / ".venv" / "bin" / "python")
SECONDS = int(os.environ.get("BENCH_READS_SECONDS", "20"))
CONNECTIONS = int(os.environ.get("BENCH_READS_CONNECTIONS", "16"))
TARGET_RPS, MAX_LOST = 2000, 0.01
CHROME = (
    "Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Mobile Safari/537.36"
)
SCRIPT = """
-- A beacon for one of the bench's published stories, most often a recent one.
local newest = tonumber(os.getenv("READS_NEWEST"))
local span = tonumber(os.getenv("READS_SPAN"))
local agent = os.getenv("READS_AGENT")
math.randomseed(os.time())

function request()
  local r = math.random()
  local id = newest + math.floor(span * r * r * r)
  return wrk.format("POST", "/luot-doc/" .. id .. "/", {["User-Agent"] = agent}, "")
end
"""


def measure(env, server, *, wrk, work, seconds=SECONDS):
    """Warm up, flush, run wrk for `seconds` with a worker killed halfway, flush, compare.
    `wrk(path, seconds=…, script=…, env=…)` is run.py's."""
    folder = work / "reads"
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "beacon.lua"
    script.write_text(SCRIPT)
    newest, span = _stories(env)
    wrk_env = {**env, "READS_NEWEST": str(newest), "READS_SPAN": str(span), "READS_AGENT": CHROME}
    baseline = wrk("/_bench/baseline/", seconds=5, env=env)["rps"]
    # Warm up: workers, connections, the story lookups.
    wrk("/", seconds=3, script=str(script), env=wrk_env)
    time.sleep(1)
    before = _stored(env)
    files_before = _cache_files(env)
    killed = {}
    killer = threading.Timer(seconds / 2, lambda: killed.update(_kill_a_worker(server.pid)))
    killer.start()
    run = wrk("/", seconds=seconds, script=str(script), env=wrk_env)
    killer.join()
    time.sleep(1)  # the last beacons land
    stored = _stored(env) - before
    answered = run["requests"] - run["bad_status"]
    lost = max(0, answered - stored)
    return {
        **run,
        "seconds": seconds,
        "baseline_rps": baseline,
        "answered_204": answered,
        "stored": stored,
        "lost": lost,
        "lost_share": round(lost / answered, 5) if answered else None,
        "counted_unanswered": max(0, stored - answered),
        "killed_worker": killed,
        "flush_seconds": env.get("READS_FLUSH_SECONDS", "10 (default)"),
        "shared_cache_files": {"before": files_before, "after": _cache_files(env)},
        "passed": bool(answered) and run["rps"] >= TARGET_RPS and lost / answered <= MAX_LOST,
    }


def report(result) -> list[str]:
    """Markdown lines for run.py's report."""
    r = result
    share = f"{r['lost_share']:.2%}" if r["lost_share"] is not None else "–"
    return [
        "",
        f"Read beacons: {r['rps']:.0f} per second over {r['seconds']} s at {CONNECTIONS} "
        f"connections ({r['rps'] / r['baseline_rps']:.0%} of the 40 KB baseline's "
        f"{r['baseline_rps']:.0f}; p50 {r['p50_ms']} ms, p99 {r['p99_ms']} ms), one worker "
        f"killed halfway ({r['killed_worker'].get('pid')}); {r['answered_204']} answered 204, "
        f"{r['stored']} stored, {r['lost']} lost ({share}), {r['counted_unanswered']} counted "
        f"without an answer, {r['socket_errors'] or 'no socket errors'}. Target: "
        f"≥ {TARGET_RPS}/s and ≤ {MAX_LOST:.0%} lost: {'met' if r['passed'] else 'NOT met'}.",
    ]


def _kill_a_worker(server_pid) -> dict:
    children = subprocess.run(
        ["pgrep", "-P", str(server_pid)], capture_output=True, text=True
    ).stdout.split()
    if not children:
        return {}
    pid = int(children[0])
    os.kill(pid, signal.SIGKILL)
    return {"pid": pid, "at": time.strftime("%H:%M:%S")}


def _shell(env, code):
    out = subprocess.run(
        [PY, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, capture_output=True,
        text=True, check=True,
    )  # fmt: skip
    return out.stdout.strip().splitlines()[-1]


def _stories(env) -> tuple[int, int]:
    """(the smallest id, how many ids) of the longest run of consecutive published story ids:
    the seed's 2,000, made in one bulk insert, newest first (other parts add a few more)."""
    code = (
        "from articles.models import Article; "
        "ids = sorted(Article.objects.published().values_list('pk', flat=True)); "
        "print(' '.join(map(str, ids)))"
    )
    ids = [int(i) for i in _shell(env, code).split()]
    best, start = (ids[0], 1), 0
    for n in range(1, len(ids) + 1):
        if n == len(ids) or ids[n] != ids[n - 1] + 1:
            if n - start > best[1]:
                best = (ids[start], n - start)
            start = n
    return best


def _stored(env) -> int:
    """Reads in StoryReads once everything gathered is written: a flush, then another once
    the workers had time to hand over again any batch the cache lost (every 2 s)."""
    for wait in (0, 3):
        time.sleep(wait)
        subprocess.run(
            [PY, "manage.py", "flush_reads"], cwd=ROOT, env=env, check=True, capture_output=True
        )
    code = (
        "from django.db.models import Sum; from articles.models import StoryReads; "
        "print(StoryReads.objects.aggregate(n=Sum('count'))['n'] or 0)"
    )
    return int(_shell(env, code))


def _cache_files(env) -> int | None:
    folder = env.get("SHARED_CACHE_DIR")
    return len(list(Path(folder).glob("*.djcache"))) if folder else None


def main():
    sys.path.insert(0, str(Path(__file__).parent))
    import run

    # A port and folder of its own, so it can run beside another bench or server.
    run.PORT = int(os.environ.get("BENCH_READS_PORT", "8775"))
    run.BASE = f"http://127.0.0.1:{run.PORT}"
    run.WORK = ROOT / ".bench" / "reads-alone"
    kind, env = run.environment()
    env["DJANGO_SETTINGS_MODULE"] = os.environ.get("BENCH_READS_SETTINGS", "tests.bench.settings")
    run.prepare(kind, env)
    server = run.start_server(env)
    try:
        result = measure(env, server, wrk=run.wrk, work=run.WORK)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    print(json.dumps(result, indent=2))
    print("\n".join(report(result)))
    sys.exit(0 if result["passed"] else 1)


if __name__ == "__main__":
    main()
