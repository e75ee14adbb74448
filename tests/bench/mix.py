"""`make bench-mix`: readers, commenters and a moderator at once, on the app's own page cache
and through Varnish.

The bench's database (tests/bench/seed.py: 2,000 stories, 50,000 approved comments) under
gunicorn with the bench's settings (run.py's environment: production settings, per-IP comment
limit lifted). Each leg measures the hot single URL first (the story with 200 comments,
served from the cache), then the mix for MIX_SECONDS, after a warm-up: every shared page the
mix reads, fetched once (the site's steady state, as the hours before would leave it, not its
first visit to each story), then MIX_WARMUP seconds of the mix itself:

- **Readers** (wrk, 16 connections, tests/bench/mix.lua): 80 % story pages, the story of
  popularity rank k drawn with weight 1/k^1.1 (Zipf, s = 1.1; rank 1 is the newest story,
  the one with 200 comments), 10 % the home page, 6 % a section page and 4 % searches: one of
  20 common searches (Zipf too), or, for 2 % of the searches (0.08 % of reads; MIX_RANDOM_SHARE
  sets that share of reads), three random words. 10 % of requests carry the
  remembered-commenter cookie (`newsroom_commenter`, validly signed); such a browser fills
  the form from its own storage and asks for nothing more (personal.js asks for a reader's
  own parts only while a comment of theirs waits for a moderator: the commenters below).
  (The like counts and read beacon a story page's other scripts send are measured apart:
  likes.py, reads.py.)
- **Commenters**: 5 new browsers a second, each reading a story (Zipf) and posting its
  comment form 4 s later (COMMENTS_MIN_SECONDS_TO_POST is 3), as a browser does: the form's
  own fields, `Origin` and `Sec-Fetch-Site: same-origin`, then back on the shared story page,
  whose script asks for the pending comment (one commenter in 20 has JavaScript off and
  lands on its personal copy of the story instead). Fresh emails: every comment waits in the
  moderation queue.
- **A moderator** (the Moderators group), logged in to the admin, approves the oldest pending
  comment once a second through the queue's own URL (`…/queue/<id>/approve/`, JSON, as
  queue.js does); a second later a reader fetches that story and looks for the comment
  (`id="binh-luan-<id>"`).

Reported per leg: reader req/s (every wrk request), p50 and p99 (each request timed by mix.lua,
wrk running one connection per thread; wrk's own p99 beside: corrected for coordinated omission,
it counts a slow answer again at every interval below it, as if every request its connection
did not send meanwhile had waited as long, which a reader's page behind Varnish does not),
their share of the app's hot single URL (and of the same front's), the pages' hit rate (page
answers the app marked `X-Page-Cache: hit`, or `stale`: the last copy while another worker draws
the page again; through Varnish, those Varnish marked
`X-Cache: HIT`, and also "from a cache": or the app behind it), CPU ms per reader request
(gunicorn, and varnishd), posts and approvals made, how many approved comments a reader
saw one second later, and where the app's CPU went during the measured run, by kind of request
(each request's process time in the workers: tests/bench/cpu_by_kind.py, a gunicorn config).

wrk's loop is closed: 16 connections, each sending its next request the moment it has an
answer, so the site runs saturated and the p99 is mostly the time spent queueing (through
Varnish, with every fiftieth read a random search: behind those searches, at the app's
workers). Readers are not like that: each waits for
their page, reads, then clicks. So each leg then runs the mix PACED_SECONDS more (the writers
still at work, the CPU no longer counted) with PACED_CONNECTIONS readers, each waiting a random
time between pages (exponential), offered PACED_SHARE of the embedded front's mix throughput,
the same rate on both fronts; its p50 and p99 are reported beside, and judged too.
The embedded front's paced readers reach gunicorn through nginx, as in production (a reader
who connects and then thinks would otherwise hold a sync worker idle; see `paced_run`).

Results: .bench/results/mix-<database>.json and .md. MIX_SECONDS (30), MIX_WARMUP (10) and
MIX_PACED_SECONDS (20) set the lengths; BENCH_SECONDS (10) the hot single-URL run.
"""

