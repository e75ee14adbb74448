"""Anonymous readers get cached pages that any shared cache may keep, retired exactly."""

import gzip
import time
from datetime import timedelta

import pytest
from django.core.cache import caches
from django.test import Client, RequestFactory
from django.test.signals import template_rendered
from django.urls import reverse
from django.utils import timezone

from articles import page_keys
from comments import decisions
from comments.models import Comment
from newsroom.infra import pagecache, retire
from tests.factories import ArticleFactory, AuthorFactory, BylineFactory, TagFactory, UserFactory

pytestmark = pytest.mark.django_db


def keys(response) -> set[str]:
    return set(response["xkey"].split())


def pending(article, body):
    return Comment.objects.create(article=article, name="Bạn đọc", email="a@example.com", body=body)


def test_second_visit_is_served_without_touching_the_database(
    client, article, django_assert_num_queries
):
    first = client.get(article.get_absolute_url())

    with django_assert_num_queries(0):
        second = Client().get(article.get_absolute_url())

    assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit"
    assert second.content == first.content


def test_every_anonymous_reader_gets_the_same_bytes_and_no_cookie(article):
    readers = [Client(), Client(), Client()]
    readers[1].cookies["newsroom_reader"] = "someone"
    readers[2].cookies["csrftoken"] = "x" * 32

    pages = [reader.get(article.get_absolute_url()) for reader in readers]

    assert len({page.content for page in pages}) == 1
    assert all(not page.cookies for page in pages)
    assert b"csrfmiddlewaretoken" not in pages[0].content


def test_story_page_tells_shared_caches_what_it_shows(section):
    tag, author = TagFactory(), AuthorFactory()
    story = ArticleFactory(section=section, tags=[tag])
    BylineFactory(article=story, author=author)

    response = Client().get(story.get_absolute_url())

    control = response["Cache-Control"]
    assert "public" in control and "max-age=0" in control and "s-maxage=" in control
    assert {
        "all",
        f"story-{story.pk}",
        f"thread-{story.pk}",
        f"section-{section.pk}",
        f"tag-{tag.pk}",
        f"author-{author.pk}",
    } <= keys(response)
    assert response["Surrogate-Key"] == response["xkey"]
    assert set(response["Cache-Tag"].split(",")) == keys(response)


@pytest.mark.parametrize(
    ("url", "key"),
    [
        (lambda a: "/", "home"),
        (lambda a: reverse("articles:feed"), "feeds"),
        (lambda a: reverse("sitemap"), "sitemaps"),
        (lambda a: reverse("articles:search") + "?q=cà+phê", "search"),
        (lambda a: a.section.get_absolute_url(), None),
        (lambda a: reverse("articles:corrections"), "corrections"),
    ],
    ids=["home", "feed", "sitemap", "search", "section", "corrections"],
)
def test_lists_carry_their_own_key_and_their_stories(article, url, key):
    response = Client().get(url(article))

    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    assert (key or f"section-{article.section_id}") in keys(response)
    if key not in {"feeds", "sitemaps", "corrections"}:
        assert f"story-{article.pk}" in keys(response)


def test_approving_a_comment_shows_it_at_once(article):
    comment = pending(article, "Chờ xuất hiện")
    assert "Chờ xuất hiện" not in Client().get(article.get_absolute_url()).content.decode()

    decisions.approve([comment], UserFactory())

    assert "Chờ xuất hiện" in Client().get(article.get_absolute_url()).content.decode()


def test_an_approval_on_one_story_leaves_another_storys_page_cached(section):
    story_a, story_b = ArticleFactory(section=section), ArticleFactory(section=section)
    comment = pending(story_a, "Ý kiến cho bài A")
    for story in (story_a, story_b):
        Client().get(story.get_absolute_url())
    Client().get("/")

    decisions.approve([comment], UserFactory())

    page_a = Client().get(story_a.get_absolute_url())
    assert page_a["X-Page-Cache"] == "miss" and "Ý kiến cho bài A" in page_a.content.decode()
    assert Client().get(story_b.get_absolute_url())["X-Page-Cache"] == "hit"
    assert Client().get("/")["X-Page-Cache"] == "hit"  # its counts are a minute old at most


