"""`run.py likes`: readers' likes on comments through the real HTTP path, then the count check.

wrk posts likes as the like button's script does (`Accept: application/json`, the page's CSRF
pair) to the 200 comments of the bench story, each request from one of BROWSERS distinct
browsers (signed reader cookies made with the bench's secret key) and from a random client
address, so toggles both like and take likes back. Afterwards every comment's `like_count` must
equal its like rows: a lost update shows as a difference.

run.py's server has the comment rate limits off (COMMENTS_RATE_LIMIT_ENABLED=0), so likes go
unthrottled, as comment posts do. Alone, `.venv/bin/python tests/bench/likes.py` seeds a bench
database of its own as run.py does; with `--throttled` the per-address limit is on and the
server trusts one proxy (NUM_TRUSTED_PROXIES=1), so every like also counts against its
X-Forwarded-For address in the shared cache, as in production behind nginx.
"""

import json
import os
import signal
import sys
from pathlib import Path

import video

ROOT = Path(__file__).resolve().parents[2]
BENCH_SLUG = "bai-bao-duoc-do-hieu-nang"
BROWSERS = int(os.environ.get("BENCH_LIKE_BROWSERS", "5000"))
LIKES_SECONDS = int(os.environ.get("BENCH_LIKES_SECONDS", "20"))
TARGET_RPS = 500

SCRIPT = r"""
-- wrk: every request toggles one browser's like on one comment of the bench story.
local browsers, comments = {}, {}
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() * 1000 + id)
  for line in io.lines(os.getenv("BENCH_LIKES_BROWSERS")) do table.insert(browsers, line) end
  for line in io.lines(os.getenv("BENCH_LIKES_COMMENTS")) do table.insert(comments, line) end
end

function request()
  local browser = browsers[math.random(#browsers)]
  local comment = comments[math.random(#comments)]
  local address = string.format("10.%d.%d.%d", math.random(0, 255), math.random(0, 255),
    math.random(1, 254))
  local headers = {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Accept"] = "application/json",
    ["Cookie"] = "csrftoken=" .. os.getenv("BENCH_CSRF_SECRET") .. "; "
      .. os.getenv("BENCH_READER_COOKIE") .. "=" .. browser,
    ["Referer"] = "http://127.0.0.1/",
    ["X-Forwarded-For"] = address,
  }
  local body = "csrfmiddlewaretoken=" .. os.getenv("BENCH_CSRF_TOKEN")
  return wrk.format("POST", "/binh-luan/" .. comment .. "/thich/", headers, body)
end
"""

SETUP = f"""
import secrets
from django.conf import settings
from django.http import HttpResponse
from django.middleware.csrf import _get_new_csrf_string, _mask_cipher_secret
from comments.models import Comment
from newsroom.infra import readers
carrier = HttpResponse()
with open({{browsers!r}}, "w") as out:
    for _ in range({BROWSERS}):
        carrier.set_signed_cookie(settings.READER_COOKIE, secrets.token_urlsafe(18),
                                  salt=readers.SALT)
        out.write(carrier.cookies[settings.READER_COOKIE].value + "\\n")
ids = Comment.objects.approved().filter(article__slug={BENCH_SLUG!r}, report_state="")
with open({{comments!r}}, "w") as out:
    out.writelines(f"{{{{pk}}}}\\n" for pk in ids.values_list("pk", flat=True))
secret = _get_new_csrf_string()
print(settings.READER_COOKIE, secret, _mask_cipher_secret(secret), ids.count())
"""

CHECK = """
from django.db.models import Count, Sum
from comments.models import Comment, CommentLike
rows = dict(CommentLike.objects.values_list("comment_id").annotate(n=Count("pk")))
counted = dict(Comment.objects.filter(like_count__gt=0).values_list("pk", "like_count"))
wrong = sum(1 for pk in set(rows) | set(counted) if rows.get(pk, 0) != counted.get(pk, 0))
print(sum(rows.values()), sum(counted.values()), wrong, len(rows))
"""


