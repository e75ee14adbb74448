"""The review chain in real browsers: a reporter writes, the section's editor returns, approves
and schedules; the story goes live by itself; a change to the live story waits for approval;
the editor-in-chief rolls it back and publishes a correction readers find everywhere."""

import json
import re
import time
import xml.etree.ElementTree as ET
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.utils import timezone

from articles.models import Article, AuditEntry, Correction, Revision
from tests.browser.helpers import DESKTOP, axe_violations, expect, log_in, screenshot
from tests.factories import ArticleFactory, SectionFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TITLE = "Mưa lũ chia cắt các xã vùng cao Sa Thầy"
STANDFIRST = "Mưa lớn kéo dài khiến ba xã ở huyện Sa Thầy bị cô lập."
CHANGED_STANDFIRST = "Mưa lớn kéo dài khiến năm xã ở huyện Sa Thầy bị cô lập."
DRAFT_BODY = "Nước sông dâng cao, nhiều đoạn đường bị sạt lở."
FIXED_BODY = "Nước sông Sa Thầy dâng cao hơn hai mét, ba đoạn đường liên xã bị sạt lở."
RETURN_NOTE = "Ghi rõ tên sông và mực nước, nói bao nhiêu đoạn đường bị sạt lở."
CORRECTION = "Bài viết trước đây ghi năm xã bị cô lập; thực tế là ba xã."
ACT_URL = "/admin/articles/article/{pk}/act/"
CHANGE_URL = "/admin/articles/article/{pk}/change/"


@pytest.fixture
def newsroom():
    """Two sections with an editor each, a reporter, the editor-in-chief, and enough stories
    around ours for every list of the section editor's desk to show something."""
    current = SectionFactory(name="Thời sự", slug="thoi-su")
    sport = SectionFactory(name="Thể thao", slug="the-thao")
    people = {
        "reporter": UserFactory(username="phongvien", is_staff=True, groups=["Phóng viên"]),
        "editor": UserFactory(username="bientap_thoisu", is_staff=True, groups=["Biên tập viên"]),
        "outsider": UserFactory(
            username="bientap_thethao", is_staff=True, groups=["Biên tập viên"]
        ),
        "chief": UserFactory(username="tongbientap", is_staff=True, groups=["Tổng biên tập"]),
    }
    current.editors.add(people["editor"])
    sport.editors.add(people["outsider"])
    colleague = UserFactory(username="phongvien2", is_staff=True, groups=["Phóng viên"])
    now = timezone.now()
    ArticleFactory(
        section=current,
        title="Cầu treo Kon Klor được gia cố trước mùa lũ",
        draft=True,
        review_state=Article.Review.IN_REVIEW,
        owner=colleague,
        submitted_at=now - timedelta(minutes=30),
    )
    ArticleFactory(
        section=current,
        title="Tỉnh hỗ trợ gạo cho các hộ vùng sạt lở",
        draft=True,
        review_state=Article.Review.APPROVED,
        owner=colleague,
    )
    ArticleFactory(
        section=current,
        title="Kế hoạch phòng chống thiên tai năm tới",
        draft=True,
        owner=people["editor"],
    )
    ArticleFactory(
        section=current,
        title="Quốc lộ 14C thông xe sau sạt lở",
        publish_at=now - timedelta(hours=2),
    )
    return people, current