def test_lists_say_their_comment_counts_are_at_most_a_minute_old(article, settings):
    response = Client().get("/")

    seconds = int(response["Cache-Control"].split("s-maxage=")[1].split(",")[0])
    assert 0 < seconds <= settings.COMMENT_COUNTS_FRESH_SECONDS


def test_saving_a_story_retires_cached_lists(client, article):
    assert "Tiêu đề mới hẳn" not in client.get("/").content.decode()

    article.title = "Tiêu đề mới hẳn"
    article.save()

    assert "Tiêu đề mới hẳn" in Client().get("/").content.decode()


def test_renaming_a_tag_retires_the_stories_showing_it_and_no_other(section):
    tag = TagFactory(name="Nông sản")
    tagged, other = ArticleFactory(section=section, tags=[tag]), ArticleFactory(section=section)
    for story in (tagged, other):
        Client().get(story.get_absolute_url())

    tag.name = "Nông sản sạch"
    tag.save()

    page = Client().get(tagged.get_absolute_url())
    assert page["X-Page-Cache"] == "miss" and "Nông sản sạch" in page.content.decode()
    assert Client().get(other.get_absolute_url())["X-Page-Cache"] == "hit"


def test_a_story_moved_to_another_section_leaves_the_old_sections_list(section):
    from tests.factories import SectionFactory

    other = SectionFactory(name="Xã hội", slug="xa-hoi")
    story = ArticleFactory(section=section, title="Bài chuyển mục")
    assert "Bài chuyển mục" in Client().get(section.get_absolute_url()).content.decode()

    story.section = other
    story.save()

    assert "Bài chuyển mục" not in Client().get(section.get_absolute_url()).content.decode()
    assert "Bài chuyển mục" in Client().get(other.get_absolute_url()).content.decode()


def test_publish_action_retires_cached_pages(section):
    editor = Client()
    editor.force_login(UserFactory(username="ed", is_staff=True, groups=["Biên tập viên"]))
    draft = ArticleFactory(
        section=section, title="Bài vừa xuất bản", draft=True, review_state="approved"
    )
    assert "Bài vừa xuất bản" not in Client().get("/").content.decode()

    editor.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish", "_selected_action": [draft.pk]},
    )

    assert "Bài vừa xuất bản" in Client().get("/").content.decode()


def test_scheduled_story_appears_when_due_although_the_home_page_is_cached(section):
    due = timezone.now() + timedelta(seconds=1.5)
    ArticleFactory(section=section, title="Tin đúng giờ", publish_at=due)
    assert "Tin đúng giờ" not in Client().get("/").content.decode()

    time.sleep(max(0.0, (due - timezone.now()).total_seconds()) + 0.1)

    assert "Tin đúng giờ" in Client().get("/").content.decode()


def test_before_a_scheduled_story_shared_caches_keep_no_stale_copy(section):
    ArticleFactory(section=section, publish_at=timezone.now() + timedelta(seconds=40))

    control = Client().get("/")["Cache-Control"]

    assert int(control.split("s-maxage=")[1].split(",")[0]) <= 40
    assert "stale-while-revalidate" not in control


def test_a_page_drawn_while_its_story_changed_is_not_kept(article):
    key = f"story-{article.pk}"

    def changed_meanwhile(sender, **kwargs):
        template_rendered.disconnect(changed_meanwhile)
        retire.retire({key})

    template_rendered.connect(changed_meanwhile)
    try:
        drawn = Client().get(article.get_absolute_url())
    finally:
        template_rendered.disconnect(changed_meanwhile)

    assert drawn["Cache-Control"] == "no-cache"
    assert Client().get(article.get_absolute_url())["X-Page-Cache"] == "miss"


