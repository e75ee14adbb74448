"""Story cards on every list show the story's comment count, linked to its thread, as
Vietnamese news sites do: only when there is at least one, and without a query of their own."""

import re

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles import cards
from articles.models import Article
from tests.factories import ArticleFactory, AuthorFactory, BylineFactory, TagFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def stories(section):
    """Enough stories for the home page's lead, its latest list and its section block, all
    with a tag and a byline, and all found by one search; the newest last."""
    tag, author = TagFactory(name="Cà phê"), AuthorFactory(name="Hồng Nhung")
    made = [
        ArticleFactory(section=section, title=f"Cà phê Đăk Hà {n}", tags=[tag]) for n in range(14)
    ]
    for story in made:
        BylineFactory(article=story, author=author)
    return made


def with_comments(stories, count):
    Article.objects.filter(pk__in=[s.pk for s in stories]).update(comment_count=count)


def list_urls(story):
    return {
        "home": reverse("articles:home"),
        "section": story.section.get_absolute_url(),
        "tag": story.tags.get().get_absolute_url(),
        "author": story.bylines.get().author.get_absolute_url(),
        "search": reverse("articles:search") + "?q=ca+phe+dak+ha",
    }


def count_links(html):
    """{story link: the text of its comment-count link} on a page."""
    found = re.findall(r'<a class="comment-count" href="([^"#]+)#binh-luan">([^<]+)</a>', html)
    return {url: text for url, text in found}


@pytest.mark.parametrize("page", ["home", "section", "tag", "author", "search"])
def test_cards_show_the_comment_count_linked_to_the_thread(client, stories, page):
    with_comments(stories, 12)
    url = list_urls(stories[0])[page]

    links = count_links(client.get(url).content.decode())

    assert len(links) >= 4
    for story_url, text in links.items():
        assert text == "12 bình luận"
        assert story_url in {s.get_absolute_url() for s in stories}


def test_every_story_on_the_home_page_shows_its_count(client, stories):
    for n, story in enumerate(stories):
        Article.objects.filter(pk=story.pk).update(comment_count=n + 1)

    links = count_links(client.get(reverse("articles:home")).content.decode())

    assert links == {s.get_absolute_url(): f"{n + 1} bình luận" for n, s in enumerate(stories)}


@pytest.mark.parametrize("page", ["home", "section", "tag", "author", "search"])
def test_no_count_is_shown_without_comments(client, stories, page):
    html = client.get(list_urls(stories[-1])[page]).content.decode()

    assert stories[-1].title in html
    assert "comment-count" not in html.split("</main>")[0].split('<main id="noi-dung"')[1]
    assert "0 bình luận" not in html


def test_one_comment_reads_as_one(client, stories):
    with_comments(stories[-1:], 1)

    links = count_links(client.get(stories[-1].section.get_absolute_url()).content.decode())

    assert links == {stories[-1].get_absolute_url(): "1 bình luận"}


@pytest.mark.parametrize("page", ["home", "section", "tag", "author", "search"])
def test_counts_cost_no_query(client, stories, page, django_assert_num_queries):
    url = list_urls(stories[0])[page]
    client.get(reverse("articles:corrections"))  # the menu, remembered from the first page on
    with_comments(stories, 0)  # a write like the one below (the next story's time is asked again)
    with CaptureQueriesContext(connection) as without:
        client.get(url)

    with_comments(stories, 250)
    with django_assert_num_queries(len(without)):
        html = client.get(url).content.decode()  # the write retired the cached page

    assert "250 bình luận" in html


def card_drawings(response):
    """How many story cards the page drew (the story_card partial, once per card drawn)."""
    return sum(t.name == "story_card" for t in response.templates)


@pytest.mark.parametrize("page", ["section", "tag", "author", "search"])
def test_a_list_draws_its_cards_once_then_shows_them_kept(client, stories, settings, page):
    settings.PAGE_CACHE_ENABLED = False  # the page drawn each time, its cards kept
    url = list_urls(stories[0])[page]
    first = client.get(url)
    Article.objects.filter(pk=stories[-1].pk).update(title="Cà phê Đăk Hà, tên mới")

    again = client.get(url)

    assert card_drawings(first) == 12 and card_drawings(again) == 1  # the renamed story's
    html = again.content.decode()
    assert "Cà phê Đăk Hà, tên mới" in html and stories[-2].title in html


def test_without_redis_cards_drawn_by_one_worker_are_not_drawn_again_by_another(
    client, stories, settings
):
    settings.PAGE_CACHE_ENABLED = False
    settings.CACHES = {  # as without REDIS_URL: each worker's memory, one cache for all
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "w4"},
        "shared": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "m4"},
        "drawn": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "d4"},
    }
    url = reverse("articles:search") + "?q=ca+phe"
    first = client.get(url)
    caches["default"].clear()  # another worker: nothing in its own memory

    other = client.get(url)

    assert card_drawings(first) == 12 and card_drawings(other) == 0
    assert other.content == first.content


def test_a_kept_search_card_shows_the_passage_of_each_search(client, stories, settings):
    settings.PAGE_CACHE_ENABLED = False
    story = stories[-1]
    story.standfirst = "Giá cà phê nhân xô tăng mạnh. Nông dân Đăk Hà phấn khởi vào vụ thu hoạch."
    story.save()
    search = reverse("articles:search")

    first = client.get(search + "?q=ca+phe+nhan+xo").content.decode()
    again = client.get(search + "?q=nong+dan+phan+khoi")

    html = again.content.decode()
    assert card_drawings(again) == 0  # every card kept from the first search
    assert "<mark>Nông</mark> <mark>dân</mark>" in html and "<mark>phấn</mark>" in html
    assert "<mark>nhân</mark>" in first and "<mark>nhân</mark>" not in html


def test_a_card_drawn_from_rows_loaded_before_a_write_is_not_kept(
    client, stories, settings, monkeypatch
):
    settings.PAGE_CACHE_ENABLED = False
    url, story = list_urls(stories[0])["section"], stories[-1]
    draw = cards._pieces

    def written_meanwhile(*args, **kwargs):  # the list's rows are loaded; a write lands now
        monkeypatch.setattr(cards, "_pieces", draw)
        Article.objects.filter(pk=story.pk).update(title="Cà phê Đăk Hà, tên sau khi tải")
        return draw(*args, **kwargs)

    monkeypatch.setattr(cards, "_pieces", written_meanwhile)
    client.get(url)

    assert "Cà phê Đăk Hà, tên sau khi tải" in client.get(url).content.decode()


def test_a_result_found_by_its_title_alone_shows_no_empty_passage(client, section):
    ArticleFactory(section=section, title="Lũ quét ở Kon Plông", standfirst="", body="<p>Tin.</p>")

    html = client.get(reverse("articles:search") + "?q=lu+quet").content.decode()

    assert "Lũ quét ở Kon Plông" in html
    assert "search-snippet" not in html
