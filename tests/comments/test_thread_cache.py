"""A story's drawn thread is kept between cold page renders (the page cache off) until what it
shows changes: every write a reader would see shows at once, and a write on one story leaves
the other stories' threads in place."""

from datetime import timedelta

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from comments import decisions, featured
from comments.models import Comment, CommentRule
from tests.comments.factories import CommentFactory
from tests.comments.helpers import approved, item, page, personal_page, post_comment
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

# the story's light lookup (articles.story_pages), nav, story, bylines, tags, notes, related,
# comment rule, comments, and when the next scheduled story goes live (as
# tests/comments/test_comment_queries.py); once drawn, the page around the comments, the rule
# and the thread are kept: only the light lookup is left
COLD_PAGE_QUERIES = 9 + 1
KEPT_THREAD_QUERIES = 1
# after an approval anywhere, the rule is read again (its cache follows the site's content
# version, which every retirement moves on)
AFTER_A_RETIREMENT_QUERIES = KEPT_THREAD_QUERIES + 1
# the approved story's count changed: the page around its comments is drawn again (story,
# bylines, tags, notes, related), and its thread
APPROVED_STORY_QUERIES = AFTER_A_RETIREMENT_QUERIES + 5 + 1


@pytest.fixture(autouse=True)
def _cold(settings):
    settings.PAGE_CACHE_ENABLED = False


def thread(html):
    """The comments part of a page, up to the form (whose render time differs each time)."""
    return html[html.index('id="binh-luan"') : html.index('id="gui-binh-luan"')]


def test_a_thread_drawn_once_is_not_loaded_again(article, django_assert_num_queries):
    approved(article, body="Ý kiến thứ nhất")

    with django_assert_num_queries(COLD_PAGE_QUERIES):
        first = page(article)
    with django_assert_num_queries(KEPT_THREAD_QUERIES):
        again = page(article)

    assert "Ý kiến thứ nhất" in first
    assert thread(again) == thread(first)


def test_an_approval_shows_at_once(article, moderator):
    approved(article, body="Ý kiến cũ")
    waiting = CommentFactory(article=article, body="Ý kiến vừa được duyệt")
    assert "Ý kiến vừa được duyệt" not in page(article)

    decisions.approve(Comment.objects.filter(pk=waiting.pk), moderator)

    assert "Ý kiến vừa được duyệt" in page(article)


def test_a_rejection_shows_at_once(article, moderator):
    comment = approved(article, body="Ý kiến sẽ bị gỡ")
    assert "Ý kiến sẽ bị gỡ" in page(article)

    decisions.reject(Comment.objects.filter(pk=comment.pk), moderator)

    assert "Ý kiến sẽ bị gỡ" not in page(article)


def test_an_edit_of_the_comment_shows_at_once(article):
    comment = approved(article, body="Lời lẽ chưa phù hợp")
    assert "Lời lẽ chưa phù hợp" in page(article)

    comment.body = "Đã được biên tập lại"
    comment.save()

    html = page(article)
    assert "Đã được biên tập lại" in html
    assert "Lời lẽ chưa phù hợp" not in html


def test_a_comment_hidden_by_reports_shows_at_once(article):
    comment = approved(article, body="Bị nhiều người báo cáo")
    assert "Bị nhiều người báo cáo" in page(article)

    for n in range(3):  # COMMENTS_REPORT_THRESHOLD distinct reporters
        url = reverse("comments:report", kwargs={"pk": comment.pk})
        Client().post(url, {"reason": "abusive", "note": ""}, REMOTE_ADDR=f"198.51.100.{n + 1}")

    html = page(article)
    assert "Bị nhiều người báo cáo" not in html
    assert "Bình luận này đang được xem xét lại" in item(html, comment)


def test_a_badge_change_shows_at_once(article):
    comment = approved(article, name="Trần Minh")
    assert "comment-badge" not in item(page(article), comment)

    comment.badge = Comment.Badge.EDITOR
    comment.save()

    assert '<span class="comment-badge">Biên tập viên</span>' in item(page(article), comment)


def test_featuring_shows_at_once(article, moderator):
    comment = approved(article, name="Lê Cúc")
    assert "Ý kiến nổi bật" not in page(article)

    featured.pin(comment, moderator)

    html = page(article)
    assert "Ý kiến nổi bật" in html
    assert "is-featured" in html


def test_a_rule_closing_comments_shows_at_once(section):
    article = ArticleFactory(section=section, publish_at=timezone.now() - timedelta(days=3))
    approved(article)
    assert 'class="reply-link"' in page(article)

    CommentRule.objects.create(scope=CommentRule.Scope.SECTION, section=section, close_after_days=1)

    html = page(article)
    assert 'class="reply-link"' not in html
    assert "Bình luận đã đóng." in html


def test_the_other_language_gets_its_own_thread(article):
    comment = approved(article)
    assert "Báo cáo vi phạm" in item(page(article), comment)
    english = Client()
    english.cookies["django_language"] = "en"

    html = item(page(article, english), comment)

    assert ">Report</a>" in html
    assert "Báo cáo vi phạm" not in html
    assert "Báo cáo vi phạm" in item(page(article), comment)