def test_tracking_parameters_share_the_cached_page(article):
    Client().get(article.get_absolute_url())

    shared = Client().get(article.get_absolute_url() + "?utm_source=zalo&zarsrc=30&fbclid=x")

    assert shared["X-Page-Cache"] == "hit"


def test_reloading_browser_gets_304(client, article):
    first = client.get(article.get_absolute_url())

    again = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])

    assert first["ETag"]
    assert "Last-Modified" in first
    assert again.status_code == 304


def test_staff_previews_are_never_served_to_readers(section):
    draft = ArticleFactory(section=section, title="Nháp bí mật", draft=True)
    editor = Client()
    editor.force_login(UserFactory(username="ed2", is_staff=True, groups=["Biên tập viên"]))

    preview = editor.get(draft.get_absolute_url())

    assert preview.status_code == 200 and "xkey" not in preview
    assert "public" not in preview.get("Cache-Control", "")
    assert Client().get(draft.get_absolute_url()).status_code == 404
    assert "Nháp bí mật" not in Client().get("/").content.decode()


def test_logged_in_staff_pass_the_cache(editor_client, article):
    Client().get(article.get_absolute_url())

    page = editor_client.get(article.get_absolute_url())

    assert "X-Page-Cache" not in page and "xkey" not in page


def test_english_readers_get_english_pages_from_the_cache(article):
    Client().get(article.get_absolute_url())
    english = Client()
    english.cookies["django_language"] = "en"

    assert '<html lang="en">' in english.get(article.get_absolute_url()).content.decode()
    assert '<html lang="vi">' in Client().get(article.get_absolute_url()).content.decode()


def test_cached_pages_are_sent_gzipped(article):
    plain = Client().get(article.get_absolute_url())

    packed = Client().get(article.get_absolute_url(), HTTP_ACCEPT_ENCODING="gzip, deflate, br")

    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    assert gzip.decompress(packed.content) == plain.content
    assert packed["ETag"] != plain["ETag"]


def test_a_client_without_gzip_gets_the_kept_page_unpacked(article):
    packed = Client().get(article.get_absolute_url(), HTTP_ACCEPT_ENCODING="gzip")

    plain = Client().get(article.get_absolute_url())

    assert plain["X-Page-Cache"] == "hit" and "Content-Encoding" not in plain
    assert plain.content == gzip.decompress(packed.content)
    assert plain.content.decode().startswith("<!DOCTYPE html>")


def test_with_the_apps_copy_off_pages_are_drawn_each_time_but_still_shareable(
    article, settings, django_assert_max_num_queries
):
    settings.PAGE_CACHE_ENABLED = False
    Client().get(article.get_absolute_url())

    again = Client().get(article.get_absolute_url())

    assert again["X-Page-Cache"] == "miss" and "public" in again["Cache-Control"]


def test_without_redis_a_page_drawn_by_one_worker_serves_every_worker(article, settings):
    settings.CACHES = {  # as without REDIS_URL: each worker's memory, one cache for all
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "w"},
        "shared": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "m"},
        "drawn": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "d"},
    }
    drawn = Client().get(article.get_absolute_url())
    caches["default"].clear()  # another worker: nothing in its own memory

    served = Client().get(article.get_absolute_url())

    assert drawn["X-Page-Cache"] == "miss" and served["X-Page-Cache"] == "hit"
    assert served.content == drawn.content


def test_a_readers_tracking_ids_never_reach_the_next_reader(article):
    tracked = article.get_absolute_url() + "?fbclid=READER-A-CLICK&mc_eid=SUBSCRIBER-A&page=1"

    first = Client().get(tracked)
    second = Client().get(article.get_absolute_url() + "?page=1&UTM_Source=zalo")

    assert second["X-Page-Cache"] == "hit"
    for response in (first, second):
        body = response.content.decode()
        assert "READER-A-CLICK" not in body and "SUBSCRIBER-A" not in body and "zalo" not in body


