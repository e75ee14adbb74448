"""Search over ten years of archive: seed 100,000 stories, then time uncached searches.

Seeds its own database with `seed.seed_archive` (bulk inserts, the index built in one
statement at the end; the seed must take under SEED_LIMIT seconds), then sends a mix of
searches (common words, rare words, the same without diacritics, phrases, a few random words
and deeper pages) through the real view with Django's test client, the page cache off
(PAGE_CACHE_ENABLED=0: every search is drawn), and prints p50/p99 per kind (under
P99_LIMIT ms is the target). Writes .bench/results/search-<database>.json.

    .venv/bin/python tests/bench/search.py            # SQLite, in .bench/search/
    DATABASE_URL=postgres://u:p@127.0.0.1:5432/newsroom_bench .venv/bin/python tests/bench/search.py

DATABASE_URL's database name must contain "bench" (it is emptied). BENCH_SEARCH_REQUESTS
(default 600) sets the number of searches; BENCH_SEARCH_REUSE=1 keeps an archive already
seeded (for quick iteration). Exits non-zero when a target is missed.
"""

import json
import os
import random
import re
import secrets
import shutil
import statistics
import string
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WORK = ROOT / ".bench" / "search"
REQUESTS = int(os.environ.get("BENCH_SEARCH_REQUESTS", "600"))
REUSE = os.environ.get("BENCH_SEARCH_REUSE") == "1"
SEED_LIMIT, P99_LIMIT = 120, 100
RESULTS = re.compile(r'role="status">\s*(?:Hơn )?(\d+) kết quả')
MIX = {  # kind: share of the searches
    "common words": 0.30,
    "rare words": 0.20,
    "no diacritics": 0.20,
    "phrases": 0.25,
    "random words": 0.02,
    "pages 2-5": 0.03,
}


def environment():
    database_url = os.environ.get("DATABASE_URL")
    if database_url and "bench" not in database_url.rsplit("/", 1)[-1]:
        sys.exit("DATABASE_URL must name a database containing 'bench': the benchmark wipes it.")
    kind = "postgresql" if database_url else "sqlite"
    folder = WORK / kind
    if not REUSE:
        shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="tests.bench.settings",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="testserver,127.0.0.1,localhost",
        HTTPS="0",
        PAGE_CACHE_ENABLED="0",
        MEDIA_ROOT=str(folder / "media"),
        STATIC_ROOT=str(WORK / "static"),
        SHARED_CACHE_DIR=str(folder / "cache"),
        LOG_LEVEL="WARNING",
        DATABASE_URL=database_url or f"sqlite:///{folder / 'archive.sqlite3'}",
    )
    sys.path.insert(0, str(ROOT))
    return kind


def prepare(kind):
    """Migrate (and empty PostgreSQL's database); seed unless reusing. Returns the seed's
    timings (or None) and the sentence pool the phrases are drawn from."""
    from django.core.management import call_command
    from django.db import connection

    from articles.models import Article
    from tests.bench import seed

    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)
    seeded = Article.objects.exists()
    if seeded and not REUSE:
        call_command("flush", verbosity=0, interactive=False)
    if seeded and REUSE:
        return None, seed.Phrases(random.Random(2016), 2000, 8, 24)
    started = time.perf_counter()
    sentences = seed.seed_archive()
    seconds = time.perf_counter() - started
    if kind == "postgresql":  # what autovacuum does a minute after a bulk load
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    return {"seconds": round(seconds, 1), "stories": Article.objects.count()}, sentences


def searches(sentences, count):
    """(kind, query, page) in MIX's proportions, shuffled."""
    from articles.text import fold
    from tests.bench import seed

    rng = random.Random(7)
    words = seed.VOCABULARY

    def common():
        return rng.choice(words[:60])

    def rare():
        village = f"Plei {rng.choice(seed.RARE)} {rng.choice(seed.RARE)}"
        return rng.choice([rng.choice(seed.RARE), village, f"{seed.person(rng)} {village}"])

    def phrase():
        sentence = rng.choice(sentences.text).rstrip(".").split()
        length = rng.randint(2, 4)
        start = rng.randrange(max(1, len(sentence) - length))
        return " ".join(sentence[start : start + length])

    def random_word():
        return "".join(rng.choices(string.ascii_lowercase, k=rng.randint(5, 9)))

    makers = {
        "common words": lambda: (common(), 1),
        "rare words": lambda: (rare(), 1),
        "no diacritics": lambda: (fold(rng.choice([common, rare, phrase])()), 1),
        "phrases": lambda: (phrase(), 1),
        "random words": lambda: (random_word(), 1),
        "pages 2-5": lambda: (common(), rng.randint(2, 5)),
    }
    chosen = []
    for kind, share in MIX.items():
        chosen += [(kind, *makers[kind]()) for _ in range(max(1, round(count * share)))]
    rng.shuffle(chosen)
    return chosen


def measure(planned):
    from django.test import Client
    from django.urls import reverse

    client, url = Client(), reverse("articles:search")
    for _kind, query, _page in planned[:20]:  # warm up the code paths, not the answers
        client.get(url, {"q": query + " khoiđong"})
    times, found = {}, {}
    for kind, query, page in planned:
        started = time.perf_counter()
        response = client.get(url, {"q": query, "page": page})
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            sys.exit(f"{query!r} page {page}: status {response.status_code}")
        times.setdefault(kind, []).append(elapsed)
        counted = RESULTS.search(response.content.decode())
        found.setdefault(kind, []).append(int(counted[1]) if counted else 0)
    times["all"] = [t for kind in MIX for t in times[kind]]
    found["all"] = [n for kind in MIX for n in found[kind]]
    return {
        kind: {
            "searches": len(values),
            "p50_ms": round(percentile(values, 50), 1),
            "p99_ms": round(percentile(values, 99), 1),
            "max_ms": round(max(values), 1),
            "median_results": statistics.median(found[kind]),
        }
        for kind, values in times.items()
    }


def percentile(values, pct):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def report(kind, seeded, results):
    lines = [f"Search, {kind}: " + (
        f"{seeded['stories']:,} stories seeded in {seeded['seconds']} s (index included)."
        if seeded else "archive reused."
    ), "", "| searches | n | median results | p50 ms | p99 ms | max ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: |"]  # fmt: skip
    for name, r in results.items():
        lines.append(
            f"| {name} | {r['searches']} | {r['median_results']:g} | {r['p50_ms']} | "
            f"{r['p99_ms']} | {r['max_ms']} |"
        )
    print("\n".join(lines))
    out = ROOT / ".bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    summary = {"database": kind, "seed": seeded, "searches": results}
    (out / f"search-{kind}.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False))
    missed = []
    if seeded and seeded["seconds"] > SEED_LIMIT:
        missed.append(f"seeding took {seeded['seconds']} s (limit {SEED_LIMIT} s)")
    if results["all"]["p99_ms"] > P99_LIMIT:
        missed.append(f"p99 {results['all']['p99_ms']} ms (limit {P99_LIMIT} ms)")
    return missed


def main():
    kind = environment()
    import django

    django.setup()
    seeded, sentences = prepare(kind)
    results = measure(searches(sentences, REQUESTS))
    if missed := report(kind, seeded, results):
        sys.exit("Missed: " + "; ".join(missed))


if __name__ == "__main__":
    main()
