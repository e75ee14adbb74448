"""Writes purge exactly their pages from shared caches (Varnish, a CDN) after commit, with retries.

The purges go over real HTTP to a small server on loopback that answers like Varnish's xkey
purge (and fails when told to).
"""

import logging
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from comments import decisions
from comments.models import Comment
from newsroom.infra import purge
from tests.factories import ArticleFactory, SectionFactory, TagFactory, UserFactory

pytestmark = pytest.mark.django_db
hooked: list[list[str]] = []


def record_keys(keys):
    """A CDN hook (CACHE_PURGE_HOOKS): here it only remembers what it was given."""
    hooked.append(list(keys))


class PurgeServer(ThreadingHTTPServer):
    def __init__(self):
        super().__init__(("127.0.0.1", 0), PurgeHandler)
        self.purged: list[set[str]] = []
        self.failures_left = 0
        self.url = f"http://127.0.0.1:{self.server_address[1]}/"


class PurgeHandler(BaseHTTPRequestHandler):
    def do_PURGE(self):
        if self.server.failures_left:
            self.server.failures_left -= 1
            self.send_response(503)
        else:
            self.server.purged.append(set(self.headers["xkey"].split()))
            self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def varnish_like(settings, monkeypatch):
    server = PurgeServer()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.CACHE_PURGE_URLS = [server.url]
    monkeypatch.setattr(purge, "PURGE_RETRY_DELAYS", (0.05, 0.05, 0.05))
    yield server
    server.shutdown()
    server.server_close()


def approve_after_commit(capture, comment):
    with capture(execute=True):
        decisions.approve([comment], UserFactory())
    assert purge.wait()


def test_an_approval_purges_its_story_only_and_after_commit(
    varnish_like, django_capture_on_commit_callbacks
):
    story = ArticleFactory(section=SectionFactory())
    comment = Comment.objects.create(article=story, name="An", email="an@example.com", body="Hay")

    with django_capture_on_commit_callbacks(execute=True):
        decisions.approve([comment], UserFactory())
        assert purge.wait() and varnish_like.purged == []  # nothing before the commit
    assert purge.wait()

    # sent after commit, and once more after other processes' memos have expired
    assert varnish_like.purged == [{f"thread-{story.pk}"}, {f"thread-{story.pk}"}]


def test_a_saved_story_purges_its_page_and_the_lists_it_is_on(
    varnish_like, django_capture_on_commit_callbacks
):
    story = ArticleFactory(section=SectionFactory())

    with django_capture_on_commit_callbacks(execute=True):
        story.title = "Tiêu đề đã sửa"
        story.save()
    assert purge.wait()

    purged = set().union(*varnish_like.purged)
    assert {f"story-{story.pk}", f"section-{story.section_id}", "home", "feeds"} <= purged
    assert "all" not in purged


def test_a_tag_added_to_a_story_purges_the_tags_pages(
    varnish_like, django_capture_on_commit_callbacks
):
    story, tag = ArticleFactory(section=SectionFactory()), TagFactory()

    with django_capture_on_commit_callbacks(execute=True):
        story.tags.add(tag)
    assert purge.wait()

    assert {f"story-{story.pk}", f"tag-{tag.pk}"} <= set().union(*varnish_like.purged)


def test_a_failed_purge_is_tried_again(varnish_like, django_capture_on_commit_callbacks):
    story = ArticleFactory(section=SectionFactory())
    comment = Comment.objects.create(article=story, name="An", email="an@example.com", body="Ừ")
    varnish_like.failures_left = 2

    approve_after_commit(django_capture_on_commit_callbacks, comment)

    assert varnish_like.purged == [{f"thread-{story.pk}"}, {f"thread-{story.pk}"}]


def test_a_purge_that_keeps_failing_is_logged(
    varnish_like, django_capture_on_commit_callbacks, caplog
):
    story = ArticleFactory(section=SectionFactory())
    comment = Comment.objects.create(article=story, name="An", email="an@example.com", body="Ồ")
    varnish_like.failures_left = 10

    with caplog.at_level(logging.WARNING, logger="newsroom.infra.purge"):
        approve_after_commit(django_capture_on_commit_callbacks, comment)

    assert varnish_like.purged == []
    assert f"thread-{story.pk}" in caplog.text and "cache purge failed" in caplog.text


def test_a_cdn_hook_gets_the_same_keys(settings, django_capture_on_commit_callbacks):
    settings.CACHE_PURGE_HOOKS = ["tests.test_cache_purge.record_keys"]
    hooked.clear()
    story = ArticleFactory(section=SectionFactory())
    comment = Comment.objects.create(article=story, name="An", email="an@example.com", body="Tốt")

    approve_after_commit(django_capture_on_commit_callbacks, comment)

    assert hooked == [[f"thread-{story.pk}"], [f"thread-{story.pk}"]]


def test_a_pending_comment_purges_nothing(varnish_like, django_capture_on_commit_callbacks):
    story = ArticleFactory(section=SectionFactory())

    with django_capture_on_commit_callbacks(execute=True):
        Comment.objects.create(article=story, name="An", email="an@example.com", body="Chờ")
    assert purge.wait()

    assert varnish_like.purged == []


def test_a_cache_that_is_down_does_not_hold_up_the_others(
    varnish_like, settings, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(purge, "PURGE_RETRY_DELAYS", (0.5, 0.5, 0.5))
    settings.CACHE_PURGE_URLS = ["http://127.0.0.1:9/", varnish_like.url]  # port 9: refused
    story = ArticleFactory(section=SectionFactory())
    comment = Comment.objects.create(article=story, name="An", email="an@example.com", body="Ồ")

    with django_capture_on_commit_callbacks(execute=True):
        decisions.approve([comment], UserFactory())
    started = time.monotonic()
    while not varnish_like.purged and time.monotonic() - started < 2:
        time.sleep(0.01)

    assert varnish_like.purged[:1] == [{f"thread-{story.pk}"}]
    assert time.monotonic() - started < 0.5  # not after the other cache's first retry
    assert purge.wait()
