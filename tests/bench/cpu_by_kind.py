"""A gunicorn config file for `make bench-mix`: each worker's CPU time by kind of request.

While the file `on` exists in the folder BENCH_CPU_BY_KIND, every request's process time
(pre_request to post_request: the view, the middleware and the writing of the answer) is added
to its kind: a page served from the page cache or drawn, a search, the personal JSON, the
personal page a post without JavaScript lands on, a post. Each worker writes its totals to
`<pid>.json` in that folder when it exits; mix.py sums them (`by_kind()`).
"""

import collections
import json
import os
import time
from pathlib import Path

FOLDER = os.environ.get("BENCH_CPU_BY_KIND", "")
_seconds = collections.defaultdict(float)
_requests = collections.Counter()


def kind(method, path, page_cache) -> str:
    if method == "POST":
        return "post (admin)" if path.startswith("/admin/") else "post (comment)"
    if path.startswith("/cua-ban/bai-viet/"):
        return "personal page (a post without JavaScript)"
    if path.startswith("/cua-ban/"):
        return "personal JSON"
    if path.startswith("/admin/"):
        return "admin"
    what = "search" if path.startswith("/tim-kiem/") else "page"
    return f"{what} ({page_cache or 'no cache answer'})"


def pre_request(worker, req):
    counting = FOLDER and os.path.exists(os.path.join(FOLDER, "on"))
    req.bench_cpu = time.process_time() if counting else None


def post_request(worker, req, environ, resp):
    started = getattr(req, "bench_cpu", None)
    if started is None:
        return
    page_cache = next((v for k, v in resp.headers if k.lower() == "x-page-cache"), "")
    found = kind(req.method, req.path, page_cache)
    _seconds[found] += time.process_time() - started
    _requests[found] += 1


def worker_exit(server, worker):
    if FOLDER and _requests:
        totals = {"seconds": dict(_seconds), "requests": dict(_requests)}
        Path(FOLDER, f"{os.getpid()}.json").write_text(json.dumps(totals))


def by_kind(folder) -> dict:
    """{kind: {"requests", "ms_each", "share"}} summed over the workers' files in `folder`,
    the largest share first."""
    seconds, requests = collections.defaultdict(float), collections.Counter()
    for file in Path(folder).glob("*.json"):
        totals = json.loads(file.read_text())
        for name, value in totals["seconds"].items():
            seconds[name] += value
        requests.update(totals["requests"])
    total = sum(seconds.values()) or 1
    return {
        name: {
            "requests": requests[name],
            "ms_each": round(seconds[name] * 1000 / requests[name], 2),
            "share": round(seconds[name] / total, 3),
        }
        for name in sorted(seconds, key=seconds.get, reverse=True)
    }
