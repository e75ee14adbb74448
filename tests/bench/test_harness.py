"""The benchmark harness's own assumptions about the site, checked against the real app: what
bench-mix's commenters and moderator read from pages, the bare Django baseline, the VCL copy,
the readers' mix and how its requests are timed."""

import os
import re
import socket
import sys
import threading
import time
import types
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.urls import reverse

from comments.models import Comment
from tests.bench import mix_clients, servers
from tests.deploy.tools import tool
from tests.factories import ArticleFactory

HERE = Path(__file__).parent
BROWSER = {"HTTP_ORIGIN": "http://testserver", "HTTP_SEC_FETCH_SITE": "same-origin"}


@pytest.fixture
def bench_scripts(monkeypatch):
    """tests/bench's scripts import each other by bare name, as `python tests/bench/x.py`."""
    before = set(sys.modules)
    monkeypatch.syspath_prepend(str(HERE))
    yield
    for name in set(sys.modules) - before:
        if (
            getattr(sys.modules[name], "__file__", "")
            and HERE in Path(sys.modules[name].__file__).parents
        ):
            del sys.modules[name]


def test_commenters_post_the_shared_pages_form_with_a_fresh_form_time(client, settings, section):
    settings.COMMENTS_MIN_SECONDS_TO_POST = 0
    story = ArticleFactory(section=section)
    page = client.get(story.get_absolute_url()).content.decode()
    action, fields = mix_clients.form_fields(page)
    personal = mix_clients.PERSONAL.search(page)[1]
    fields["rendered"] = client.get(personal, HTTP_ACCEPT="application/json").json()["rendered"]
    fields.update(name="Bạn đọc thử", email="ban-doc-thu@example.com", body="Bài viết hay.")

    answer = client.post(action, fields, **BROWSER)

    assert action == reverse("comments:post", kwargs={"slug": story.slug})
    assert {"rendered", "website", "parent"} <= set(fields)
    posted = mix_clients.POSTED.search(answer["Location"])
    assert answer.status_code == 302
    assert Comment.objects.get(pk=posted[1]).body == "Bài viết hay."


def test_moderator_approves_the_queues_first_comment_and_is_told_the_next(
    moderator_client, article
):
    first, second = (
        Comment.objects.create(article=article, name=f"Bạn đọc {n}", email=f"b{n}@example.com",
                               body=f"Bình luận {n}", status=Comment.Status.PENDING)
        for n in (1, 2)
    )  # fmt: skip
    queue = moderator_client.get(reverse("admin:comments_comment_queue")).content.decode()
    waiting = [int(pk) for pk in mix_clients.QUEUED.findall(queue)]
    token = mix_clients.TOKEN.search(queue)[1]

    answer = moderator_client.post(
        reverse("admin:comments_comment_queue_act", args=[waiting[0], "approve"]),
        {"csrfmiddlewaretoken": token},
        HTTP_ACCEPT="application/json",
    )

    assert waiting == [first.pk, second.pk]
    assert answer.json()["next"] == second.pk
    first.refresh_from_db()
    assert first.status == Comment.Status.APPROVED


def test_bare_django_app_serves_the_40kb_page_with_no_middleware():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    app = servers.Gunicorn(env, servers.free_port(), 1, wsgi="tests.bench.bare.wsgi",
                           probe="/_bench/baseline/")  # fmt: skip
    with app, urllib.request.urlopen(app.base + "/_bench/baseline/") as answer:
        body, headers = answer.read(), answer.headers

    assert len(body) > 40_000
    assert body.startswith(b"<!DOCTYPE html>")
    assert "X-Frame-Options" not in headers
    assert "Set-Cookie" not in headers


@pytest.mark.skipif(not servers.VCL.exists(), reason="deploy/varnish/newsroom.vcl not written yet")
def test_vcl_copy_sends_the_backend_to_the_given_port():
    vcl = servers.VCL.read_text()

    copy = servers.vcl_for_backend(vcl, "127.0.0.1", 18123)

    assert re.search(r'\.port\s*=\s*"18123"', copy)
    assert not re.search(r'\.port\s*=\s*"8000"', copy)