import contextlib
import json
import os
import random
import secrets
import shutil
import sys
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import cpu_by_kind
import mix_clients
import pages
import run
from servers import (
    CpuMeter,
    Gunicorn,
    LoadGenerator,
    Nginx,
    Varnish,
    free_port,
    nginx_missing,
    varnish_missing,
)
from video import shell

SCRIPT = Path(__file__).with_name("mix.lua")
SECONDS = int(os.environ.get("MIX_SECONDS", "30"))
WARMUP = int(os.environ.get("MIX_WARMUP", "10"))
PACED_SECONDS = int(os.environ.get("MIX_PACED_SECONDS", "20"))
PACED_CONNECTIONS = 64  # readers, each waiting between pages (mix.lua's delay())
PACED_SHARE = 0.8  # of the embedded front's mix throughput, offered to both fronts
ZIPF_S = 1.1
COOKIE_SHARE = 0.10
SEARCH_SHARE = 0.04
# "Searches (2 % with random words)": 2 % of the searches are for three random words (the share
# the archive's benchmark, tests/bench/search.py, gives its random kind; there a made-up word
# that matches nothing, here three words every story holds: the dearest search there is).
# MIX_RANDOM_SHARE sets their share of all reads instead: 0.02, every fiftieth read such a
# search, is the stricter reading (a stress run).
RANDOM_SHARE = float(os.environ.get("MIX_RANDOM_SHARE", SEARCH_SHARE * 0.02))
SHARES = {
    "story": 0.80,
    "home": 0.10,
    "section": 0.06,
    "search": SEARCH_SHARE - RANDOM_SHARE,
    "random search": RANDOM_SHARE,
}
LINES = 20_000  # requests drawn in advance; wrk's threads go round them from random places
# The app's answers from its page cache: a copy kept ("hit"), or the last copy of a page that
# another worker is drawing again ("stale", as Varnish's grace mode: no drawing either).
APP_HITS = ("/hit", "/stale")
TARGETS = {"vs_hot": 0.70, "p99_ms": 50.0, "hit_rate": 0.95}


def zipf_weights(n, s=ZIPF_S):
    return [1 / k**s for k in range(1, n + 1)]


def draw_paths(site, rng) -> list[str]:
    """LINES reader page requests as mix.lua reads them, "<kind>\\t<path>"."""
    stories, weights = site["stories"], zipf_weights(len(site["stories"]))
    searches = site["searches"]
    lines = []
    for _ in range(LINES):
        kind = rng.choices(list(SHARES), weights=list(SHARES.values()))[0]
        cookie = rng.random() < COOKIE_SHARE
        if kind == "random search":
            lines.append("Q\t" if cookie else "R\t")
            continue
        if kind == "story":
            path = rng.choices(stories, weights=weights)[0]
        elif kind == "home":
            path = "/"
        elif kind == "section":
            path = rng.choice(site["sections"])
        else:
            path = rng.choices(searches, weights=zipf_weights(len(searches)))[0]
        lines.append(f"{'C' if cookie else 'P'}\t{path}")
    return lines


def prepare_site(env, password) -> dict:
    """The moderator, the stories by rank, the sections, common searches, a signed cookie."""
    code = f"""
import json, random
from urllib.parse import quote_plus
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.http import HttpResponse
from articles.models import Article, Section
from comments.cookies import REMEMBER_SALT
from tests.bench.seed import WORDS
user, _ = get_user_model().objects.update_or_create(
    username={mix_clients.MODERATOR!r}, defaults={{"is_staff": True, "is_active": True,
    "first_name": "Kiểm duyệt", "last_name": "Bench"}})
user.set_password({password!r})
user.save()
user.groups.add(Group.objects.get(name="Moderators"))
cookie = HttpResponse()
cookie.set_signed_cookie(settings.COMMENTS_REMEMBER_COOKIE, json.dumps(
    {{"name": "Bạn đọc quen", "email": "ban-doc-quen@example.com"}}), salt=REMEMBER_SALT)
rng = random.Random(11)
stories = Article.objects.published().order_by("-publish_at")
print(json.dumps({{
    "stories": [a.get_absolute_url() for a in stories],
    "sections": [s.get_absolute_url() for s in Section.objects.order_by("order")],
    "searches": ["/tim-kiem/?q=" + "+".join(quote_plus(w) for w in rng.sample(WORDS, 2))
                 for _ in range(20)],
    "words": [quote_plus(w) for w in WORDS],
    "cookie": "; ".join(f"{{k}}={{m.coded_value}}" for k, m in cookie.cookies.items()),
}}))
"""
    return json.loads(shell(env, code))