def choose_in_autocomplete(page, field_id, typed, option):
    """Django admin's autocomplete (select2): open it, type, pick the option."""
    page.locator(f"#{field_id} + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(typed)
    page.get_by_role("option", name=option).click()


def csrf_token(page):
    cookies = page.context.cookies()
    return next(c["value"] for c in cookies if c["name"] == settings.CSRF_COOKIE_NAME)


def forge_step(page, story, step):
    """POST a review step to the story's act/ URL as this browser's user, without its buttons."""
    token = csrf_token(page)
    return page.request.post(
        ACT_URL.format(pk=story.pk),
        form={"csrfmiddlewaretoken": token, "step": step},
        headers={"X-CSRFToken": token},
        max_redirects=0,
    )


def next_whole_minute(at_least_seconds):
    """The first whole minute (local time) at least `at_least_seconds` from now: the "Lúc"
    input is a datetime-local without a `step`, so it takes minutes, not seconds."""
    soon = timezone.localtime() + timedelta(seconds=at_least_seconds)
    return soon.replace(second=0, microsecond=0) + timedelta(minutes=1)


def messages_of(page):
    return page.locator(".messagelist")


def assert_no_axe_violations(page):
    violations = axe_violations(page)
    assert not violations, f"{page.url}\n" + "\n".join(violations)


def test_story_goes_from_reporter_through_review_schedule_change_rollback_and_correction(
    open_context, newsroom
):
    people, section = newsroom

    # 1. The reporter writes the story in "Thời sự" and submits it.
    reporter = log_in(open_context(viewport=DESKTOP), people["reporter"].username)
    reporter.goto("/admin/articles/article/add/")
    reporter.get_by_label("Tiêu đề").fill(TITLE)
    reporter.get_by_label("Sapo").fill(STANDFIRST)
    reporter.locator(".ProseMirror[contenteditable=true]").click()
    reporter.keyboard.type(DRAFT_BODY)
    choose_in_autocomplete(reporter, "id_section", "Thời", "Thời sự")
    reporter.get_by_role("button", name="Lưu và tiếp tục chỉnh sửa").click()
    expect(messages_of(reporter)).to_contain_text(TITLE)
    story = Article.objects.get(title=TITLE)
    assert (story.owner, story.section, story.review_state) == (
        people["reporter"],
        section,
        Article.Review.WRITING,
    )
    change_url = CHANGE_URL.format(pk=story.pk)
    reporter.get_by_role("button", name="Gửi duyệt", exact=True).click()
    expect(messages_of(reporter)).to_contain_text("Đã gửi duyệt")
    expect(reporter.get_by_role("button", name="Duyệt", exact=True)).to_have_count(0)

    # The reporter cannot approve their own story by forging the step: refused, and told why.
    response = forge_step(reporter, story, "approve")
    assert response.status == 302, response.status
    reporter.goto(change_url)
    expect(messages_of(reporter)).to_contain_text(
        "Chỉ biên tập viên phụ trách chuyên mục “Thời sự” được làm việc này."
    )
    story.refresh_from_db()
    assert story.review_state == Article.Review.IN_REVIEW

    # 2. The editor of another section sees no buttons and cannot approve by a forged POST.
    outsider = log_in(open_context(viewport=DESKTOP), people["outsider"].username)
    expect(outsider.locator("#desk-review")).not_to_contain_text(TITLE)
    outsider.goto(change_url)  # editors may read every section's stories (or get a 404)
    for label in ["Gửi duyệt", "Trả lại", "Duyệt", "Duyệt vượt quy trình", "Hẹn giờ"]:
        expect(outsider.get_by_role("button", name=label, exact=True)).to_have_count(0)
    expect(outsider.get_by_label("Ghi chú (bắt buộc khi trả lại hoặc gỡ bài)")).to_have_count(0)
    response = forge_step(outsider, story, "approve")
    assert response.status in (302, 404), response.status
    if response.status == 302:  # refused, and told why on the next page
        outsider.goto(change_url)
        expect(messages_of(outsider)).to_contain_text(
            "Chỉ biên tập viên phụ trách chuyên mục “Thời sự” được làm việc này."
        )
    story.refresh_from_db()
    assert story.review_state == Article.Review.IN_REVIEW
    assert not AuditEntry.objects.filter(
        article_id=story.pk, action=AuditEntry.Action.APPROVED
    ).exists()

    # 3. The section's editor finds it on the desk and returns it; a return needs a note.
    editor = log_in(open_context(viewport=DESKTOP, bypass_csp=True), people["editor"].username)
    editor.locator("#desk-review").get_by_role("link", name=TITLE).click()
    editor.wait_for_url(f"**{change_url}")
    editor.get_by_role("button", name="Trả lại", exact=True).click()
    expect(messages_of(editor)).to_contain_text("Hãy ghi lý do cho người viết bài.")
    editor.get_by_label("Ghi chú (bắt buộc khi trả lại hoặc gỡ bài)").fill(RETURN_NOTE)
    editor.get_by_role("button", name="Trả lại", exact=True).click()
    expect(messages_of(editor)).to_contain_text("Đã trả lại")
    story.refresh_from_db()
    assert (story.review_state, story.review_note) == (Article.Review.RETURNED, RETURN_NOTE)

    # 4. The reporter sees the note, fixes the text and submits again.
    reporter.goto("/admin/")
    returned = reporter.locator("#desk-returned")
    expect(returned.get_by_role("link", name=TITLE)).to_be_visible()
    expect(returned).to_contain_text(RETURN_NOTE)
    returned.get_by_role("link", name=TITLE).click()
    expect(reporter.locator(".desk-note")).to_contain_text(RETURN_NOTE)
    body = reporter.locator(".ProseMirror[contenteditable=true]")
    body.click()
    reporter.keyboard.press("ControlOrMeta+a")
    reporter.keyboard.type(FIXED_BODY)
    reporter.get_by_label("Ghi chú cho lần lưu này").fill("Sửa theo ghi chú của biên tập")
    reporter.get_by_role("button", name="Lưu và tiếp tục chỉnh sửa").click()
    expect(messages_of(reporter)).to_contain_text(TITLE)
    reporter.get_by_role("button", name="Gửi duyệt", exact=True).click()
    expect(messages_of(reporter)).to_contain_text("Đã gửi duyệt")
    story.refresh_from_db()
    assert story.review_state == Article.Review.IN_REVIEW
    assert FIXED_BODY in story.body and DRAFT_BODY not in story.body

    # 5. The editor approves, then schedules it for the next whole minute.
    editor.goto(change_url)
    expect(editor.locator(".ProseMirror[contenteditable=true]")).to_contain_text(FIXED_BODY)
    editor.get_by_role("button", name="Duyệt", exact=True).click()
    expect(messages_of(editor)).to_contain_text("Đã duyệt")
    when = next_whole_minute(at_least_seconds=6)
    editor.get_by_label("Lúc", exact=True).fill(f"{when:%Y-%m-%dT%H:%M}")
    editor.get_by_role("button", name="Hẹn giờ", exact=True).click()
    expect(messages_of(editor)).to_contain_text("Đã hẹn giờ")
    story.refresh_from_db()
    assert story.publish_at == when and story.is_scheduled

    reader = open_context(viewport=DESKTOP).new_page()
    reader.goto("/")  # cached before the story goes live
    expect(reader.get_by_role("link", name="Quốc lộ 14C thông xe sau sạt lở").first).to_be_visible()
    expect(reader.get_by_role("link", name=TITLE)).to_have_count(0)
    assert reader.goto(story.get_absolute_url()).status == 404

    # The editor's desk while the story waits for its time: every list has something.
    editor.goto("/admin/")
    expect(editor.get_by_role("heading", name="Bàn biên tập")).to_be_visible()
    if timezone.localdate(when) == timezone.localdate():
        expect(editor.locator("#desk-today")).to_contain_text(TITLE)
    for key in ["drafts", "review", "approved", "recent"]:
        expect(editor.locator(f"#desk-{key} li").first).to_be_visible()
    expect(editor.get_by_role("button", name="Duyệt: Cầu treo Kon Klor")).to_be_visible()
    screenshot(editor, "newsroom-review-desk-desktop")
    assert_no_axe_violations(editor)

    chief = log_in(open_context(viewport=DESKTOP, bypass_csp=True), people["chief"].username)

    # 6. Once its time passes, the story appears to readers by itself (cached home page too).
    deadline = when.timestamp() + 15
    while True:
        reader.goto("/")
        if reader.get_by_role("link", name=TITLE).count():
            break
        assert time.time() < deadline, "the scheduled story did not appear on the home page"
        reader.wait_for_timeout(500)
    assert time.time() >= when.timestamp(), "the story appeared before its time"
    reader.get_by_role("link", name=TITLE).first.click()
    expect(reader.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(reader.locator(".standfirst")).to_have_text(STANDFIRST)
    expect(reader.locator(".story-body")).to_contain_text(FIXED_BODY)
    expect(reader.get_by_role("note")).to_have_count(0)

    # 7. The reporter changes words of the live story; readers keep the live version.
    reporter.goto(change_url)
    reporter.get_by_label("Sapo").fill(CHANGED_STANDFIRST)
    reporter.get_by_role("button", name="Lưu và tiếp tục chỉnh sửa").click()
    expect(reporter.get_by_text("Bài này có một thay đổi đang chờ duyệt.")).to_be_visible()
    expect(reporter.get_by_label("Sapo")).to_have_value(CHANGED_STANDFIRST)
    reporter.get_by_role("button", name="Gửi duyệt", exact=True).click()
    expect(messages_of(reporter)).to_contain_text("Đã gửi duyệt")
    story.refresh_from_db()
    assert story.standfirst == STANDFIRST and story.pending_revision is not None
    reader.reload()
    expect(reader.locator(".standfirst")).to_have_text(STANDFIRST)

    # 8. The editor compares, sees the changed words, and approves: readers get the new text.
    editor.goto(change_url)
    expect(editor.get_by_text("Bài này có một thay đổi đang chờ duyệt.")).to_be_visible()
    editor.get_by_role("link", name="Xem thay đổi").click()
    editor.wait_for_url(re.compile(r"/compare/\?a=live&b=pending$"))
    changes = editor.locator("table.desk-changes")
    sapo = changes.get_by_role("row").filter(has=editor.get_by_role("rowheader", name="Sapo"))
    expect(sapo.locator("ins")).to_have_text(["năm"])
    expect(sapo.locator("del")).to_have_text(["ba"])
    expect(changes.get_by_role("rowheader")).to_have_text(["Sapo"])
    screenshot(editor, "newsroom-review-compare-desktop")
    assert_no_axe_violations(editor)
    editor.get_by_role("button", name="Duyệt thay đổi này").click()
    editor.wait_for_url(f"**{change_url}")
    expect(messages_of(editor)).to_contain_text("đã lên trang")
    story.refresh_from_db()
    assert story.standfirst == CHANGED_STANDFIRST and story.pending_revision is None
    reader.reload()
    expect(reader.locator(".standfirst")).to_have_text(CHANGED_STANDFIRST)

    # 9. The editor-in-chief rolls back to the version before the change: live at once.
    revisions = list(story.revisions.order_by("number").values_list("number", "kind"))
    assert revisions == [
        (1, Revision.Kind.SAVED),
        (2, Revision.Kind.SAVED),
        (3, Revision.Kind.PENDING),
    ]
    chief.goto(change_url)
    chief.get_by_role("link", name="Lịch sử phiên bản").click()
    chief.wait_for_url(f"**/admin/articles/article/{story.pk}/history/")
    expect(chief.locator("table.desk-revisions tbody tr")).to_have_count(3)
    expect(chief.get_by_role("radio", name="So sánh từ phiên bản 2")).to_be_checked()
    expect(chief.get_by_role("radio", name="So sánh đến phiên bản 3")).to_be_checked()
    screenshot(chief, "newsroom-review-history-desktop")
    assert_no_axe_violations(chief)
    chief.get_by_role("button", name="So sánh", exact=True).click()
    chief.wait_for_url(lambda url: parse_qs(urlsplit(url).query) == {"a": ["2"], "b": ["3"]})
    expect(chief.locator("table.desk-changes ins")).to_have_text(["năm"])
    expect(chief.get_by_role("button", name="Duyệt thay đổi này")).to_have_count(0)
    chief.go_back()
    chief.get_by_role("button", name="Khôi phục phiên bản 2").click()
    chief.wait_for_url(f"**{change_url}")
    expect(messages_of(chief)).to_contain_text("Đã khôi phục phiên bản 2.")
    story.refresh_from_db()
    assert story.standfirst == STANDFIRST and story.pending_revision is None
    assert story.revisions.first().kind == Revision.Kind.RESTORED
    reader.reload()
    expect(reader.locator(".standfirst")).to_have_text(STANDFIRST)

    # ...and publishes a correction, which readers find on the story, in its data, in the feed
    # and on the corrections page.
    notes = chief.get_by_role("region", name="Đính chính và ghi chú")
    notes.get_by_label("Loại").select_option(label="Cải chính")
    notes.get_by_label("Nội dung").fill(CORRECTION)
    notes.get_by_role("button", name="Đăng ghi chú").click()
    expect(messages_of(chief)).to_contain_text("Đã đăng ghi chú “Cải chính”.")
    note = Correction.objects.get(article=story)
    assert (note.kind, note.text, note.author) == (
        Correction.Kind.CORRECTION,
        CORRECTION,
        people["chief"],
    )

    reader.reload()
    aside = reader.locator(f"aside#dinh-chinh-{note.pk}")
    expect(aside).to_contain_text("Cải chính")
    expect(aside).to_contain_text(CORRECTION)
    data = json.loads(reader.locator('script[type="application/ld+json"]').text_content())
    assert [(c["@type"], c["text"]) for c in data["correction"]] == [
        ("CorrectionComment", f"Cải chính: {CORRECTION}")
    ]

    feed = reader.request.get("/rss/")
    assert feed.ok, feed.status
    items = ET.fromstring(feed.body()).findall("./channel/item")
    ours = next(item for item in items if item.findtext("title") == TITLE)
    assert STANDFIRST in ours.findtext("description")
    assert re.search(
        rf"Cải chính \(\d\d:\d\d \d\d/\d\d/\d{{4}}\): {re.escape(CORRECTION)}",
        ours.findtext("description"),
    )

    reader.goto("/cai-chinh/")
    expect(reader.get_by_text(CORRECTION)).to_be_visible()
    link = reader.get_by_role("link", name=TITLE).first
    expect(link).to_have_attribute("href", re.compile(rf"#dinh-chinh-{note.pk}$"))
