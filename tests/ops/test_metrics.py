"""/metrics: who may read it, and the counts rising as readers, moderators and gunicorn's
processes work. Counters live for the whole test process: tests compare before and after."""

import contextlib
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from django.test import Client
from django.urls import reverse
from prometheus_client.mmap_dict import MmapedDict
from prometheus_client.parser import text_string_to_metric_families

from comments.models import Comment
from tests.comments.factories import CommentFactory
from tests.comments.helpers import post_comment
from tests.ops.appserver import gunicorn
from tests.worker_tasks import write_after

pytestmark = pytest.mark.django_db

TOKEN = "a-long-random-scrape-token"


def samples(text: str) -> dict:
    """{(sample name, frozenset of labels): value} of an exposition."""
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def scrape(browser=None) -> dict:
    response = (browser or Client()).get("/metrics")
    assert response.status_code == 200
    return samples(response.content.decode())


def value(found: dict, name: str, **labels) -> float:
    return found.get((name, frozenset(labels.items())), 0.0)


# --- who may read it ----------------------------------------------------------------------


def test_loopback_reads_the_metrics_never_cached(client):
    response = client.get("/metrics")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=")
    assert response["Cache-Control"] == "no-store"
    assert "newsroom_http_requests_total" in response.content.decode()


def test_other_addresses_get_not_found(client):
    response = client.get("/metrics", REMOTE_ADDR="203.0.113.9")

    assert response.status_code == 404
    assert "newsroom_" not in response.content.decode()


def test_a_request_through_a_proxy_is_not_trusted_by_its_loopback_address(client):
    response = client.get("/metrics", headers={"x-forwarded-for": "203.0.113.9"})

    assert response.status_code == 404


def test_the_bearer_token_opens_it_from_anywhere(client, settings):
    settings.METRICS_TOKEN = TOKEN

    response = client.get(
        "/metrics", REMOTE_ADDR="203.0.113.9", headers={"authorization": f"Bearer {TOKEN}"}
    )

    assert response.status_code == 200


@pytest.mark.parametrize("header", [f"Bearer {TOKEN}x", "Bearer ", f"Basic {TOKEN}", "Bearer"])
def test_a_wrong_token_is_refused_even_from_loopback(client, settings, header):
    settings.METRICS_TOKEN = TOKEN

    assert client.get("/metrics", headers={"authorization": header}).status_code == 404


def test_no_token_is_set_so_none_is_accepted(client, settings):
    settings.METRICS_TOKEN = ""

    response = client.get(
        "/metrics", REMOTE_ADDR="203.0.113.9", headers={"authorization": "Bearer "}
    )

    assert response.status_code == 404


def test_allowed_addresses_may_be_networks(client, settings):
    settings.METRICS_ALLOWED_IPS = ["not-an-address", "10.0.0.0/8"]  # a typo is skipped

    assert client.get("/metrics", REMOTE_ADDR="10.1.2.3").status_code == 200
    assert client.get("/metrics").status_code == 404  # loopback no longer listed


# --- requests and the page cache ----------------------------------------------------------


def test_requests_are_counted_by_view_and_status_and_timed(client, article):
    before = scrape()
    client.get(article.get_absolute_url())  # drawn and kept
    client.get(article.get_absolute_url())  # from the page cache
    client.get("/khong-co/trang/nay/")
    after = scrape()

    view = "articles:detail"
    assert value(after, "newsroom_http_requests_total", view=view, status="200") == (
        value(before, "newsroom_http_requests_total", view=view, status="200") + 1
    )
    assert value(after, "newsroom_http_requests_total", view="cached", status="200") == (
        value(before, "newsroom_http_requests_total", view="cached", status="200") + 1
    )
    assert value(after, "newsroom_http_requests_total", view="none", status="404") == (
        value(before, "newsroom_http_requests_total", view="none", status="404") + 1
    )
    timed = "newsroom_http_request_duration_seconds_count"
    assert value(after, timed, view=view) == value(before, timed, view=view) + 1
    for outcome in ("hit", "miss"):
        assert value(after, "newsroom_page_cache_total", outcome=outcome) == (
            value(before, "newsroom_page_cache_total", outcome=outcome) + 1
        )


# --- the comment pipeline -----------------------------------------------------------------


def test_a_posted_comment_is_counted_held_and_waits_in_the_queue(client, article):
    before = scrape()
    post_comment(client, article)
    after = scrape()

    posted = "newsroom_comments_posted_total"
    held = "newsroom_comments_held_total"
    assert value(after, posted, status="pending") == value(before, posted, status="pending") + 1
    assert value(after, held, reason="moderation") == value(before, held, reason="moderation") + 1
    assert value(after, "newsroom_comments_pending") == 1
    assert 0 <= value(after, "newsroom_comments_oldest_pending_age_seconds") < 60