def leg(env, site, paths_file, posted, *, through_varnish, paced_rate=None):
    """The hot single URL, then the mix, on one front (gunicorn alone, or Varnish before it);
    then the mix again with readers arriving at `paced_rate` requests a second (PACED_SHARE of
    this front's mix throughput when not given)."""
    vport = free_port()
    extra = {"CACHE_PURGE_URLS": f"http://127.0.0.1:{vport}/"} if through_varnish else {}
    by_kind = run.WORK / "mix-cpu-by-kind" / ("varnish" if through_varnish else "embedded")
    shutil.rmtree(by_kind, ignore_errors=True)
    by_kind.mkdir(parents=True)
    extra |= {"GUNICORN_CMD_ARGS": f"-c {cpu_by_kind.__file__}", "BENCH_CPU_BY_KIND": str(by_kind)}
    with Gunicorn(env, run.PORT, run.WORKERS, extra=extra) as app:
        varnish = Varnish(app.port, vport, run.WORK / "mix-varnish") if through_varnish else None
        if varnish:
            varnish.start()
        try:
            front = varnish or app
            pids = [app.pid] + ([varnish.pid] if varnish else [])
            story = pages.PAGES[pages.STORY]
            hot = pages.run(run.wrk, front.base, story, pids, run.DURATION)
            wrk_env = {**env, "MIX_PATHS": str(paths_file), "MIX_COOKIE": site["cookie"],
                       "MIX_WORDS": " ".join(site["words"])}  # fmt: skip
            crawl(front.base, paths_file)
            with mix_clients.Writers(front.base, site, posted) as writers:
                readers_wrk(wrk_env, front, WARMUP)
                writers.start_counting()
                (by_kind / "on").touch()
                with CpuMeter(*pids) as meter, LoadGenerator() as load:
                    readers = readers_wrk(wrk_env, front, SECONDS)
                (by_kind / "on").unlink()
                writers.stop_counting()
                rate = paced_rate or PACED_SHARE * readers["rps"]
                paced = paced_run(wrk_env, rate, front, before_gunicorn=not varnish)
        finally:
            if varnish:
                varnish.stop()
    readers["cpu_ms"] = meter.ms_per_request(readers["requests"])
    readers["load_generator"] = load.cores
    readers["app_cpu_by_kind"] = cpu_by_kind.by_kind(by_kind)  # the workers wrote it on exit
    return summarise(hot, readers, writers.results(), through_varnish) | {"paced": paced}


def readers_wrk(env, front, seconds, connections=run.CONNECTIONS) -> dict:
    """wrk running mix.lua: one connection per thread, each request timed by the script."""
    return run.wrk("/", seconds=seconds, script=str(SCRIPT), env=env, base=front.base,
                   connections=connections, threads=connections)  # fmt: skip


def paced_run(wrk_env, rate, front, *, before_gunicorn) -> dict:
    """The mix with PACED_CONNECTIONS readers offering `rate` requests a second to `front`.
    Before a bare gunicorn, through nginx, as deployed: wrk's readers connect, then think,
    then write, and a sync worker that accepted such a connection would wait idle for the
    request (Varnish, the other front, reads each request whole, as nginx does)."""
    env = {**wrk_env, "MIX_THINK_MS": f"{PACED_CONNECTIONS / rate * 1000:.2f}"}
    offered = {"offered_rps": round(rate)}
    with contextlib.ExitStack() as stack:
        if before_gunicorn:
            why = nginx_missing()
            if why:
                return {"skipped": why} | offered
            front = stack.enter_context(Nginx(front.port, free_port(), run.WORK / "mix-nginx"))
        result = readers_wrk(env, front, PACED_SECONDS, PACED_CONNECTIONS)
    return result | offered | {"through": "nginx" if before_gunicorn else "Varnish"}


