"""Most read ("Đọc nhiều"): read beacons counted once per browser and day, bots and
unpublished stories ignored, counts gathered in the shared cache and written in batches, and
the lists on the home and section pages."""

import re
from datetime import timedelta
from http.cookies import SimpleCookie

import pytest
from django.conf import settings as django_settings
from django.core.cache import caches
from django.core.management import call_command
from django.db import OperationalError
from django.db.models import Sum
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles import read_batches
from articles.models import Article, ReaderOfTheDay, StoryReads
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db

CHROME = (
    "Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Mobile Safari/537.36"
)
READERS = [
    CHROME,
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "coc_coc_browser/134.0.0 Chrome/128.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Linux; Android 12; CUBOT X30) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.6099.144 Mobile Safari/537.36",  # a phone maker, not a bot
    # Zalo's in-app browser: a reader who opened a link shared in a chat.
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
    "Gecko) Mobile/15E148 Zalo iOS/471 ZaloTheme/light ZaloNetwork/wifi ZaloLanguage/vi",
]
BOTS = [
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "Mozilla/5.0 (compatible; coccocbot-web/1.0; +http://help.coccoc.com/searchengine)",
    "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)",
    "Mozilla/5.0 (compatible; Yahoo! Slurp; http://help.yahoo.com/help/us/ysearch/slurp)",
    "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    "Mozilla/5.0 (compatible; Zalo-Crawler/1.0; +https://zalo.me)",
    "TelegramBot (like TwitterBot)",
    "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; "
    "+https://openai.com/gptbot)",
    "Mozilla/5.0 (Linux; Android 5.0) AppleWebKit/537.36 (KHTML, like Gecko) Mobile "
    "Safari/537.36 (compatible; Bytespider; spider-feedback@bytedance.com)",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "HeadlessChrome/131.0.0.0 Safari/537.36",
    "Mozilla/5.0 (compatible; SkypeUriPreview Preview/0.5)",
    "python-requests/2.32.3",
    "curl/8.11.0",
    "Wget/1.21.4",
    "",
]


@pytest.fixture(autouse=True)
def _reads_handed_over_at_once(settings, monkeypatch):
    """Each read reaches the shared cache at once (no quarter-second wait in this process),
    and what an earlier test left in this process is forgotten."""
    settings.READS_PUSH_SECONDS = 0
    monkeypatch.setattr(read_batches, "_gathered", read_batches._Gathered())


class Clock:
    def __init__(self, now):
        self.now = now

    def advance(self, **delta):
        self.now += timedelta(**delta)


@pytest.fixture
def clock(monkeypatch):
    """The site's clock, frozen at 10:15 (Asia/Ho_Chi_Minh) tomorrow: stories made now are
    published by then."""
    local = timezone.localtime() + timedelta(days=1)
    frozen = Clock(local.replace(hour=10, minute=15, second=0, microsecond=0))
    monkeypatch.setattr(timezone, "now", lambda: frozen.now)
    return frozen


def beacon(reader, story, agent=CHROME, **headers):
    url = reverse("articles:read", kwargs={"pk": story.pk})
    return reader.post(url, headers={"User-Agent": agent, **headers})


def flush():
    call_command("flush_reads", stdout=open("/dev/null", "w"))  # noqa: SIM115


def reads_of(story):
    return StoryReads.objects.filter(article=story).aggregate(n=Sum("count"))["n"] or 0


def test_a_beacon_answers_204_with_nothing_in_it(article):
    response = beacon(Client(), article)

    assert response.status_code == 204
    assert response.content == b""
    assert "no-store" in response["Cache-Control"]


def test_a_browser_is_counted_once_per_story_per_day(clock, article):
    clock.now = clock.now.replace(hour=23, minute=50)
    reader = Client()

    assert beacon(reader, article).status_code == 204
    clock.advance(minutes=5)
    beacon(reader, article)  # the same day: not counted again
    flush()
    assert reads_of(article) == 1

    clock.advance(minutes=10)  # 00:05, the next day in Asia/Ho_Chi_Minh
    beacon(reader, article)
    flush()
    assert reads_of(article) == 2


def test_each_browser_and_each_story_count_apart(clock, article):
    other = ArticleFactory(section=article.section)
    first, second = Client(), Client()

    for reader in (first, second):
        beacon(reader, article)
    beacon(first, other)
    flush()

    assert reads_of(article) == 2
    assert reads_of(other) == 1


def test_a_replayed_beacon_is_not_counted_again(clock, article):
    reader = Client()
    beacon(reader, article)
    replay = Client()
    replay.cookies = SimpleCookie(reader.cookies.output(header=""))

    beacon(replay, article)
    flush()

    assert django_settings.READER_COOKIE in reader.cookies
    assert reads_of(article) == 1


@pytest.mark.parametrize("agent", BOTS)
def test_bots_and_crawlers_are_not_counted(clock, article, agent):
    response = beacon(Client(), article, agent=agent)
    flush()

    assert response.status_code == 204
    assert reads_of(article) == 0
    assert django_settings.READER_COOKIE not in response.cookies


@pytest.mark.parametrize("agent", READERS)
def test_readers_browsers_are_counted(clock, article, agent):
    beacon(Client(), article, agent=agent)
    flush()

    assert reads_of(article) == 1


def test_a_beacon_sent_from_another_site_is_not_counted(clock, article):
    beacon(Client(), article, **{"Sec-Fetch-Site": "cross-site"})
    beacon(Client(), article, **{"Sec-Fetch-Site": "same-origin"})
    flush()

    assert reads_of(article) == 1


@pytest.mark.parametrize(
    "story",
    [
        {"status": Article.Status.DRAFT},
        {"publish_at_days": 1},  # scheduled
        {"status": Article.Status.UNPUBLISHED},
    ],
    ids=["draft", "scheduled", "withdrawn"],
)
def test_reads_of_stories_readers_cannot_see_are_not_counted(clock, section, story):
    days = story.pop("publish_at_days", -1)
    hidden = ArticleFactory(section=section, publish_at=clock.now + timedelta(days=days), **story)

    response = beacon(Client(), hidden)
    flush()

    assert response.status_code == 204
    assert reads_of(hidden) == 0


@pytest.mark.parametrize("pk", [0, 987654, 10**25])
def test_a_beacon_for_no_story_is_ignored(client, pk):
    response = client.post(f"/luot-doc/{pk}/", headers={"User-Agent": CHROME})

    assert response.status_code == 204
    assert StoryReads.objects.count() == 0


def test_the_beacon_takes_posts_only(client, article):
    response = client.get(reverse("articles:read", kwargs={"pk": article.pk}))

    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert "Thao tác không được hỗ trợ" in response.content.decode()


def test_the_beacon_echoes_nothing_personal(clock, article):
    marker = "ban-doc-bi-mat-42"
    reader = Client()

    response = reader.post(
        reverse("articles:read", kwargs={"pk": article.pk}),
        {"email": f"{marker}@example.com", "name": marker},
        headers={"User-Agent": f"{CHROME} {marker}", "Referer": f"https://x.vn/?{marker}"},
    )

    assert response.content == b""
    assert all(marker not in value for value in response.headers.values())
    assert list(response.cookies) == [django_settings.READER_COOKIE]
    assert marker not in response.cookies[django_settings.READER_COOKIE].value


def test_beacons_write_nothing_until_a_flush_is_due(
    clock, article, settings, django_assert_num_queries
):
    settings.READS_FLUSH_SECONDS = 10
    flush()  # the last flush: now
    beacon(Client(), article)  # looks the story up once

    with django_assert_num_queries(0):  # no write, not even a read
        for _ in range(3):
            assert beacon(Client(), article).status_code == 204
    clock.advance(seconds=9)
    beacon(Client(), article)
    assert StoryReads.objects.count() == 0

    clock.advance(seconds=1)
    beacon(Client(), article)  # this one finds the flush due: all six go in one batch

    assert reads_of(article) == 6
    clock.advance(seconds=1)
    beacon(Client(), article)
    assert reads_of(article) == 6


def test_reads_are_kept_per_hour(clock, article):
    clock.now = clock.now.replace(minute=58)
    beacon(Client(), article)
    clock.advance(minutes=4)  # the next hour
    beacon(Client(), article)
    beacon(Client(), article)
    flush()

    hours = StoryReads.objects.filter(article=article).order_by("hour")
    assert [(r.hour.minute, r.count) for r in hours] == [(0, 1), (0, 2)]
    assert hours[1].hour - hours[0].hour == timedelta(hours=1)
    assert timezone.localtime(hours[1].hour).hour == timezone.localtime(clock.now).hour


def test_flushes_add_to_what_earlier_flushes_wrote(clock, article):
    beacon(Client(), article)
    flush()
    beacon(Client(), article)
    beacon(Client(), article)
    flush()
    flush()

    assert StoryReads.objects.get(article=article).count == 3


def test_reads_arriving_during_a_flush_are_not_lost(clock, article, monkeypatch):
    for _ in range(4):
        beacon(Client(), article)
    write = read_batches._write

    def slow_write(pending):
        for _ in range(3):  # readers' beacons land while the flush is writing
            assert beacon(Client(), article).status_code == 204
        return write(pending)

    monkeypatch.setattr(read_batches, "_write", slow_write)
    flush()
    assert reads_of(article) == 4

    monkeypatch.setattr(read_batches, "_write", write)
    flush()
    assert reads_of(article) == 7


def test_reads_the_shared_cache_dropped_before_a_flush_are_sent_again(clock, article):
    """A restarted Redis, or a file cache full to its MAX_ENTRIES dropping entries at random:
    each process keeps what it handed over until a flush has written it."""
    for _ in range(3):
        beacon(Client(), article)
    caches["shared"].clear()
    beacon(Client(), article)

    flush()
    flush()

    assert reads_of(article) == 4


def test_a_browser_is_counted_once_whichever_batch_brings_its_reads(clock, article):
    reader = Client()
    beacon(reader, article)
    flush()
    beacon(reader, article)  # another batch, another flush (or another worker)
    flush()

    assert reads_of(article) == 1


def test_batches_read_twice_count_once(clock, article):
    """A flusher killed between its commit and marking the batches read: the processes hand
    them over again, and the next flush finds their readers already counted."""
    for _ in range(3):
        beacon(Client(), article)
    flush()
    caches["shared"].delete(read_batches.DONE)  # the marks never made it
    beacon(Client(), article)  # this process hands over again what no flush marked read

    flush()

    assert reads_of(article) == 4


def test_readers_are_forgotten_after_three_days(clock, article):
    beacon(Client(), article)
    flush()
    clock.advance(days=3)
    beacon(Client(), article)
    flush()

    assert ReaderOfTheDay.objects.count() == 1
    assert ReaderOfTheDay.objects.get().day == timezone.localdate(clock.now)


def test_a_database_that_refuses_the_flush_costs_no_read_and_no_error(clock, article, monkeypatch):
    write = read_batches._write

    def locked(pending):
        raise OperationalError("database is locked")

    monkeypatch.setattr(read_batches, "_write", locked)
    response = beacon(Client(), article)  # finds the first flush due, which fails
    monkeypatch.setattr(read_batches, "_write", write)
    clock.advance(seconds=django_settings.READS_FLUSH_SECONDS)
    beacon(Client(), article)

    assert response.status_code == 204
    assert reads_of(article) == 2


def test_reads_of_a_deleted_story_are_dropped(clock, article, section):
    kept = ArticleFactory(section=section)
    beacon(Client(), article)
    beacon(Client(), kept)
    Article.objects.filter(pk=article.pk).delete()

    flush()

    assert StoryReads.objects.get().article_id == kept.pk


def test_reads_left_before_a_quiet_night_are_flushed_in_the_morning(clock, article):
    beacon(Client(), article)
    flush()
    clock.now = clock.now.replace(hour=22)
    beacon(Client(), article)
    clock.advance(hours=9)  # nobody read overnight; the morning's first flush
    beacon(Client(), article)
    flush()

    assert reads_of(article) == 3
    assert StoryReads.objects.filter(article=article).count() == 3


# --- the lists ---------------------------------------------------------------------------


def read(story, count, hours_ago, now):
    hour = now.astimezone(timezone.UTC).replace(minute=0, second=0, microsecond=0)
    StoryReads.objects.create(article=story, hour=hour - timedelta(hours=hours_ago), count=count)


def ranked(html, heading_id):
    """The titles of one "Đọc nhiều" list, in order."""
    block = html.split(f'id="{heading_id}"', 1)[1].split("</section>", 1)[0]
    return [
        re.sub(r"\s+", " ", title).strip()
        for title in re.findall(r"<li>\s*<a [^>]*>([^<]+)</a>", block)
    ]


@pytest.fixture
def read_stories(clock, section):
    """Stories read over the last days: the day's order is not the week's."""
    now = clock.now
    stories = {
        name: ArticleFactory(section=section, title=name)
        for name in ("Bắc", "Trung", "Nam", "Tây", "Đông", "Cũ", "Nhất", "Nhì")
    }
    read(stories["Bắc"], 5, 0, now)
    read(stories["Bắc"], 70, 30, now)  # yesterday, outside the 24 hours
    read(stories["Trung"], 30, 1, now)
    read(stories["Nam"], 20, 23, now)  # the oldest hour of the 24
    read(stories["Nam"], 1, 24, now)  # just outside them
    read(stories["Tây"], 12, 2, now)
    read(stories["Đông"], 11, 3, now)
    read(stories["Nhất"], 9, 4, now)
    read(stories["Nhì"], 8, 5, now)
    read(stories["Cũ"], 500, 8 * 24, now)  # eight days ago: in neither list
    read(ArticleFactory(section=section, title="Nháp", status="draft"), 900, 0, now)
    scheduled = ArticleFactory(section=section, title="Hẹn giờ", publish_at=now + timedelta(1))
    read(scheduled, 900, 0, now)
    return stories


def test_home_lists_the_most_read_of_the_day_and_the_week(client, read_stories):
    html = client.get(reverse("articles:home")).content.decode()

    assert 'id="most-read-title"' in html and "Đọc nhiều" in html
    assert ranked(html, "most-read-day") == ["Trung", "Nam", "Tây", "Đông", "Nhất"]
    assert ranked(html, "most-read-week") == ["Bắc", "Trung", "Nam", "Tây", "Đông"]
    block = html.split('id="most-read-title"', 1)[1]
    for hidden in ("Nháp", "Hẹn giờ", "Cũ"):
        assert f">{hidden}</a>" not in block
    link = read_stories["Trung"].get_absolute_url()
    assert f'<a href="{link}">Trung</a>' in block


def test_a_section_page_lists_its_own_most_read(client, read_stories, clock):
    elsewhere = SectionFactory(name="Thể thao")
    read(ArticleFactory(section=elsewhere, title="Bóng đá"), 1000, 0, clock.now)
    section = read_stories["Bắc"].section

    html = client.get(section.get_absolute_url()).content.decode()
    other = client.get(elsewhere.get_absolute_url()).content.decode()

    assert ranked(html, "most-read-day") == ["Trung", "Nam", "Tây", "Đông", "Nhất"]
    assert "Bóng đá" not in html.split('id="most-read-title"')[1]
    assert ranked(other, "most-read-day") == ranked(other, "most-read-week") == ["Bóng đá"]


def test_ties_go_to_the_newer_story(client, clock, section):
    older = ArticleFactory(section=section, title="Cũ hơn", publish_at=clock.now - timedelta(2))
    newer = ArticleFactory(section=section, title="Mới hơn", publish_at=clock.now - timedelta(1))
    for story in (older, newer):
        read(story, 7, 1, clock.now)

    html = client.get(reverse("articles:home")).content.decode()

    assert ranked(html, "most-read-day") == ["Mới hơn", "Cũ hơn"]


def test_without_reads_the_pages_show_no_list(client, article):
    for url in (reverse("articles:home"), article.section.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 200
        assert 'class="most-read"' not in response.content.decode()


def test_a_quiet_day_says_so_beside_the_week(client, clock, article):
    read(article, 3, 50, clock.now)

    html = client.get(reverse("articles:home")).content.decode()

    assert ranked(html, "most-read-week") == [article.title]
    day = html.split('id="most-read-day"', 1)[1].split("</section>", 1)[0]
    assert "Chưa có dữ liệu." in day


def test_other_lists_show_no_most_read(client, read_stories):
    story = read_stories["Bắc"]
    search_page = client.get(reverse("articles:search") + "?q=Bac").content.decode()

    assert ">Bắc</a>" in search_page
    assert 'class="most-read"' not in search_page
    assert 'class="most-read"' not in client.get(story.get_absolute_url()).content.decode()


def test_beacons_end_up_in_the_home_pages_list(clock, section):
    first = ArticleFactory(section=section, title="Được đọc nhiều hơn")
    second = ArticleFactory(section=section, title="Được đọc ít hơn")
    for _ in range(3):
        beacon(Client(), first)
    beacon(Client(), second)
    flush()

    html = Client().get(reverse("articles:home")).content.decode()

    assert ranked(html, "most-read-day") == ["Được đọc nhiều hơn", "Được đọc ít hơn"]


def test_lists_are_ranked_again_when_content_changes(editor_client, clock, section):
    """Kept a few minutes (no ranking on every page), but a story taken down leaves at once."""
    first = ArticleFactory(section=section, title="Thứ nhất")
    second = ArticleFactory(section=section, title="Thứ nhì")
    read(first, 10, 0, clock.now)
    read(second, 5, 0, clock.now)
    home = reverse("articles:home")
    assert ranked(editor_client.get(home).content.decode(), "most-read-day") == [
        "Thứ nhất",
        "Thứ nhì",
    ]

    read(second, 50, 1, clock.now)
    assert ranked(editor_client.get(home).content.decode(), "most-read-day")[0] == "Thứ nhất"

    first.status = Article.Status.UNPUBLISHED
    first.save()
    assert ranked(editor_client.get(home).content.decode(), "most-read-day") == ["Thứ nhì"]


# --- the story page sends the beacon ------------------------------------------------------


def test_a_story_page_carries_the_beacon_and_its_script(client, article):
    html = client.get(article.get_absolute_url()).content.decode()

    url = reverse("articles:read", kwargs={"pk": article.pk})
    assert f'data-read-url="{url}"' in html
    assert re.search(r'<script src="[^"]*articles/js/reads\.[^"]*js" defer></script>', html)


def test_a_preview_sends_no_beacon(editor_client, section):
    draft = ArticleFactory(section=section, status=Article.Status.DRAFT)

    html = editor_client.get(draft.get_absolute_url()).content.decode()

    assert "data-read-url" not in html
    assert "reads.js" not in html