def measure(env, *, wrk, work):
    """Likes per second through gunicorn and whether the counts equal the rows afterwards.
    `wrk(path, seconds=…, script=…, env=…)` is run.py's."""
    folder = Path(work) / "likes"
    folder.mkdir(parents=True, exist_ok=True)
    browsers, comments = folder / "browsers.txt", folder / "comments.txt"
    script = folder / "likes.lua"
    script.write_text(SCRIPT)
    code = SETUP.format(browsers=str(browsers), comments=str(comments))
    cookie, secret, token, shown = video.shell(env, code).split()
    wrk_env = {
        **env,
        "BENCH_CSRF_SECRET": secret,
        "BENCH_CSRF_TOKEN": token,
        "BENCH_READER_COOKIE": cookie,
        "BENCH_LIKES_BROWSERS": str(browsers),
        "BENCH_LIKES_COMMENTS": str(comments),
    }
    # The machine's pace just before, on the fixed 40 KB page: likes/s mean more beside it.
    baseline = wrk("/_bench/baseline/", seconds=5)["rps"]
    wrk("/", seconds=2, script=str(script), env=wrk_env)  # warm up, as for the pages
    result = wrk("/", seconds=LIKES_SECONDS, script=str(script), env=wrk_env)
    rows, counted, wrong, liked = (int(n) for n in video.shell(env, CHECK).split())
    result.update(
        seconds=LIKES_SECONDS,
        baseline_rps=baseline,
        vs_baseline=round(result["rps"] / baseline, 2),
        browsers=BROWSERS,
        comments=int(shown),
        throttled=env.get("COMMENTS_RATE_LIMIT_ENABLED", "1") != "0",
        like_rows=rows,
        like_count_total=counted,
        comments_liked=liked,
        comments_count_wrong=wrong,
        target_met=result["rps"] >= TARGET_RPS and result["bad_status"] == 0 and wrong == 0,
    )
    return result


def report_lines(r) -> list[str]:
    """run.py's Markdown report: the likes part."""
    limits = "per-address limit on" if r["throttled"] else "rate limits off, as for posting"
    return [
        "",
        f"Likes ({limits}): {r['rps']:.0f} req/s over {r['seconds']} s from {r['browsers']} "
        f"browsers on {r['comments']} comments; p50 {r['p50_ms']} ms, p99 {r['p99_ms']} ms, "
        f"{r['bad_status']} errors ({r['vs_baseline']:.0%} of the 40 KB baseline page's "
        f"{r['baseline_rps']:.0f} req/s just before). Afterwards {r['like_rows']} like rows, "
        f"like counts summing to {r['like_count_total']}, {r['comments_count_wrong']} comments "
        f"whose count differs from their rows (target ≥ {TARGET_RPS}/s, none lost: "
        f"{'met' if r['target_met'] else 'NOT met'}).",
    ]


def main():
    """This part alone: `.venv/bin/python tests/bench/likes.py [--throttled]`, on a bench
    database of its own in .bench/likes-alone/, served on port BENCH_LIKES_PORT (8785)."""
    import run

    run.PORT = int(os.environ.get("BENCH_LIKES_PORT", "8785"))
    run.BASE = f"http://127.0.0.1:{run.PORT}"
    run.WORK = ROOT / ".bench" / "likes-alone"
    kind, env = run.environment()
    if "--throttled" in sys.argv[1:]:
        env.update(COMMENTS_RATE_LIMIT_ENABLED="1", NUM_TRUSTED_PROXIES="1")
    run.prepare(kind, env)
    server = run.start_server(env)
    try:
        result = measure(env, wrk=run.wrk, work=run.WORK)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    print(json.dumps(result, indent=2, ensure_ascii=False))
    print("\n".join(report_lines(result)))


if __name__ == "__main__":
    main()