def crawl(base, paths_file, threads=4) -> None:
    """Every shared page the mix reads, once, as the hours before the measured minute would
    have: the measure is the site's steady state, not its first visit to each story."""
    pages_ = {
        line.split("\t", 1)[1]
        for line in paths_file.read_text().splitlines()
        if line[:1] in ("P", "C") and "\t" in line
    }

    def fetch(path):
        with urllib.request.urlopen(base + path, timeout=30) as answer:
            answer.read()

    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(fetch, sorted(pages_)))


def summarise(hot, readers, writers, through_varnish) -> dict:
    answers = readers.pop("cache_answers", {})
    total = sum(answers.values()) or 1
    app_hits = sum(n for key, n in answers.items() if key.endswith(APP_HITS))
    edge_hits = sum(n for key, n in answers.items() if key.startswith("HIT/"))
    behind = {k: n for k, n in answers.items() if not k.startswith("HIT/")}
    if through_varnish:
        hit_rate = edge_hits / total
        behind_hits = sum(n for key, n in behind.items() if key.endswith(APP_HITS))
        either = (edge_hits + behind_hits) / total
    else:
        hit_rate = either = app_hits / total
    return {
        "hot": hot,
        "readers": readers,
        "cache_answers": answers,  # "<X-Cache>/<X-Page-Cache>": how many
        "hit_rate": round(hit_rate, 4),
        "served_from_a_cache": round(either, 4),
        "vs_hot_same_front": round(readers["rps"] / hot["rps"], 3),
        "writers": writers,
    }


def judge(legs, app_hot_rps) -> None:
    """Each leg against the targets; throughput against the app's hot single URL (through
    Varnish the single URL runs at wrk's speed, not the site's: given beside, for reference)."""
    for r in legs.values():
        if "skipped" in r:
            continue
        r["vs_app_hot"] = round(r["readers"]["rps"] / app_hot_rps, 3)
        r["passed"] = {
            "throughput": r["vs_app_hot"] >= TARGETS["vs_hot"],
            "p99 per request": r["readers"]["p99_ms"] < TARGETS["p99_ms"],
            "hit_rate": r["hit_rate"] >= TARGETS["hit_rate"],
            "no errors": not r["readers"]["bad_status"] and not r["readers"]["socket_errors"],
        }
        if "p99_ms" in r["paced"]:  # not when nginx is missing
            r["passed"]["p99 at the paced rate"] = r["paced"]["p99_ms"] < TARGETS["p99_ms"]


