"""`run.py pages`: each page hot and cold, two baselines, and the story page through Varnish.

- **Hot**: the bench's gunicorn, the page served from the app's page cache (after a warm-up).
- **Cold**: a second gunicorn, same workers, same database and shared cache, with
  `PAGE_CACHE_ENABLED=0`: the whole-page cache neither serves nor stores, so every request
  renders the page (caches inside the app, such as a story's rendered thread, stay on: they
  are part of the design).
- **Baselines**: the fixed 40 KB view inside the site (its whole middleware stack), and a bare
  Django project (tests/bench/bare/: no middleware, no apps, one view returning the same
  40 KB) under its own gunicorn with the same workers.
- **Through Varnish**: `varnishd` with deploy/varnish/newsroom.vcl in front of the hot
  gunicorn; its hit rate comes from varnishstat.

CPU ms per request is the user + system time of the servers (gunicorn's master and workers;
for Varnish, varnishd's processes and the gunicorn behind it) over the measured wrk run,
divided by the requests wrk counted. The run starts once the warm-up's requests are done; the
requests still in flight when wrk stops are spent but not counted, which overstates only a
page that takes a large share of a second.
"""

import gzip
import re
import urllib.request

from servers import CpuMeter, Gunicorn, Varnish, free_port, varnish_missing, wait_idle

BASELINE = "baseline (40 KB view)"
BARE = "bare Django (40 KB, no middleware)"
STORY = "article, 200 comments"
VARNISH = "article, 200 comments, through Varnish"
PAGES = {
    BASELINE: "/_bench/baseline/",
    "home": "/",
    "section": "/chuyen-muc/kinh-te/",
    STORY: "/bai-viet/bai-bao-duoc-do-hieu-nang/",
    "search": "/tim-kiem/?q=ca+phe+nong+dan",
    "RSS feed": "/rss/",
}
TARGETS = {"story_cold_cpu_ms": 5.0, "home_cold_cpu_ms": 3.0, "story_vs_bare": 0.5}


def run(wrk, base, path, pids, seconds):
    """Warm up 2 s, then one measured wrk run with the CPU the servers `pids` spent (from the
    moment the warm-up's last requests are done: a slow page's leftovers are not counted)."""
    wrk(path, seconds=2, base=base)
    wait_idle(*pids)
    with CpuMeter(*pids) as meter:
        result = wrk(path, seconds=seconds, base=base)
    result["cpu_ms"] = meter.ms_per_request(result["requests"])
    return result


def measure(env, server, *, wrk, base, workers, work, seconds):
    """Every page hot on `server` (the bench's gunicorn at `base`), the bare baseline, every
    page cold, the story through Varnish."""
    pages = {}
    for name, path in PAGES.items():
        pages[name] = run(wrk, base, path, [server.pid], seconds)
        pages[name]["gzip_bytes"] = len(gzip.compress(fetch(base + path), compresslevel=6))
    bare_app = Gunicorn(env, free_port(), workers, wsgi="tests.bench.bare.wsgi",
                        probe=PAGES[BASELINE])  # fmt: skip
    with bare_app:
        bare = run(wrk, bare_app.base, PAGES[BASELINE], [bare_app.pid], seconds)
    bare["gzip_bytes"] = pages[BASELINE]["gzip_bytes"]
    cold_app = Gunicorn(env, free_port(), workers, probe=PAGES[BASELINE],
                        extra={"PAGE_CACHE_ENABLED": "0"})  # fmt: skip
    with cold_app:
        for name, path in PAGES.items():
            if name != BASELINE:
                pages[name]["cold"] = run(wrk, cold_app.base, path, [cold_app.pid], seconds)
                pages[name]["cold"]["page_cache"] = cache_header(cold_app.base + path)
    pages[STORY]["page_cache"] = cache_header(base + PAGES[STORY])
    for result in [*pages.values(), bare]:
        result["vs_baseline"] = round(result["rps"] / pages[BASELINE]["rps"], 2)
        result["vs_bare"] = round(result["rps"] / bare["rps"], 2)
    port = base.rsplit(":", 1)[1]
    return {
        "pages": pages,
        "bare_django": bare,
        "varnish": through_varnish(wrk, server, int(port), work, seconds, pages, bare),
        "article_weight_gzip": page_weight(base, fetch(base + PAGES[STORY]).decode()),
    }


