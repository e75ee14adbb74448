"""Three readers report a comment in place and it is hidden; a moderator keeps it from the
"Bị báo cáo" tab with the keyboard and readers see it again."""

import pytest
from django.urls import reverse

from comments.models import Comment, CommentReport
from tests.browser.helpers import PHONE, axe_violations, expect, log_in, screenshot
from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory, SectionFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BODY = "Mấy người viết bài này toàn nói bậy, đừng tin."
HIDDEN_TEXT = "Bình luận này đang được xem xét lại"


@pytest.fixture
def story():
    return ArticleFactory(section=SectionFactory(), title="Lễ hội cồng chiêng Tây Nguyên")


@pytest.fixture
def comment(story):
    return CommentFactory(
        article=story,
        status=Comment.Status.APPROVED,
        name="Phạm Thị Hoa",
        email="hoa.pham@example.com",
        body=BODY,
    )


@pytest.fixture
def moderator():
    return UserFactory(username="kiemduyet", is_staff=True, groups=["Moderators"])


def report_in_place(page, comment, reason, note=""):
    """Open the form under the comment, choose, send; the page stays where it is."""
    item = page.locator(f"#binh-luan-{comment.pk}")
    story_url = page.url
    item.get_by_role("link", name="Báo cáo vi phạm").click()
    form = item.locator("form.report-form")
    expect(form.get_by_role("radio", name="Spam")).to_be_focused()  # the first reason
    form.get_by_role("radio", name=reason).check()
    if note:
        form.get_by_role("textbox", name="Ghi chú (không bắt buộc)").fill(note)
    form.get_by_role("button", name="Gửi báo cáo").click()
    expect(page.locator(f"#bao-cao-hop-{comment.pk}").get_by_role("status")).to_have_text(
        "Cảm ơn bạn đã báo cáo. Ban biên tập sẽ xem xét bình luận này."
    )
    expect(item.locator("a[data-report]")).to_have_text("Đã báo cáo")
    assert page.url == story_url
    return item


def test_three_readers_hide_a_comment_and_a_moderator_keeps_it_with_the_keyboard(
    open_context, story, comment, moderator
):
    first = open_context().new_page()
    first.goto(story.get_absolute_url())
    report_in_place(first, comment, "Xúc phạm", note="Lời lẽ khiếm nhã")
    first.reload()
    expect(first.locator(f"#binh-luan-{comment.pk} a[data-report]")).to_have_text("Đã báo cáo")
    for reason in ("Spam", "Sai sự thật"):
        other = open_context().new_page()
        other.goto(story.get_absolute_url())
        expect(other.locator(f"#binh-luan-{comment.pk}")).to_contain_text(BODY)
        report_in_place(other, comment, reason)

    reader = open_context().new_page()
    reader.goto(story.get_absolute_url())
    hidden = reader.locator(f"#binh-luan-{comment.pk}")
    expect(hidden).to_contain_text(HIDDEN_TEXT)
    expect(hidden).not_to_contain_text(BODY)
    assert Comment.objects.get(pk=comment.pk).reporters == 3
    assert "hoa.pham@example.com" not in reader.content()

    tab = log_in(open_context(), moderator.username)
    tab.goto(reverse("admin:comments_comment_reported"))
    item = tab.locator(f"#c-{comment.pk}")
    expect(item).to_have_attribute("aria-current", "true")
    expect(item).to_contain_text("3 người báo cáo")
    expect(item).to_contain_text("Lời lẽ khiếm nhã")
    expect(tab.locator("[data-queue-legend]")).to_contain_text("g giữ lại")

    tab.keyboard.press("g")

    expect(tab.get_by_role("status")).to_have_text(
        "Đã giữ lại bình luận của Phạm Thị Hoa: bình luận hiện lại với bạn đọc."
    )
    expect(item).to_have_count(0)
    expect(tab.locator(".queue-summary [data-reported-count]")).to_have_text("0")
    expect(tab.get_by_text("Không còn bình luận nào bị báo cáo.")).to_be_visible()
    assert Comment.objects.get(pk=comment.pk).report_state == Comment.ReportState.KEPT
    assert not CommentReport.objects.filter(resolved_at__isnull=True).exists()

    reader.reload()
    expect(reader.locator(f"#binh-luan-{comment.pk}")).to_contain_text(BODY)
    expect(reader.get_by_text(HIDDEN_TEXT)).to_have_count(0)


def test_reporting_works_without_javascript(open_context, story, comment):
    page = open_context(java_script_enabled=False).new_page()
    page.goto(story.get_absolute_url())

    page.locator(f"#binh-luan-{comment.pk}").get_by_role("link", name="Báo cáo vi phạm").click()
    page.get_by_role("radio", name="Lộ thông tin cá nhân").check()
    page.get_by_role("button", name="Gửi báo cáo").click()

    expect(page.get_by_role("status")).to_contain_text("Cảm ơn bạn đã báo cáo")
    page.get_by_role("link", name="Quay lại bài viết").click()
    expect(page.locator(f"#binh-luan-{comment.pk}")).to_contain_text(BODY)
    assert CommentReport.objects.get().reason == CommentReport.Reason.PERSONAL_DATA


def test_the_form_in_place_and_the_tab_have_no_axe_violations_on_a_phone(
    open_context, story, comment, moderator
):
    page = open_context(bypass_csp=True, viewport=PHONE).new_page()
    page.goto(story.get_absolute_url())
    item = page.locator(f"#binh-luan-{comment.pk}")
    item.get_by_role("link", name="Báo cáo vi phạm").click()
    expect(item.locator("form.report-form")).to_be_visible()
    item.get_by_role("button", name="Gửi báo cáo").click()  # no reason chosen
    status = page.locator(f"#bao-cao-hop-{comment.pk}").get_by_role("status")
    expect(status).to_contain_text("Hãy chọn một lý do.")
    screenshot(page, "report-in-place-390")
    on_story = axe_violations(page)

    page.goto(reverse("comments:report", kwargs={"pk": comment.pk}))
    screenshot(page, "report-page-390")
    on_page = axe_violations(page)

    CommentReport.objects.create(comment=comment, reason=CommentReport.Reason.SPAM, note="Rác")
    CommentReport.objects.create(
        comment=comment, reason=CommentReport.Reason.OFFICIAL, reference="12/CV-STTTT"
    )
    tab = log_in(open_context(bypass_csp=True), moderator.username)
    tab.goto(reverse("admin:comments_comment_reported"))
    expect(tab.get_by_text("12/CV-STTTT")).to_be_visible()
    screenshot(tab, "reported-tab-1280")
    on_tab = axe_violations(tab)
    tab.set_viewport_size(PHONE)
    screenshot(tab, "reported-tab-390")
    on_tab_phone = axe_violations(tab)
    tab.goto(reverse("admin:comments_comment_official") + f"?comment={comment.pk}")
    screenshot(tab, "official-request-390")
    on_form = axe_violations(tab)

    for found in (on_story, on_page, on_tab, on_tab_phone, on_form):
        assert not found, "\n".join(found)