@pytest.mark.parametrize(
    "overrides, reason",
    [
        ({"website": "http://spam.example"}, "bot"),
        ({"body": "Xem a.com b.com c.com"}, "links"),
    ],
)
def test_held_comments_are_counted_by_a_fixed_reason(client, article, overrides, reason):
    before = scrape()
    post_comment(client, article, **overrides)
    after = scrape()

    held = "newsroom_comments_held_total"
    assert value(after, held, reason=reason) == value(before, held, reason=reason) + 1


def test_the_oldest_waiting_comment_gives_its_age(article):
    CommentFactory(article=article, minutes_ago=45)
    CommentFactory(article=article, minutes_ago=5)

    found = scrape()

    assert value(found, "newsroom_comments_pending") == 2
    assert 45 * 60 <= value(found, "newsroom_comments_oldest_pending_age_seconds") < 46 * 60


def test_moderators_decisions_are_counted_with_the_wait(moderator_client, article):
    waiting = CommentFactory(article=article, minutes_ago=20)
    other = CommentFactory(article=article, minutes_ago=2)
    before = scrape()
    for comment, action in ((waiting, "approve"), (other, "spam")):
        url = reverse("admin:comments_comment_queue_act", args=[comment.pk, action])
        assert moderator_client.post(url).status_code == 302
    after = scrape()

    decided = "newsroom_comments_decided_total"
    for decision in ("approved", "spam"):
        assert value(after, decided, decision=decision) == (
            value(before, decided, decision=decision) + 1
        )
    wait = "newsroom_comment_moderation_wait_seconds"
    assert value(after, f"{wait}_count", decision="approved") == (
        value(before, f"{wait}_count", decision="approved") + 1
    )
    # Twenty minutes: past the 15-minute bucket, within the 30-minute one.
    assert value(after, f"{wait}_bucket", decision="approved", le="900.0") == value(
        before, f"{wait}_bucket", decision="approved", le="900.0"
    )
    assert value(after, f"{wait}_bucket", decision="approved", le="1800.0") == (
        value(before, f"{wait}_bucket", decision="approved", le="1800.0") + 1
    )
    assert value(after, "newsroom_comments_pending") == 0


def test_readers_reports_are_counted(client, article):
    comment = CommentFactory(article=article, status=Comment.Status.APPROVED)
    before = scrape()
    url = reverse("comments:report", kwargs={"pk": comment.pk})
    client.post(url, {"reason": "abusive", "note": ""}, REMOTE_ADDR="198.51.100.1")
    after = scrape()

    filed = "newsroom_comment_reports_filed_total"
    assert value(after, filed, kind="reader") == value(before, filed, kind="reader") + 1


def test_a_login_lockout_is_counted(editor, settings):
    settings.LOGIN_FAILURES_PER_ACCOUNT = 3
    before = scrape()
    for _ in range(3):
        Client().post(
            reverse("admin:login"),
            {"username": "editor", "password": "wrong"},
            REMOTE_ADDR="203.0.113.5",
        )
    after = scrape()

    lockouts = "newsroom_login_lockouts_total"
    assert value(after, lockouts, kind="account") == value(before, lockouts, kind="account") + 1


def test_the_task_queue_is_read_when_scraped(database_queue, tmp_path):
    write_after.enqueue(str(tmp_path / "out.txt"), 0, "xin chào")

    found = scrape()

    assert value(found, "newsroom_tasks", status="ready") == 1
    assert value(found, "newsroom_tasks", status="failed") == 0
    assert value(found, "newsroom_task_worker_heartbeat_age_seconds") == -1


# --- gunicorn's processes, summed ---------------------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_gunicorn_process_is_counted_in_multiprocess_mode(tmp_path):
    folder = tmp_path / "multiproc"
    folder.mkdir()
    requests = 40
    gate = threading.Barrier(8)

    def robots(base):
        with httpx.Client(base_url=base, timeout=10) as browser:
            with contextlib.suppress(threading.BrokenBarrierError):
                gate.wait(timeout=5)
            return browser.get("/robots.txt").status_code

    with gunicorn(tmp_path, workers=2, PROMETHEUS_MULTIPROC_DIR=str(folder)) as base:
        with ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(robots, [base] * requests))
        per_process = processes_counting(folder)
        found = samples(httpx.get(f"{base}/metrics").text)

    assert answers == [200] * requests
    # The page cache answers after the first: the views together are the requests made.
    total = sum(n for (name, _), n in found.items() if name == "newsroom_http_requests_total")
    assert total == requests
    assert value(found, "newsroom_page_cache_total", outcome="hit") >= requests - 2
    assert len(per_process) == 2, per_process  # both workers answered some
    assert sum(per_process.values()) == requests


def processes_counting(folder: Path) -> dict:
    """{pid: requests answered} from each process's own file in the multiprocess folder."""
    counted = {}
    for path in folder.glob("counter_*.db"):
        for key, number, _timestamp, _position in MmapedDict.read_all_values_from_file(str(path)):
            if '"newsroom_http_requests_total"' in key and number:
                pid = path.stem.split("_", 1)[1]
                counted[pid] = counted.get(pid, 0) + number
    return counted