def report(results, kind) -> list[str]:
    lines = [
        f"Database: {kind}; gunicorn, {run.WORKERS} sync workers; wrk {run.CONNECTIONS} "
        f"connections; {results['stories']} stories, Zipf s = {ZIPF_S}; searches for three "
        f"random words: {results['random_searches']} of the {LINES:,} reads drawn "
        f"({results['random_searches'] / LINES:.2%}; MIX_RANDOM_SHARE {RANDOM_SHARE}); "
        f"{WARMUP} s warm-up, {SECONDS} s measured; hot single URL {run.DURATION} s.",
        "",
        "| front | hot story req/s | mix req/s | vs app's hot story | vs this front's hot | "
        "p50 ms | p99 ms | wrk's p99 ms | hit rate | from a cache | CPU ms/req | posts/s | "
        "approvals/s | seen 1 s after approval | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | "
        "---: | ---: | ---: |",
    ]
    for name, r in results["legs"].items():
        if "skipped" in r:
            lines.append(f"| {name} | not measured: {r['skipped']} |" + " |" * 13)
            continue
        m, w = r["readers"], r["writers"]
        lines.append(
            f"| {name} | {r['hot']['rps']:.0f} | {m['rps']:.0f} | {r['vs_app_hot']:.0%} | "
            f"{r['vs_hot_same_front']:.0%} | "
            f"{m['p50_ms']} | {m['p99_ms']} | {m['wrk_p99_ms']} | {r['hit_rate']:.1%} | "
            f"{r['served_from_a_cache']:.1%} | {pages._ms(m['cpu_ms'])} | "
            f"{w['posts_per_second']:.1f} | {w['approvals_per_second']:.1f} | "
            f"{w['seen']} of {w['checked']} | {m['bad_status']} |"
        )
    lines += [
        "",
        f"Paced: {PACED_CONNECTIONS} readers, each waiting a random time between pages, offered "
        f"{PACED_SHARE:.0%} of the embedded front's mix throughput on both fronts, "
        f"{PACED_SECONDS} s (the table's runs are wrk's closed loop: 16 connections, none "
        "waiting, the site saturated). p50 and p99: each request timed by mix.lua; wrk's p99 is "
        "corrected for coordinated omission (each slow answer counted again at every interval "
        "below it, as if the requests its connection did not send had waited as long).",
        "",
        "| front | readers reach the app through | offered req/s | served req/s | p50 ms | "
        "p99 ms | wrk's p99 ms | errors |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, r in results["legs"].items():
        p = r.get("paced")
        if p and "skipped" in p:
            lines.append(f"| {name} | not measured: {p['skipped']} |" + " |" * 6)
        elif p:
            lines.append(
                f"| {name} | {p['through']} | {p['offered_rps']} | {p['rps']:.0f} | "
                f"{p['p50_ms']} | {p['p99_ms']} | {p['wrk_p99_ms']} | {p['bad_status']} |"
            )
    lines += [
        "",
        f"Targets: mix ≥ {TARGETS['vs_hot']:.0%} of the app's hot single URL, p99 < "
        f"{TARGETS['p99_ms']:.0f} ms (per request, as mix.lua times them; wrk's own p99 is not "
        f"judged), hit rate ≥ {TARGETS['hit_rate']:.0%}, no errors.",
    ]
    for name, r in results["legs"].items():
        if "skipped" not in r:
            failed = [k for k, ok in r["passed"].items() if not ok]
            lines.append(
                f"{name}: {'all met' if not failed else 'missed: ' + ', '.join(failed)}; "
                f"answers (X-Cache/X-Page-Cache): {json.dumps(r['cache_answers'])}; "
                f"writers: {json.dumps(r['writers']['problems'], ensure_ascii=False)}."
            )
            shares = [
                f"{kind} {k['share']:.0%} ({k['requests']} × {k['ms_each']} ms)"
                for kind, k in r["readers"]["app_cpu_by_kind"].items()
            ]
            lines.append(f"{name}: the app's CPU by kind of request: {'; '.join(shares)}.")
            load = r["readers"]["load_generator"]
            lines.append(
                f"{name}: the load generator took {load['wrk']} of a core (wrk) and "
                f"{load['writers']} (the writers' browsers) of the machine's {os.cpu_count()}."
            )
    return lines


def main():
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")
    kind, env = run.environment()
    run.prepare(kind, env)
    password = secrets.token_urlsafe(16)
    site = prepare_site(env, password)
    site["password"] = password
    paths_file = run.WORK / kind / "mix-paths.tsv"
    paths = draw_paths(site, random.Random(2026))
    paths_file.write_text("\n".join(paths) + "\n")
    posted = {}  # comment id -> its story, from both legs: the queue carries over
    embedded = leg(env, site, paths_file, posted, through_varnish=False)
    legs = {"embedded (app's page cache)": embedded}
    why = varnish_missing()
    same_readers = embedded["paced"]["offered_rps"]  # the same arrivals on both fronts
    legs["through Varnish"] = (
        {"skipped": why}
        if why
        else leg(env, site, paths_file, posted, through_varnish=True, paced_rate=same_readers)
    )
    judge(legs, embedded["hot"]["rps"])
    results = {"database": kind, "workers": run.WORKERS, "connections": run.CONNECTIONS,
               "seconds": SECONDS, "warmup": WARMUP, "shares": SHARES, "zipf_s": ZIPF_S,
               "cookie_share": COOKIE_SHARE, "legs": legs,
               "stories": len(site["stories"]), "searches": site["searches"],
               "random_searches": sum(line[:1] in "RQ" for line in paths)}  # fmt: skip
    out = run.WORK / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"mix-{kind}.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    table = "\n".join(report(results, kind))
    (out / f"mix-{kind}.md").write_text(table + "\n")
    print(table)


if __name__ == "__main__":
    main()
