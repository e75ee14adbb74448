"""axe-core, run inside Chromium, finds nothing on the pages readers and staff land on.

Every violation counts, whatever its impact, under WCAG 2.0/2.1 A and AA and axe's best
practices. axe is injected as a script tag; the contexts bypass the site's Content Security
Policy for that, and only for that.
"""

import pytest
from django.urls import reverse

from tests.browser.content import (
    add_moderation_history,
    add_reactions,
    add_reads,
    add_video_stories,
    build_newsroom,
    with_listed_video,
)
from tests.browser.helpers import PHONE, axe_violations, expect, log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def site():
    return build_newsroom()


def open_home(page, site):
    page.goto(reverse("articles:home"))


def open_section(page, site):
    page.goto(site.section.get_absolute_url())


def open_search_results(page, site):
    page.goto(reverse("articles:home"))
    page.get_by_role("searchbox", name="Tìm kiếm").fill("ca phe")
    page.get_by_role("searchbox", name="Tìm kiếm").press("Enter")
    page.wait_for_url("**/tim-kiem/?q=ca+phe")


def open_story_with_form_errors(page, site):
    page.goto(site.lead.get_absolute_url())
    page.get_by_role("button", name="Gửi bình luận").click()
    page.get_by_role("alert").filter(has_text="Bình luận chưa được gửi").wait_for()


def open_admin_login(page, site):
    page.goto(reverse("admin:login"))


def open_video_watch_page(page, site):
    desk = add_video_stories(site, ready=with_listed_video)
    page.goto(desk.hosted.video.get_absolute_url())
    page.get_by_text("Lời thoại").click()  # the transcript, open (it scrolls)


def open_video_list(page, site):
    add_video_stories(site, ready=with_listed_video)
    page.goto(reverse("articles:videos"))


def open_youtube_watch_page(page, site):
    desk = add_video_stories(site, ready=with_listed_video)
    page.goto(desk.youtube.video.get_absolute_url())


def open_report_page(page, site):
    """The report form on a page of its own, where the link leads without JavaScript: the
    page has no script, so it is the same with JavaScript on."""
    page.goto(reverse("comments:report", kwargs={"pk": site.top_comment.pk}))
    assert page.locator("script").count() == 0
    expect(page.get_by_role("radio", name="Spam")).to_be_visible()


def open_report_page_with_errors(page, site):
    open_report_page(page, site)
    page.get_by_role("textbox", name="Ghi chú (không bắt buộc)").fill("Quảng cáo")
    page.get_by_role("button", name="Gửi báo cáo").click()  # no reason chosen
    page.get_by_role("alert").filter(has_text="Báo cáo chưa được gửi").wait_for()


def open_story_with_reactions(page, site):
    """A featured comment, a reporter's answer with badges, a comment hidden by readers'
    reports; the reader likes a comment in place."""
    reactions = add_reactions(site)
    page.goto(site.lead.get_absolute_url())
    like = page.locator(f"#binh-luan-{site.reply.pk} > article").get_by_role("button", name="Thích")
    like.click()
    expect(like).to_have_attribute("aria-pressed", "true")
    expect(page.locator(".featured-comments")).to_contain_text("Ý kiến nổi bật")
    expect(page.locator(f"#binh-luan-{reactions.staff.pk}")).to_contain_text("Phóng viên")
    expect(page.locator(f"#binh-luan-{reactions.hidden.pk}")).to_contain_text(
        "Bình luận này đang được xem xét lại"
    )


def open_report_form_in_place(page, site):
    add_reactions(site)
    page.goto(site.lead.get_absolute_url())
    item = page.locator(f"#binh-luan-{site.reply.pk}")
    item.get_by_role("link", name="Báo cáo vi phạm").click()
    expect(item.locator("form.report-form").get_by_role("radio", name="Spam")).to_be_focused()


def open_home_with_most_read(page, site):
    add_reads(site)  # before the first page: the lists are ranked then, and kept
    page.goto(reverse("articles:home"))
    expect(page.locator("#most-read-day + ol li")).to_have_count(5)


def open_section_with_most_read(page, site):
    add_reads(site)
    page.goto(site.section.get_absolute_url())
    expect(page.locator("#most-read-week + ol li")).to_have_count(5)


def as_moderator(page, site):
    """`site` with reactions and reports; `page`'s browser logged in as their moderator."""
    reactions = add_reactions(site)
    log_in(page.context, reactions.moderator.username).close()
    return reactions


def open_reported_tab(page, site):
    reactions = as_moderator(page, site)
    page.goto(reverse("admin:comments_comment_reported"))
    expect(page.locator(f"#c-{reactions.official.pk}")).to_contain_text("123/STTTT-TTBCXB")
    expect(page.locator(f"#c-{reactions.hidden.pk}")).to_contain_text("3 người báo cáo")


def open_official_request(page, site):
    as_moderator(page, site)
    page.goto(reverse("admin:comments_comment_official") + f"?comment={site.reply.pk}")
    expect(page.get_by_text("Đồng ý với chị, nhưng cũng cần lo đầu ra bền vững.")).to_be_visible()


def open_official_request_with_errors(page, site):
    as_moderator(page, site)
    page.goto(reverse("admin:comments_comment_official"))
    page.get_by_role("button", name="Ẩn bình luận và lưu yêu cầu").click()
    expect(page.get_by_text("Hãy nhập số hiệu văn bản yêu cầu.")).to_be_visible()


def open_moderation_stats(page, site):
    add_moderation_history(site)
    as_moderator(page, site)
    page.goto(reverse("admin:comments_comment_stats"))
    expect(page.locator(".stats-cards svg")).to_have_count(4)  # every chart drawn, none empty


PAGES = {
    "home": open_home,
    "section": open_section,
    "search-results": open_search_results,
    "story-with-comments-and-form-errors": open_story_with_form_errors,
    "admin-login": open_admin_login,
    "video-watch-with-transcript": open_video_watch_page,
    "video-list": open_video_list,
    "video-watch-youtube": open_youtube_watch_page,
    "report-page": open_report_page,
    "report-page-with-errors": open_report_page_with_errors,
    "story-with-featured-staff-liked-and-hidden-comments": open_story_with_reactions,
    "story-with-report-form-in-place": open_report_form_in_place,
    "home-with-most-read": open_home_with_most_read,
    "section-with-most-read": open_section_with_most_read,
    "admin-reported-tab": open_reported_tab,
    "admin-official-request": open_official_request,
    "admin-official-request-with-errors": open_official_request_with_errors,
    "admin-moderation-stats": open_moderation_stats,
}


@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_axe_violations_on_desktop_or_phone(open_context, site, name):
    page = open_context(bypass_csp=True).new_page()
    PAGES[name](page, site)

    on_desktop = axe_violations(page)
    page.set_viewport_size(PHONE)
    on_phone = axe_violations(page)

    assert not on_desktop, "\n".join(on_desktop)
    assert not on_phone, "\n".join(on_phone)
