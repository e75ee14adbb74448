"""Readers like comments in a real browser, with JavaScript and without; the thread with
featured, staff and hidden comments passes axe at a phone's width and a laptop's."""

import re
import shutil
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment, CommentLike
from tests.browser.helpers import (
    DESKTOP,
    PHONE,
    axe_violations,
    expect,
    screenshot,
    unavailable,
)
from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def story():
    section = SectionFactory(name="Xã hội", slug="xa-hoi")
    return ArticleFactory(section=section, title="Đường lên Măng Đen được mở rộng")


def approved(story, name, body, **fields):
    return CommentFactory(
        article=story, name=name, body=body, status=Comment.Status.APPROVED, **fields
    )


@pytest.fixture
def comments(story):
    return [
        approved(story, "Anh Quang", "Mong đường xong trước mùa mưa.", minutes_ago=30),
        approved(story, "Chị Thảo", "Đi lại sẽ đỡ vất vả nhiều.", minutes_ago=20),
    ]


def like_of(page, comment):
    """The comment's like button and its count (not its replies')."""
    item = page.locator(f"#binh-luan-{comment.pk} > article")
    return item.get_by_role("button", name="Thích"), item.locator("[data-like-count]")


def test_a_like_toggles_in_place_and_the_browser_remembers_it(open_context, story, comments):
    first, second = comments
    page = open_context().new_page()
    page.goto(story.get_absolute_url())
    button, count = like_of(page, first)
    expect(button).to_have_attribute("aria-pressed", "false")
    expect(count).to_have_text("0")

    button.click()

    expect(button).to_have_attribute("aria-pressed", "true")
    expect(count).to_have_text("1")
    assert page.url.endswith(story.get_absolute_url())  # no page load
    assert CommentLike.objects.filter(comment=first).count() == 1

    page.reload()  # the shared cached page still says 0: the browser knows better

    button, count = like_of(page, first)
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(count).to_have_text("1")
    expect(like_of(page, second)[0]).to_have_attribute("aria-pressed", "false")

    someone_else = open_context().new_page()
    someone_else.goto(story.get_absolute_url())
    their_button, their_count = like_of(someone_else, first)
    expect(their_button).to_have_attribute("aria-pressed", "false")
    expect(their_count).to_have_text("1")  # refreshed from the counts endpoint
    their_button.click()
    expect(their_count).to_have_text("2")

    button.click()  # the first reader takes theirs back

    expect(button).to_have_attribute("aria-pressed", "false")
    expect(count).to_have_text("1")
    first.refresh_from_db()
    assert first.like_count == CommentLike.objects.filter(comment=first).count() == 1


def test_too_many_likes_show_the_message_where_the_reader_clicked(
    open_context, story, comments, settings
):
    settings.COMMENTS_LIKE_RATE_LIMITS = [(1, 60)]
    first, second = comments
    page = open_context().new_page()
    page.goto(story.get_absolute_url())
    like_of(page, first)[0].click()
    expect(like_of(page, first)[1]).to_have_text("1")

    button, count = like_of(page, second)
    button.click()

    status = page.locator(f"#binh-luan-{second.pk}").get_by_role("status")
    expect(status).to_have_text(re.compile("Bạn bấm thích nhanh quá: tối đa 1 lượt mỗi 60 giây"))
    expect(button).to_have_attribute("aria-pressed", "false")
    expect(count).to_have_text("0")


def test_likes_work_without_javascript(open_context, story, comments):
    first, _second = comments
    page = open_context(java_script_enabled=False).new_page()
    page.goto(story.get_absolute_url())
    button, count = like_of(page, first)
    expect(count).to_have_text("0")

    button.click()

    expect(page).to_have_url(re.compile(rf"#binh-luan-{first.pk}$"))
    expect(page.get_by_text("Bạn đã thích bình luận này.")).to_be_visible()
    expect(like_of(page, first)[1]).to_have_text("1")

    like_of(page, first)[0].click()

    expect(page.get_by_text("Bạn đã bỏ thích bình luận này.")).to_be_visible()
    expect(like_of(page, first)[1]).to_have_text("0")
    assert CommentLike.objects.count() == 0


