"""A story page for a reader with no session is drawn around its comment section once
(`articles.story_pages`): later pages, even with the page cache off, run only the story's
light lookup, and show at once whatever changed on the page."""

import gzip
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from comments import decisions
from comments.models import Comment
from tests.comments.factories import CommentFactory
from tests.comments.helpers import approved
from tests.factories import ArticleFactory, AuthorFactory, BylineFactory, TagFactory

pytestmark = pytest.mark.django_db

# the story's light lookup, then its comment section: the rule (kept) and the thread (kept)
KEPT_STORY_QUERIES = 1


@pytest.fixture(autouse=True)
def _cold(settings):
    settings.PAGE_CACHE_ENABLED = False


@pytest.fixture
def story(section):
    tag = TagFactory(name="Cà phê", slug="ca-phe")
    story = ArticleFactory(section=section, title="Giá cà phê lên cao", tags=[tag])
    BylineFactory(article=story, author=AuthorFactory(name="Trần Văn Nam"))
    for n in range(3):
        approved(story, name=f"Bạn đọc {n}", body=f"Ý kiến số {n} về giá cà phê.")
    decisions.recount([story.pk])
    return story


@pytest.fixture
def neighbour(section, story):
    """An older story of the same section: the story page shows it among the related."""
    return ArticleFactory(
        section=section, title="Hồ tiêu mất giá", publish_at=story.publish_at - timedelta(days=1)
    )


def page(story, client=None):
    response = (client or Client()).get(story.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def queries(story):
    with CaptureQueriesContext(connection) as captured:
        page(story)
    return len(captured)


def without_form_time(html):
    """The page without its form's signed render time, which changes with every page."""
    start = html.index('name="rendered" value="')
    return html[:start] + html[html.index('"', start + 23) :]


def test_a_story_drawn_once_is_drawn_again_from_one_query(story, neighbour):
    first = page(story)

    assert queries(story) == KEPT_STORY_QUERIES
    assert without_form_time(page(story)) == without_form_time(first)
    assert "Ý kiến số 2 về giá cà phê." in first and neighbour.title in first


def test_the_kept_page_is_the_page_a_personal_request_draws_whole(story, neighbour):
    page(story)
    personal = Client()
    personal.cookies["sessionid"] = "no-such-session"  # personal: drawn whole, kept by nobody

    assert without_form_time(page(story, personal)) == without_form_time(page(story))


def test_an_approval_shows_in_the_thread_and_the_count_at_once(story, moderator):
    assert "3 bình luận" in page(story)
    waiting = CommentFactory(article=story, body="Một ý kiến vừa được duyệt.")

    decisions.approve(Comment.objects.filter(pk=waiting.pk), moderator)

    html = page(story)
    assert "Một ý kiến vừa được duyệt." in html
    assert "4 bình luận" in html
    assert "3 bình luận" not in html


def test_a_story_edited_shows_at_once(story):
    page(story)

    story.standfirst = "Giá cà phê tăng mạnh nhất trong mười năm."
    story.save()

    assert "Giá cà phê tăng mạnh nhất trong mười năm." in page(story)


def test_a_bulk_update_shows_at_once(story):
    page(story)

    Article.objects.filter(pk=story.pk).update(body="<p>Nội dung cập nhật hàng loạt.</p>")

    assert "Nội dung cập nhật hàng loạt." in page(story)


def test_a_tag_and_a_byline_renamed_show_at_once(story):
    page(story)

    tag = story.tags.get()
    tag.name = "Cà phê Robusta"
    tag.save()
    author = story.bylines.get().author
    author.name = "Trần Văn Nam (Kon Tum)"
    author.save()

    html = page(story)
    assert "Cà phê Robusta" in html
    assert "Trần Văn Nam (Kon Tum)" in html


def test_a_new_story_in_the_section_joins_the_related_at_once(story, section):
    page(story)

    new = ArticleFactory(section=section, title="Sầu riêng được mùa")

    assert new.get_absolute_url() in page(story)


def test_a_scheduled_story_joins_the_related_when_its_time_comes(story, section, monkeypatch):
    scheduled = ArticleFactory(
        section=section, title="Tin hẹn giờ", publish_at=timezone.now() + timedelta(minutes=5)
    )
    assert scheduled.get_absolute_url() not in page(story)

    moved = timezone.now() + timedelta(minutes=6)
    monkeypatch.setattr(timezone, "now", lambda: moved)

    assert scheduled.get_absolute_url() in page(story)


def test_each_language_gets_its_own_page(story):
    assert "3 bình luận" in page(story)
    english = Client()
    english.cookies["django_language"] = "en"

    assert "3 comments" in page(story, english)
    assert "3 bình luận" in page(story)


def test_the_gzipped_page_is_the_page(story, settings):
    settings.PAGE_CACHE_ENABLED = True
    for n in range(40):  # a thread big enough for its compression to be kept
        approved(story, body=f"Bình luận dài số {n}. " + "Giá nông sản, thời tiết, mùa vụ. " * 20)
    decisions.recount([story.pk])

    gzipped = Client().get(story.get_absolute_url(), HTTP_ACCEPT_ENCODING="gzip")
    plain = Client().get(story.get_absolute_url())  # the same copy, from the page cache

    assert gzipped["Content-Encoding"] == "gzip"
    assert plain["X-Page-Cache"] == "hit"
    assert gzip.decompress(gzipped.content) == plain.content
    assert len(gzipped.content) < len(plain.content) / 4


def test_a_section_renamed_shows_on_the_story_page_at_once(story, section):
    page(story)

    section.name = "Kinh tế – Tài chính"
    section.save()

    assert page(story).count("Kinh tế – Tài chính") >= 2  # the menu and the story's kicker