def test_a_page_drawn_right_after_a_write_shows_it_and_is_kept(article, monkeypatch, moderator):
    monkeypatch.setattr(retire, "MEMO_SECONDS", 0.5)  # as in production
    decisions.approve([pending(article, "Vừa được duyệt")], moderator)

    drawn = Client().get(article.get_absolute_url())
    again = Client().get(article.get_absolute_url())

    assert "Vừa được duyệt" in drawn.content.decode()
    assert drawn["X-Page-Cache"] == "miss" and again["X-Page-Cache"] == "hit"
    assert again.content == drawn.content


def test_a_page_drawn_after_another_workers_write_shows_it_though_this_worker_read_versions_before(
    article, monkeypatch, moderator
):
    monkeypatch.setattr(retire, "MEMO_SECONDS", 0.5)  # as in production
    url = article.get_absolute_url()
    Client().get(url)  # the story's thread is kept; this worker remembers its versions
    remembered = dict(retire._key_memo)
    decisions.approve([pending(article, "Duyệt ở tiến trình khác")], moderator)
    retire._key_memo.update(remembered)  # the write was another worker's: not read here yet

    # a page of the same story not kept yet (another address) draws its thread from the kept
    # one only if that thread's versions, read afresh, are unchanged
    drawn = Client().get(url + "?trang-in=1")
    again = Client().get(url + "?trang-in=1")

    assert "Duyệt ở tiến trình khác" in drawn.content.decode()
    assert again["X-Page-Cache"] == "hit" and again.content == drawn.content


def page_key(url, language="vi"):
    """The page cache's key for `url`, as every worker computes it."""
    request = RequestFactory().get(url)
    request.LANGUAGE_CODE = language
    return pagecache.cache_key(request)


def test_while_another_worker_draws_a_retired_page_readers_get_the_last_copy(
    article, moderator, monkeypatch
):
    url = article.get_absolute_url()
    first = Client().get(url)
    decisions.approve([pending(article, "Vừa được duyệt")], moderator)
    assert pagecache.claim_redraw(page_key(url))  # another worker starts drawing it

    meanwhile = Client().get(url)
    assert meanwhile["X-Page-Cache"] == "stale"
    assert meanwhile["Cache-Control"] == "no-cache"  # no shared cache keeps the old copy
    assert meanwhile.content == first.content

    # half a second on (PAGE_CACHE_REDRAW_SECONDS), that worker still drawing: readers draw it
    # themselves, so that a change shows within a second whatever another worker does
    later = time.time() + 0.6
    monkeypatch.setattr(pagecache.time, "time", lambda: later)
    drawn = Client().get(url)
    assert drawn["X-Page-Cache"] == "miss"
    assert "Vừa được duyệt" in drawn.content.decode()


def test_the_worker_that_drew_a_retired_page_lets_the_next_retirement_be_drawn(article, moderator):
    url = article.get_absolute_url()
    Client().get(url)
    decisions.approve([pending(article, "Ý kiến thứ nhất")], moderator)
    assert "Ý kiến thứ nhất" in Client().get(url).content.decode()  # drawn by this reader

    decisions.approve([pending(article, "Ý kiến thứ hai")], moderator)

    again = Client().get(url)
    assert again["X-Page-Cache"] == "miss"
    assert "Ý kiến thứ hai" in again.content.decode()


def test_a_copy_whose_time_ran_out_long_ago_is_never_served_as_stale(
    article, moderator, monkeypatch
):
    # a story scheduled in ten seconds: the copy is good until then, and kept in the cache longer
    ArticleFactory(section=article.section, publish_at=timezone.now() + timedelta(seconds=10))
    url = article.get_absolute_url()
    Client().get(url)
    later = time.time() + 100
    monkeypatch.setattr(pagecache.time, "time", lambda: later)
    monkeypatch.setattr(retire, "now_us", lambda: int(later * 1_000_000))
    decisions.approve([pending(article, "Duyệt sau giờ hẹn")], moderator)
    assert pagecache.claim_redraw(page_key(url))  # another worker is drawing it

    drawn = Client().get(url)

    assert drawn["X-Page-Cache"] == "miss"
    assert "Duyệt sau giờ hẹn" in drawn.content.decode()


