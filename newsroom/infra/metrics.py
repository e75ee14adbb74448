"""Metrics in Prometheus's text format (prometheus_client), read at /metrics.

The counters and histograms below live in each process. Under gunicorn, with several worker
processes, PROMETHEUS_MULTIPROC_DIR names a folder where every process writes its values (the
environment must hold it before the first import of prometheus_client, and the folder must be
emptied when gunicorn starts: deploy/systemd/newsroom-gunicorn.service does both); a scrape
answered by any worker then sums them all. Without it (`make run`, the tests) each process
answers with its own values.

Values read from the database when scraped (pending comments, the task queue) are not kept
here: the view at /metrics (`newsroom.ops`) passes collectors of them to `exposition()`.

Apps count through this module (`metrics.COMMENTS_POSTED.labels(...).inc()`); it imports no
app. Labels stay few: a view's name (never a path), a status code, a fixed word.
"""

import hmac
import ipaddress
import os
import time

from django.conf import settings
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily

CONTENT_TYPE = CONTENT_TYPE_LATEST

REQUESTS = Counter(
    "newsroom_http_requests", "Requests answered, by view and status code.", ["view", "status"]
)
LATENCY = Histogram(
    "newsroom_http_request_duration_seconds",
    "Time to answer a request (to its headers for a streamed answer), by view.",
    ["view"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
PAGE_CACHE = Counter(
    "newsroom_page_cache",
    "Anonymous pages from the app's page cache (hit), drawn and kept (miss), or its last copy "
    "while another worker draws it again (stale).",
    ["outcome"],
)
COMMENTS_POSTED = Counter(
    "newsroom_comments_posted", "Readers' comments taken, by the status given.", ["status"]
)
COMMENTS_HELD = Counter(
    "newsroom_comments_held",
    "Comments not published at once, by reason: moderation (every new comment), links, "
    "bot (the form's traps), word (a disallowed word).",
    ["reason"],
)
COMMENTS_DECIDED = Counter(
    "newsroom_comments_decided", "Moderators' decisions on comments, by decision.", ["decision"]
)
MODERATION_WAIT = Histogram(
    "newsroom_comment_moderation_wait_seconds",
    "Time from posting to a moderator's first decision on a waiting comment.",
    ["decision"],
    buckets=(60, 300, 900, 1800, 3600, 7200, 14400, 43200, 86400, 259200),
)
REPORTS_FILED = Counter(
    "newsroom_comment_reports_filed", "Reports on comments: reader or official.", ["kind"]
)
REPORTS_DECIDED = Counter(
    "newsroom_comment_reports_decided",
    "Reported comments decided: kept, rejected or spam.",
    ["decision"],
)
LOGIN_LOCKOUTS = Counter(
    "newsroom_login_lockouts", "Admin logins locked after failures, by account or ip.", ["kind"]
)

# Every series exists from the start at 0, so that rate() and increase() see the first event.
for _outcome in ("hit", "miss", "stale"):
    PAGE_CACHE.labels(_outcome)
for _status in ("pending", "approved", "spam"):
    COMMENTS_POSTED.labels(_status)
for _reason in ("moderation", "links", "bot", "word"):
    COMMENTS_HELD.labels(_reason)
for _decision in ("approved", "rejected", "spam", "pending"):
    COMMENTS_DECIDED.labels(_decision)
for _kind in ("reader", "official"):
    REPORTS_FILED.labels(_kind)
for _decision in ("kept", "rejected", "spam"):
    REPORTS_DECIDED.labels(_decision)
for _kind in ("account", "ip"):
    LOGIN_LOCKOUTS.labels(_kind)


def view_label(request, response) -> str:
    """`cached` for the page cache's answers (no view ran), the matched view's name, or `none`
    (a 404 nothing matched, a redirect added by CommonMiddleware, a refused host)."""
    if response.get("X-Page-Cache") in ("hit", "stale"):
        return "cached"
    match = getattr(request, "resolver_match", None)
    return match.view_name if match is not None else "none"


class RequestMetricsMiddleware:
    """Count each request and time it, by view (see `view_label`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        view = view_label(request, response)
        REQUESTS.labels(view, str(response.status_code)).inc()
        LATENCY.labels(view).observe(time.perf_counter() - started)
        return response


def gauge(name, documentation, value, labels=None):
    """A gauge read at scrape time: `value` a number, or {label value: number} with `labels`
    naming the one label."""
    if labels is None:
        return GaugeMetricFamily(name, documentation, value=value)
    family = GaugeMetricFamily(name, documentation, labels=[labels])
    for label, number in value.items():
        family.add_metric([label], number)
    return family


class _ThisProcess:
    def collect(self):
        yield from REGISTRY.collect()


def exposition(*collectors) -> bytes:
    """Every process's values (or this process's, without PROMETHEUS_MULTIPROC_DIR), then what
    `collectors` (objects with a `collect()` yielding metric families) read now."""
    registry = CollectorRegistry(auto_describe=False)
    if directory := os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.MultiProcessCollector(registry, path=directory)
    else:
        registry.register(_ThisProcess())
    for collector in collectors:
        registry.register(collector)
    return generate_latest(registry)


def allowed(request) -> bool:
    """Whether `request` may read the metrics: `Authorization: Bearer <METRICS_TOKEN>`, or no
    Authorization header and a straight connection (no proxy's X-Forwarded-For: behind Varnish
    every reader comes from 127.0.0.1) from an address in METRICS_ALLOWED_IPS."""
    header = request.headers.get("Authorization")
    if header is not None:
        scheme, _, token = header.partition(" ")
        expected = settings.METRICS_TOKEN
        return bool(expected) and scheme.lower() == "bearer" and _same(token.strip(), expected)
    if "HTTP_X_FORWARDED_FOR" in request.META:
        return False
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(address in network for network in _networks(settings.METRICS_ALLOWED_IPS))


def _same(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode(), expected.encode())


def _networks(entries):
    for entry in entries:
        try:
            yield ipaddress.ip_network(entry, strict=False)
        except ValueError:
            continue