def test_an_approval_on_one_story_leaves_the_others_thread_in_place(
    section, moderator, django_assert_num_queries
):
    story_a, story_b = ArticleFactory(section=section), ArticleFactory(section=section)
    approved(story_b, body="Ý kiến ở bài B")
    waiting = CommentFactory(article=story_a)
    page(story_a), page(story_b)

    decisions.approve(Comment.objects.filter(pk=waiting.pk), moderator)

    with django_assert_num_queries(AFTER_A_RETIREMENT_QUERIES):
        assert "Ý kiến ở bài B" in page(story_b)
    with django_assert_num_queries(APPROVED_STORY_QUERIES):
        assert f'id="binh-luan-{waiting.pk}"' in page(story_a)


def test_each_order_is_kept_apart(article):
    older = approved(article, body="Ý kiến cũ hơn", minutes_ago=10, like_count=5)
    newer = approved(article, body="Ý kiến mới hơn", minutes_ago=1)

    most_liked, newest = page(article), page(article, query="?sap-xep=moi-nhat")

    assert most_liked.index(f"binh-luan-{older.pk}") < most_liked.index(f"binh-luan-{newer.pk}")
    assert newest.index(f"binh-luan-{newer.pk}") < newest.index(f"binh-luan-{older.pk}")


def test_a_readers_own_pending_comment_never_reaches_the_kept_thread(article):
    approved(article, body="Ý kiến đã duyệt")
    page(article)
    reader = Client()
    post_comment(reader, article, body="Ý kiến của tôi đang chờ")

    assert "Ý kiến của tôi đang chờ" in personal_page(reader, article)
    assert "Ý kiến của tôi đang chờ" not in page(article)
    assert "Ý kiến của tôi đang chờ" not in page(article, reader)


def test_a_reply_link_followed_names_whom_the_form_answers(article):
    comment = approved(article, name="Phạm Hoa")
    page(article)

    html = page(article, query=f"?reply_to={comment.pk}")

    assert "<strong data-reply-name>Phạm Hoa</strong>" in html
    assert f'value="{comment.pk}"' in html


# --- the reader's empty form, kept with its own render time on each page -------------------


def rendered_value(html):
    start = html.index('name="rendered" value="') + len('name="rendered" value="')
    return html[start : html.index('"', start)]


def test_each_page_gets_its_own_render_time_in_the_kept_form(article, settings):
    settings.COMMENTS_MIN_SECONDS_TO_POST = 0
    first, again = page(article), page(article)
    assert rendered_value(first) != rendered_value(again)

    response = post_comment(Client(), article, rendered=rendered_value(again))

    assert response.status_code == 302
    assert Comment.objects.get().status == Comment.Status.PENDING  # a forged time: spam


def test_a_rule_shortening_comments_shows_in_the_form_at_once(article):
    assert 'maxlength="1000"' in page(article)

    CommentRule.objects.create(scope=CommentRule.Scope.STORY, article=article, max_length=300)

    assert 'maxlength="300"' in page(article)


def comment_drawings(response):
    """How many comments the page drew (comments/comment.html, once per comment shown)."""
    return sum(t.name == "comments/comment.html" for t in response.templates)


def test_an_approved_reply_draws_only_its_own_thread_again(article, moderator):
    roots = [approved(article, body=f"Ý kiến gốc {n}") for n in range(5)]
    approved(article, parent=roots[2], body="Trả lời có sẵn")
    assert comment_drawings(Client().get(article.get_absolute_url())) == 6
    reply = CommentFactory(article=article, parent=roots[2], body="Trả lời mới được duyệt")

    decisions.approve(Comment.objects.filter(pk=reply.pk), moderator)

    again = Client().get(article.get_absolute_url())
    assert comment_drawings(again) == 3  # the third thread: its comment and both replies
    html = again.content.decode()
    assert "Trả lời mới được duyệt" in html
    assert all(f"Ý kiến gốc {n}" in html for n in range(5))


def test_the_page_a_post_lands_on_draws_only_the_readers_own_thread(article):
    roots = [approved(article, body=f"Ý kiến gốc {n}") for n in range(5)]
    page(article)
    reader = Client()
    post_comment(reader, article, parent=roots[1].pk, body="Tôi trả lời, đang chờ duyệt")
    url = reverse("comments:personal_story", kwargs={"slug": article.slug})

    landing = reader.get(url)

    assert comment_drawings(landing) == 2  # the second thread: its comment and the reply
    html = landing.content.decode()
    assert "Tôi trả lời, đang chờ duyệt" in html
    assert all(f"Ý kiến gốc {n}" in html for n in range(5))
    assert "Tôi trả lời, đang chờ duyệt" not in page(article)  # never kept for the others


def test_without_redis_a_thread_drawn_by_one_worker_is_not_drawn_again_by_another(
    article, settings
):
    settings.CACHES = {  # as without REDIS_URL: each worker's memory, one cache for all
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "w3"},
        "shared": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "m3"},
        "drawn": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "d3"},
    }
    for n in range(4):
        approved(article, body=f"Ý kiến {n}")
    first = Client().get(article.get_absolute_url())
    caches["default"].clear()  # another worker: nothing in its own memory

    other = Client().get(article.get_absolute_url())

    assert comment_drawings(first) == 4 and comment_drawings(other) == 0
    assert thread(other.content.decode()) == thread(first.content.decode())