def test_without_redis_a_page_drawn_again_by_one_worker_is_not_drawn_again_by_the_next(
    article, moderator, settings
):
    settings.CACHES = {  # as without REDIS_URL: each worker's memory, one cache for all
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "w2"},
        "shared": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "m2"},
        "drawn": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "d2"},
    }
    url = article.get_absolute_url()
    Client().get(url)
    key = page_key(url)
    old_copy = caches["default"].get(key)  # what another worker keeps in its memory
    decisions.approve([pending(article, "Duyệt một lần")], moderator)
    drawn = Client().get(url)  # one worker draws the page again
    caches["default"].set(key, old_copy)  # the next worker still holds the old copy

    served = Client().get(url)

    assert drawn["X-Page-Cache"] == "miss" and served["X-Page-Cache"] == "hit"
    assert "Duyệt một lần" in served.content.decode()
    assert served["ETag"] == drawn["ETag"]  # the copy the other worker drew


def test_a_page_drawn_with_nothing_retired_since_reads_no_version_again(
    article, monkeypatch, moderator, settings
):
    monkeypatch.setattr(retire, "MEMO_SECONDS", 0.5)  # as in production
    settings.PAGE_CACHE_ENABLED = False  # each page drawn
    url = article.get_absolute_url()
    Client().get(url)
    store, read = caches[settings.PAGE_VERSIONS_CACHE], []
    get_many = store.get_many
    monkeypatch.setattr(store, "get_many", lambda keys: read.append(keys) or get_many(keys))

    Client().get(url)  # one read: the time of the last retirement
    nothing_retired = len(read)
    decisions.approve([pending(article, "Đã duyệt")], moderator)
    read.clear()
    drawn = Client().get(url)

    assert nothing_retired == 0 and read  # after a retirement, the versions are read again
    assert "Đã duyệt" in drawn.content.decode()


def test_on_a_site_never_retired_a_page_drawn_again_reads_no_version_again(
    article, monkeypatch, settings
):
    monkeypatch.setattr(retire, "MEMO_SECONDS", 0.5)
    settings.PAGE_CACHE_ENABLED = False
    caches["shared"].delete(retire.LAST_RETIRED_KEY)  # a new cache: no retirement known
    url = article.get_absolute_url()
    Client().get(url)
    store, read = caches[settings.PAGE_VERSIONS_CACHE], []
    get_many = store.get_many
    monkeypatch.setattr(store, "get_many", lambda keys: read.append(keys) or get_many(keys))

    assert Client().get(url).status_code == 200

    assert read == []


def test_a_page_drawn_while_a_retirement_is_half_written_is_not_kept(article, settings):
    url = article.get_absolute_url()
    Client().get(url)
    # a retirement in another process: its keys written, the time it finished not yet
    caches[settings.PAGE_VERSIONS_CACHE].set(
        retire.KEY_PREFIX + page_keys.thread(article.pk), retire.now_us()
    )

    drawn = Client().get(url)
    again = Client().get(url)

    assert "X-Page-Cache" not in drawn and "X-Page-Cache" not in again  # drawn, not kept
    assert "no-cache" in drawn["Cache-Control"]


def test_a_worker_remembers_the_versions_of_a_bounded_number_of_keys(monkeypatch):
    monkeypatch.setattr(retire, "MEMO_MAX_KEYS", 50)
    first = retire.versions(["story-0"])

    for n in range(1, 200):  # a crawler reads the whole archive within half a second
        retire.versions([f"story-{n}"])

    assert len(retire._key_memo) <= 51
    assert retire.versions(["story-0"]) == first  # forgotten here, read again: the same