def through_varnish(wrk, server, backend_port, work, seconds, pages, bare):
    if why := varnish_missing():
        return {"skipped": why}
    with Varnish(backend_port, free_port(), work / "varnish") as varnish:
        wrk(PAGES[STORY], seconds=2, base=varnish.base)
        wait_idle(varnish.pid, server.pid)
        before = varnish.counters()
        with CpuMeter(varnish.pid) as cache, CpuMeter(server.pid) as app:
            result = wrk(PAGES[STORY], seconds=seconds, base=varnish.base)
        after = varnish.counters()
    result["cpu_ms_varnishd"] = cache.ms_per_request(result["requests"])
    result["cpu_ms_app"] = app.ms_per_request(result["requests"])
    spent = (result["cpu_ms_varnishd"], result["cpu_ms_app"])
    result["cpu_ms"] = None if None in spent else round(sum(spent), 3)
    result["gzip_bytes"] = pages[STORY]["gzip_bytes"]
    served = {n: after.get(n, 0) - before.get(n, 0) for n in ("client_req", "cache_hit")}
    result.update(
        vs_baseline=round(result["rps"] / pages[BASELINE]["rps"], 2),
        vs_bare=round(result["rps"] / bare["rps"], 2),
        vs_app_hot=round(result["rps"] / pages[STORY]["rps"], 2),
        varnish_hit_rate=round(served["cache_hit"] / served["client_req"], 4)
        if served["client_req"]
        else None,
        varnish_counters=served,
    )
    return result


def fetch(url, headers=None) -> bytes:
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {})) as answer:
        return answer.read()


def cache_header(url) -> str:
    """The app's `X-Page-Cache` answer for `url` (hit, miss; empty when it sends none)."""
    with urllib.request.urlopen(url) as answer:
        return answer.headers.get("X-Page-Cache", "")


def page_weight(base, html):
    """HTML plus the CSS and JS it loads, as served compressed (WhiteNoise's .gz files)."""
    total = len(gzip.compress(html.encode(), compresslevel=6))
    for asset in re.findall(r'(?:href|src)="(/static/[^"]+\.(?:css|js))"', html):
        total += len(fetch(base + asset, {"Accept-Encoding": "gzip"}))
    return total


def report(results) -> list[str]:
    """The pages table (hot, cold, both baselines, Varnish) and the targets' line."""
    lines = [
        "| page | req/s | vs baseline | vs bare Django | p50 ms | p99 ms | CPU ms/req "
        "| cold req/s | cold p99 ms | cold CPU ms/req | gzip KB | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    pages = results["pages"]
    rows = [(BASELINE, pages[BASELINE]), (BARE, results["bare_django"])]
    rows += [(name, r) for name, r in pages.items() if name != BASELINE]
    if "skipped" not in results["varnish"]:
        rows.append((VARNISH, results["varnish"]))
    for name, r in rows:
        cold = r.get("cold")
        errors = r["bad_status"] + (cold["bad_status"] if cold else 0)
        lines.append(
            f"| {name} | {r['rps']:.0f} | {r['vs_baseline']:.0%} | {r['vs_bare']:.0%} | "
            f"{r['p50_ms']} | {r['p99_ms']} | {_ms(r['cpu_ms'])} | "
            + (f"{cold['rps']:.0f} | {cold['p99_ms']} | {_ms(cold['cpu_ms'])} | " if cold else
               "– | – | – | ")
            + f"{r['gzip_bytes'] / 1024:.1f} | {errors} |"
        )  # fmt: skip
    troubles = [
        f"{name}{' (cold)' if one is r.get('cold') else ''}: {one['socket_errors']}"
        for name, r in rows
        for one in (r, r.get("cold"))
        if one and one["socket_errors"]
    ]
    if troubles:
        lines += ["", "wrk socket errors: " + "; ".join(troubles) + "."]
    return [*lines, "", *targets(results)]


def targets(results) -> list[str]:
    pages, bare, varnish = results["pages"], results["bare_django"], results["varnish"]
    story, home = pages[STORY], pages["home"]
    lines = [
        f"Targets: story with 200 comments, cold: {_ms(story['cold']['cpu_ms'])} ms CPU per "
        f"request (≤ {TARGETS['story_cold_cpu_ms']:.0f}); home, cold: "
        f"{_ms(home['cold']['cpu_ms'])} ms (≤ {TARGETS['home_cold_cpu_ms']:.0f}); cached story: "
        f"{story['vs_bare']:.0%} of the bare Django baseline's {bare['rps']:.0f} req/s "
        f"(≥ {TARGETS['story_vs_bare']:.0%}).",
    ]
    if "skipped" in varnish:
        lines.append(f"Through Varnish: not measured ({varnish['skipped']}).")
    else:
        hit = varnish["varnish_hit_rate"]
        lines.append(
            f"Through Varnish: the story page at {varnish['rps']:.0f} req/s, "
            f"{varnish['vs_app_hot']:.1f}× the app's cached page, {_ms(varnish['cpu_ms'])} ms "
            f"CPU per request ({_ms(varnish['cpu_ms_varnishd'])} varnishd, "
            f"{_ms(varnish['cpu_ms_app'])} gunicorn); Varnish hit rate "
            f"{'–' if hit is None else f'{hit:.1%}'}."
        )
    return lines


def _ms(value) -> str:
    return "–" if value is None else f"{value:.2f}"
