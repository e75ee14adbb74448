"""Without Redis, every worker counts in one folder: counts add up and windows end on time."""

import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.test import Client

from newsroom.infra import filecache, retire
from newsroom.infra.filecache import SharedFileCache
from tests.comments.helpers import post_comment
from tests.factories import ArticleFactory


@pytest.fixture
def folder_cache(tmp_path):
    return SharedFileCache(str(tmp_path / "shared"), {})


COUNT = (
    "import sys; from newsroom.infra.filecache import SharedFileCache; "
    "cache = SharedFileCache(sys.argv[1], {}); [cache.incr('hits') for _ in range(100)]"
)


def test_counts_from_many_processes_all_add_up(folder_cache):
    folder_cache.add("hits", 0, timeout=60)
    root = Path(__file__).resolve().parents[1]
    workers = [
        subprocess.Popen([sys.executable, "-c", COUNT, folder_cache._dir], cwd=root)
        for _ in range(4)
    ]

    assert [worker.wait(timeout=60) for worker in workers] == [0] * 4
    assert folder_cache.get("hits") == 400


def test_counting_keeps_the_window_the_counter_was_started_with(folder_cache):
    folder_cache.add("hits", 0, timeout=1)
    assert folder_cache.incr("hits") == 1
    assert folder_cache.incr("hits", 2) == 3

    time.sleep(1.1)

    assert folder_cache.get("hits") is None
    with pytest.raises(ValueError):
        folder_cache.incr("hits")


def test_a_counter_without_expiry_stays_without(folder_cache):
    folder_cache.add("version", 41, timeout=None)

    assert folder_cache.incr("version") == 42
    assert folder_cache.get("version") == 42


@pytest.mark.django_db
def test_a_reader_may_post_again_once_the_rate_limit_window_ends(article, settings, tmp_path):
    settings.CACHES = {
        **settings.CACHES,
        "shared": {
            "BACKEND": "newsroom.infra.filecache.SharedFileCache",
            "LOCATION": str(tmp_path),
        },
    }
    settings.COMMENTS_RATE_LIMITS = [(1, 1)]
    browser = Client()
    assert post_comment(browser, article, body="Ý kiến thứ nhất").status_code == 302
    assert post_comment(browser, article, body="Ý kiến thứ hai").status_code == 429

    time.sleep(1.1)

    assert post_comment(browser, article, body="Ý kiến thứ hai").status_code == 302


@pytest.fixture
def small_folders(settings, tmp_path, monkeypatch):
    """`use(shared_entries, drawn_entries)`: the caches as without REDIS_URL, in folders that
    small, culling at every write when full; a limit of one comment a minute."""
    monkeypatch.setattr(filecache, "CULL_SECONDS", 0)
    settings.COMMENTS_RATE_LIMITS = [(1, 60)]
    settings.PAGE_VERSIONS_CACHE = "drawn"

    def use(shared_entries, drawn_entries):
        def folder(path, entries):
            return {
                "BACKEND": "newsroom.infra.filecache.SharedFileCache",
                "LOCATION": str(path),
                "OPTIONS": {"MAX_ENTRIES": entries},
            }

        settings.CACHES = {
            "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
            "shared": folder(tmp_path / "shared", shared_entries),
            "drawn": folder(tmp_path / "shared" / "drawn", drawn_entries),
        }
        return tmp_path / "shared" / "drawn"

    return use


def thirty_stories_read_between_two_posts(article) -> int:
    """The second post's status code."""
    stories = ArticleFactory.create_batch(30, section=article.section)
    browser = Client()
    assert post_comment(browser, article, body="Ý kiến thứ nhất").status_code == 302
    for story in stories:  # readers draw pages, kept for every worker
        assert Client().get(story.get_absolute_url()).status_code == 200
    return post_comment(browser, article, body="Ý kiến thứ hai").status_code


@pytest.mark.django_db
def test_pages_kept_for_every_worker_never_push_a_rate_limit_out(article, small_folders):
    # room for the counters and the site's version, not for the pages drawn (about 200)
    drawn = small_folders(shared_entries=20, drawn_entries=20)
    every_page = retire.versions([retire.EVERYTHING], fresh=True)

    assert thirty_stories_read_between_two_posts(article) == 429
    assert 0 < len(list(drawn.glob("*.djcache"))) <= 20
    # culled with the pages: versions of a story's keys; never the one every page carries
    assert retire.versions([retire.EVERYTHING], fresh=True) == every_page


@pytest.mark.django_db
def test_the_versions_of_every_story_read_never_push_a_rate_limit_out(article, small_folders):
    # the pages drawn and their versions fit; the shared folder has room for counters only
    drawn = small_folders(shared_entries=8, drawn_entries=1000)

    assert thirty_stories_read_between_two_posts(article) == 429
    entries = list(drawn.glob("*.djcache"))
    assert len(entries) > 60  # pages, pieces and the versions they are kept under
    assert all(entry.stat().st_mtime < filecache.NEVER for entry in entries)  # none forever


def test_a_full_cache_drops_what_has_expired_and_keeps_what_is_live(tmp_path):
    cache = SharedFileCache(str(tmp_path / "shared"), {"OPTIONS": {"MAX_ENTRIES": 50}})
    cache._last_cull = time.monotonic()  # no cull while it fills
    for n in range(40):
        cache.set(f"gone-{n}", n, timeout=1)
    cache.set_many({f"live-{n}": n for n in range(20)}, timeout=300)
    cache.set("forever", "kept", timeout=None)
    time.sleep(1.1)

    cache._last_cull = 0.0
    cache.set("one-more", 1, timeout=300)  # the cache is full: it culls first

    assert len(list(Path(cache._dir).glob("*.djcache"))) == 22
    assert all(cache.get(f"live-{n}") == n for n in range(20))
    assert cache.get("forever") == "kept" and cache.get("one-more") == 1


def test_a_cache_full_of_live_entries_still_makes_room(tmp_path):
    cache = SharedFileCache(
        str(tmp_path / "shared"), {"OPTIONS": {"MAX_ENTRIES": 30, "CULL_FREQUENCY": 3}}
    )
    cache._last_cull = time.monotonic()
    cache.set_many({f"live-{n}": n for n in range(30)}, timeout=300)

    cache._last_cull = 0.0
    cache.set("one-more", 1, timeout=300)

    assert len(list(Path(cache._dir).glob("*.djcache"))) == 30 - 10 + 1