def test_the_order_links_work_without_javascript(open_context, story, comments):
    first, second = comments
    Comment.objects.filter(pk=first.pk).update(like_count=5)
    page = open_context(java_script_enabled=False).new_page()
    page.goto(story.get_absolute_url())
    thread = page.locator(".comment-list > li")
    expect(thread.first).to_have_id(f"binh-luan-{first.pk}")

    page.get_by_role("link", name="Mới nhất").click()

    expect(page).to_have_url(re.compile(r"\?sap-xep=moi-nhat#binh-luan$"))
    expect(thread.first).to_have_id(f"binh-luan-{second.pk}")
    expect(page.get_by_role("link", name="Mới nhất")).to_have_attribute("aria-current", "true")


@pytest.fixture
def full_thread(story):
    now = timezone.now()
    reader = approved(
        story,
        "Anh Quang",
        "Mong đường xong trước mùa mưa, bà con đi chợ đỡ vất vả.",
        minutes_ago=50,
        like_count=14,
        featured_at=now,
    )
    author = approved(
        story,
        "Phạm Minh Đức",
        "Cảm ơn anh, tòa soạn sẽ tiếp tục theo dõi tiến độ công trình.",
        minutes_ago=40,
        parent=reader,
        badge=Comment.Badge.REPORTER,
        by_story_author=True,
        like_count=3,
    )
    hidden = approved(
        story,
        "Người Bị Báo Cáo",
        "Nội dung bị báo cáo",
        minutes_ago=30,
        report_state=Comment.ReportState.HIDDEN,
    )
    approved(story, "Chị Thảo", "Tôi cũng nghĩ vậy.", minutes_ago=20, parent=hidden)
    approved(
        story,
        "Tòa soạn",
        "Bài viết đã được cập nhật số liệu mới.",
        minutes_ago=10,
        badge=Comment.Badge.BOARD,
        featured_at=now - timedelta(minutes=5),
    )
    return reader, author, hidden


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1280px"])
def test_the_thread_has_no_accessibility_violation(open_context, story, full_thread, viewport):
    page = open_context(viewport=viewport, bypass_csp=True).new_page()
    page.goto(story.get_absolute_url())
    reader, author, hidden = full_thread
    like_of(page, reader)[0].click()
    expect(like_of(page, reader)[0]).to_have_attribute("aria-pressed", "true")

    expect(page.locator(".featured-comments")).to_contain_text("Ý kiến nổi bật")
    expect(page.locator(f"#binh-luan-{author.pk}")).to_contain_text("Tác giả")
    expect(page.locator(f"#binh-luan-{hidden.pk}")).to_contain_text(
        "Bình luận này đang được xem xét lại"
    )
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.locator("#binh-luan").scroll_into_view_if_needed()
    screenshot(page, f"likes-thread-{viewport['width']}")
    assert axe_violations(page) == []


def test_the_thread_and_the_refusal_page_are_valid_html(story, full_thread, tmp_path, settings):
    if shutil.which("java") is None:
        unavailable("no Java for the Nu HTML Checker (apt-get install default-jre-headless)")
    from tests.browser.test_html_validity import nu_html_checker

    settings.COMMENTS_LIKE_RATE_LIMITS = [(0, 60)]
    reader, _author, _hidden = full_thread
    pages = {
        "thread": Client().get(story.get_absolute_url()),
        "newest": Client().get(story.get_absolute_url() + "?sap-xep=moi-nhat"),
        "refused": Client().post(reverse("comments:like", kwargs={"pk": reader.pk})),
    }
    assert [r.status_code for r in pages.values()] == [200, 200, 429]
    paths = []
    for name, response in pages.items():
        paths.append(tmp_path / f"{name}.html")
        paths[-1].write_bytes(response.content)

    messages = [m for m in nu_html_checker(paths) if m.get("type") == "error"]

    assert messages == []