def test_readers_mix_follows_the_shares_and_zipf(bench_scripts):
    import random

    import mix

    stories = [f"/bai-viet/s-{k}/" for k in range(1, 2001)]
    site = {
        "stories": stories,
        "sections": ["/chuyen-muc/a/", "/chuyen-muc/b/"],
        "searches": ["/tim-kiem/?q=ca+phe"],
    }

    lines = mix.draw_paths(site, random.Random(1))

    pages = [line.split("\t") for line in lines]
    paths = [path for _, path in pages]
    assert len(pages) == mix.LINES
    assert abs(paths.count("/") / len(pages) - 0.10) < 0.01
    searches = sum(kind in "RQ" or "/tim-kiem/" in path for kind, path in pages)
    random_searches = sum(kind in "RQ" for kind, _ in pages)
    assert abs(searches / len(pages) - 0.04) < 0.005
    assert 0.01 < random_searches / searches < 0.03  # "searches (2 % with random words)"
    assert abs(sum(kind in "CQ" for kind, _ in pages) / len(pages) - 0.10) < 0.01
    assert paths.count(stories[0]) > paths.count(stories[9]) > paths.count(stories[999])


def test_cpu_by_kind_sorts_requests_by_the_sites_own_addresses(bench_scripts):
    import cpu_by_kind

    slug = {"slug": "bai-bao"}
    kinds = {
        ("GET", reverse("articles:search"), "miss"): "search (miss)",
        ("GET", reverse("articles:detail", kwargs=slug), "hit"): "page (hit)",
        ("GET", reverse("comments:personal_story", kwargs=slug), ""): (
            "personal page (a post without JavaScript)"
        ),
        ("GET", reverse("comments:personal", kwargs=slug), ""): "personal JSON",
        ("POST", reverse("comments:post", kwargs=slug), ""): "post (comment)",
        ("POST", reverse("admin:index"), ""): "post (admin)",
    }

    assert {request: cpu_by_kind.kind(*request) for request in kinds} == kinds


class _SometimesSlow(BaseHTTPRequestHandler):
    """Answers at once, except /slow: SLOW_SECONDS later. Keeps the connection open unless the
    server's `close` is set (as gunicorn's sync workers close it after every answer)."""

    protocol_version = "HTTP/1.1"

    def setup(self):
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def do_GET(self):
        if self.path == "/slow":
            time.sleep(SLOW_SECONDS)
        self.send_response(200)
        self.send_header("Content-Length", "2")
        if self.server.close:
            self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


SLOW_SECONDS = 0.3


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True
    close = False

    def handle_error(self, request, client_address):
        pass  # wrk drops its connections as it stops, mid-request


@pytest.fixture
def sometimes_slow_server():
    server = _QuietServer(("127.0.0.1", 0), _SometimesSlow)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(
    ("close", "think_ms"),
    [(False, None), (True, None), (False, "2")],
    ids=["kept-alive", "closed-after-each-answer", "paced-readers"],
)
def test_readers_p99_is_per_request_when_one_answer_in_500_is_slow(
    bench_scripts, sometimes_slow_server, tmp_path, close, think_ms
):
    """wrk's own percentiles count a slow answer again at every interval below it (coordinated
    omission); mix.lua times each request, so 0.2 % slow answers stay above the p99."""
    import mix

    tool("wrk", "wrk")
    sometimes_slow_server.close = close
    paths = tmp_path / "paths.tsv"
    paths.write_text("P\t/fast\n" * 499 + "P\t/slow\n")
    env = {**os.environ, "MIX_PATHS": str(paths), "MIX_COOKIE": "a=b", "MIX_WORDS": "ca phe"}
    if think_ms:
        env["MIX_THINK_MS"] = think_ms
    host, port = sometimes_slow_server.server_address
    front = types.SimpleNamespace(base=f"http://{host}:{port}")

    result = mix.readers_wrk(env, front, seconds=3, connections=4)

    timed = result["per_request"]
    assert timed["timed"] == result["requests"] > 1000  # every answer timed
    assert result["p99_ms"] < 100  # 0.2 % of answers are slow: the p99 is a fast one
    assert timed["p99_9_ms"] >= SLOW_SECONDS * 1000  # and the slow ones were counted
    assert result["wrk_p99_ms"] >= 100  # wrk's, corrected, is among the slow ones
