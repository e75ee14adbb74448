"""How the thread looks: featured comments, staff badges, comments hidden for review, reports and
likes on each comment, the rule's modes, and shared cached pages that stay fresh enough."""

import time
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment, CommentLike, CommentRule
from newsroom.infra import pagecache
from tests.comments.factories import CommentFactory
from tests.comments.helpers import approved, item, page, personal_page, post_comment
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

ARTICLE_PAGE_QUERIES = 9 + 1  # as tests/comments/test_comment_queries.py
# the menu and the next scheduled story's time, remembered by each process after one page
REMEMBERED_QUERIES = 2


def like_url(comment):
    return reverse("comments:like", kwargs={"pk": comment.pk})


@pytest.fixture
def clock(monkeypatch):
    """`clock(seconds)` moves the page cache's clock and `timezone.now()` on together."""
    offset = [0.0]
    real_time, real_now = time.time, timezone.now
    shifted = SimpleNamespace(time=lambda: real_time() + offset[0], monotonic=time.monotonic)
    monkeypatch.setattr(pagecache, "time", shifted)
    monkeypatch.setattr(timezone, "now", lambda: real_now() + timedelta(seconds=offset[0]))

    def advance(seconds):
        offset[0] += seconds

    return advance


# --- featured ------------------------------------------------------------------------------


def test_featured_comments_show_above_the_thread_newest_pin_first_at_most_three(article):
    now = timezone.now()
    pins = [
        approved(article, name=f"Nổi bật {n}", featured_at=now - timedelta(minutes=n))
        for n in range(4)
    ]
    approved(
        article,
        name="Bị ẩn mà được ghim",
        featured_at=now,
        report_state=Comment.ReportState.HIDDEN,
    )
    CommentFactory(article=article, name="Chưa duyệt mà được ghim", featured_at=now)
    approved(article, name="Bình thường")

    html = page(article)

    block = html[html.index('class="featured-comments"') : html.index('<ol class="comment-list">')]
    assert "Ý kiến nổi bật" in block
    assert [block.index(p.name) for p in pins[:3]] == sorted(block.index(p.name) for p in pins[:3])
    for pin in pins[:3]:
        assert f'href="#binh-luan-{pin.pk}"' in block
    assert pins[3].name not in block
    assert block.count('<li class="featured-comment') == 3
    assert "Bị ẩn mà được ghim" not in html and "Chưa duyệt mà được ghim" not in html
    for pin in pins:
        assert '<span class="featured-mark">Nổi bật</span>' in item(html, pin)


def test_no_featured_block_without_pins(article):
    plain = approved(article)

    html = page(article)

    assert "Ý kiến nổi bật" not in html
    assert "featured-mark" not in item(html, plain)


# --- staff ---------------------------------------------------------------------------------


def test_staff_comments_carry_their_role_and_the_author_mark(article):
    author = approved(
        article, name="Trần Phóng Viên", badge=Comment.Badge.REPORTER, by_story_author=True
    )
    board = approved(article, name="Tòa soạn", badge=Comment.Badge.BOARD)
    editor = approved(article, name="Biên Tập", badge=Comment.Badge.EDITOR)
    reader = approved(article, name="Bạn Đọc")

    html = page(article)

    assert '<span class="comment-badge">Phóng viên</span>' in item(html, author)
    assert '<span class="comment-badge is-author">Tác giả</span>' in item(html, author)
    assert '<span class="comment-badge">Ban biên tập</span>' in item(html, board)
    assert '<span class="comment-badge">Biên tập viên</span>' in item(html, editor)
    assert "Tác giả" not in item(html, board)
    assert "comment-badge" not in item(html, reader)
    for staff in (author, board, editor):
        assert f'is-staff" id="binh-luan-{staff.pk}"' in html
    assert f'class="comment depth-1" id="binh-luan-{reader.pk}"' in html


# --- hidden for review ---------------------------------------------------------------------


def test_a_comment_hidden_for_review_shows_a_placeholder_and_keeps_its_replies(article):
    hidden = approved(
        article,
        name="Người Bị Báo Cáo",
        body="Nội dung đang bị xem xét",
        report_state=Comment.ReportState.HIDDEN,
    )
    reply = approved(article, name="Người Trả Lời", body="Câu trả lời vẫn hiện", parent=hidden)
    second = approved(article, name="Cháu", parent=reply)
    deep = approved(article, name="Chắt", body="Sâu hơn nữa", parent=second)
    deeper = approved(article, name="Chút", parent=deep)

    html = page(article)

    shown = item(html, hidden)
    assert "Bình luận này đang được xem xét lại" in shown
    assert "Người Bị Báo Cáo" not in html and "Nội dung đang bị xem xét" not in html
    assert like_url(hidden) not in html
    assert f'data-report="{hidden.pk}"' not in html
    assert f'data-reply-to="{hidden.pk}"' not in html
    assert "Câu trả lời vẫn hiện" in item(html, reply)
    assert html.index(f'id="binh-luan-{hidden.pk}"') < html.index(f'id="binh-luan-{reply.pk}"')
    assert "Sâu hơn nữa" in item(html, deep) and "@Chắt" in item(html, deeper)


def test_no_reply_form_for_a_comment_hidden_for_review(article):
    hidden = approved(article, name="Ẩn Danh Tính", report_state=Comment.ReportState.HIDDEN)

    html = page(article, query=f"?reply_to={hidden.pk}")

    assert "Ẩn Danh Tính" not in html


# --- actions on each comment ---------------------------------------------------------------


def test_every_shown_comment_has_like_and_report_but_an_own_pending_one_has_neither(article):
    first, second = approved(article), approved(article)
    reader = Client()
    post_comment(reader, article, body="Của tôi, chờ duyệt")
    pending = Comment.objects.get(body="Của tôi, chờ duyệt")

    html = personal_page(reader, article)

    for comment in (first, second):
        report = reverse("comments:report", kwargs={"pk": comment.pk})
        assert f'<a href="{report}" data-report="{comment.pk}">Báo cáo vi phạm</a>' in html
        assert f'formaction="{like_url(comment)}"' in item(html, comment)
    assert "Báo cáo vi phạm" not in item(html, pending)
    assert like_url(pending) not in html
    assert '<form id="thich-binh-luan" method="post" class="like-form">' in html
    assert 'form="thich-binh-luan"' in item(html, first)
    assert "comments/js/likes.js" in html and "comments/js/reports.js" in html


def test_the_like_count_is_shown_next_to_the_button(article):
    comment = approved(article, like_count=12)

    assert "<span data-like-count>12</span>" in item(page(article), comment)


# --- the rule's modes ----------------------------------------------------------------------


def story_rule(article, **fields):
    return CommentRule.objects.create(scope=CommentRule.Scope.STORY, article=article, **fields)


def test_comments_turned_off_draw_no_section_at_all(article):
    approved(article, body="Không ai thấy")
    story_rule(article, mode=CommentRule.Mode.OFF)

    html = page(article)

    assert 'id="binh-luan"' not in html
    assert "Không ai thấy" not in html
    assert "bình luận</h2>" not in html
    assert "comment-form" not in html
    assert "likes.js" not in html


def test_read_only_shows_the_thread_with_likes_and_reports_but_no_form_or_reply(article):
    comment = approved(article, body="Vẫn đọc được")
    story_rule(article, mode=CommentRule.Mode.READ_ONLY)

    html = page(article)

    assert "Vẫn đọc được" in html
    assert 'class="comment-form"' not in html
    assert "reply-link" not in html and "Trả lời</a>" not in html
    assert like_url(comment) in html
    assert f'data-report="{comment.pk}"' in html


def test_closed_stories_show_no_reply_links(section):
    story = ArticleFactory(section=section, allow_comments=False)
    approved(story)

    html = page(story)

    assert "reply-link" not in html


# --- shared cached pages -------------------------------------------------------------------


def test_a_like_shows_on_the_shared_page_within_five_minutes_without_retiring_it(
    article, clock, django_assert_num_queries
):
    """likes.js asks for the counts on every page load; a browser without it sees them at
    most COMMENTS_LIKES_FRESH_SECONDS (300) old."""
    comment = approved(article)
    assert "<span data-like-count>0</span>" in item(page(article), comment)

    Client().post(like_url(comment), HTTP_ACCEPT="application/json")
    clock(150)
    with django_assert_num_queries(0):  # the same shared page, not drawn again
        within = page(article)
    clock(151)
    after = page(article)

    assert "<span data-like-count>0</span>" in item(within, comment)
    assert "<span data-like-count>1</span>" in item(after, comment)
    assert CommentLike.objects.count() == 1


def test_a_story_without_comments_keeps_its_cached_page_longer(
    article, clock, django_assert_num_queries
):
    page(article)
    clock(120)

    with django_assert_num_queries(0):
        page(article)


def test_quiet_hours_starting_replace_the_form_on_a_cached_page_on_time(article, clock):
    start = (timezone.localtime() + timedelta(minutes=2)).replace(second=0, microsecond=0)
    end = start + timedelta(hours=8)
    story_rule(article, quiet_from=start.time(), quiet_until=end.time())
    assert 'class="comment-form"' in page(article)

    clock(60)
    assert 'class="comment-form"' in page(article)
    clock(65)
    quiet = Client().get(article.get_absolute_url())

    assert 'class="comment-form"' not in quiet.content.decode()
    assert quiet.context["reopens_at"] == end.astimezone(timezone.get_current_timezone())


def test_a_closed_story_in_quiet_hours_says_nothing_of_reopening(section):
    story = ArticleFactory(section=section, allow_comments=False)
    now = timezone.localtime()
    start, end = now - timedelta(minutes=5), now + timedelta(hours=1)
    story_rule(story, quiet_from=start.time(), quiet_until=end.time())

    response = Client().get(story.get_absolute_url())

    assert response.context["reopens_at"] is None
    assert "mở lại" not in response.content.decode()


def test_the_section_context_keeps_the_rule_and_whether_it_is_open(article):
    response = Client().get(article.get_absolute_url())

    assert response.context["is_open"] is True
    assert response.context["rules"].shows_thread
    assert response.context["reopens_at"] is None


# --- query budget --------------------------------------------------------------------------


@pytest.mark.parametrize("count", [3, 60])
def test_likes_featured_staff_and_hidden_comments_cost_no_extra_query(
    article, django_assert_num_queries, count
):
    now = timezone.now()
    for n in range(count):
        top = approved(
            article,
            like_count=n,
            badge=Comment.Badge.REPORTER if n % 5 == 0 else Comment.Badge.NONE,
            by_story_author=n % 10 == 0,
            featured_at=now - timedelta(minutes=n) if n % 7 == 0 else None,
            report_state=Comment.ReportState.HIDDEN if n % 9 == 4 else "",
        )
        approved(article, parent=top, like_count=1)

    with django_assert_num_queries(ARTICLE_PAGE_QUERIES):
        response = Client().get(article.get_absolute_url())
    # the other order's page is drawn apart; the rule is kept from the first page
    with django_assert_num_queries(ARTICLE_PAGE_QUERIES - REMEMBERED_QUERIES - 1):
        Client().get(article.get_absolute_url() + "?sap-xep=moi-nhat")

    assert response.content.decode().count('<li class="comment ') == 2 * count
