"""A reader comments on a story and replies to another reader, in a real browser."""

import re

import pytest

from comments import decisions
from comments.models import Comment
from tests.browser.helpers import expect, write_comment
from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory, SectionFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

REQUIRED_FIELD_ERRORS = {
    "Bình luận": "Hãy viết nội dung bình luận.",
    "Tên": "Hãy nhập tên của bạn.",
    "Email": "Hãy nhập email (không hiển thị công khai).",
}


@pytest.fixture
def story():
    section = SectionFactory(name="Văn hóa", slug="van-hoa")
    ArticleFactory(section=section, title="Mùa hoa cà phê trắng đồi")
    return ArticleFactory(section=section, title="Lễ hội cồng chiêng Tây Nguyên")


@pytest.fixture
def approved_comment(story):
    comment = CommentFactory(article=story, name="Chị Hoa", body="Lễ hội năm nay rất đông vui.")
    decisions.approve([comment], UserFactory(username="kiemduyet", is_staff=True))
    return comment


def test_reader_sees_each_error_by_its_field_then_their_comment_awaiting_moderation(
    page, open_context, story
):
    page.goto("/")
    page.get_by_role("link", name=story.title).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(story.title)

    page.get_by_role("button", name="Gửi bình luận").click()

    summary = page.get_by_role("alert").filter(has_text="Bình luận chưa được gửi")
    expect(summary).to_be_visible()
    form = page.locator("form.comment-form")
    for label, error in REQUIRED_FIELD_ERRORS.items():
        field = form.get_by_role("textbox", name=label)
        expect(field).to_have_attribute("aria-invalid", "true")
        expect(field).to_have_accessible_description(error)
        expect(form.locator(f"#div_{field.get_attribute('id')}")).to_contain_text(error)
        expect(summary.get_by_role("link", name=f"{label}: {error}")).to_be_visible()

    write_comment(page, "Mong năm sau lễ hội kéo dài thêm một ngày.")

    expect(page.get_by_text("Bình luận đã được gửi và đang chờ kiểm duyệt")).to_be_visible()
    mine = page.locator(".comment.is-pending")
    expect(mine).to_contain_text("Mong năm sau lễ hội kéo dài thêm một ngày.")
    expect(mine).to_contain_text("Bình luận của bạn đang chờ duyệt")
    assert Comment.objects.get().status == Comment.Status.PENDING

    another_reader = open_context().new_page()
    another_reader.goto(story.get_absolute_url())
    expect(another_reader.get_by_role("heading", level=1)).to_have_text(story.title)
    expect(another_reader.locator("#binh-luan")).not_to_contain_text("Mong năm sau lễ hội")
    expect(another_reader.locator("#binh-luan")).to_contain_text("Chưa có bình luận nào.")


def test_reply_link_moves_the_form_under_the_comment_with_javascript(page, story, approved_comment):
    page.goto(story.get_absolute_url())
    thread = page.locator(f"#binh-luan-{approved_comment.pk}")

    thread.get_by_role("link", name="Trả lời").click()

    expect(thread.locator("#gui-binh-luan")).to_be_visible()
    expect(thread.locator("[data-replying-to]")).to_contain_text("Đang trả lời Chị Hoa")
    expect(thread.get_by_role("textbox", name="Bình luận")).to_be_focused()
    assert "reply_to" not in page.url
    write_comment(page, "Em cũng thấy vậy, chị ạ.", name="Minh")

    expect(thread.locator(".comment-replies .is-pending")).to_contain_text(
        "Em cũng thấy vậy, chị ạ."
    )
    assert Comment.objects.get(name="Minh").parent_id == approved_comment.pk


def test_reply_link_works_with_javascript_off(open_context, story, approved_comment):
    page = open_context(java_script_enabled=False).new_page()
    page.goto(story.get_absolute_url())

    page.locator(f"#binh-luan-{approved_comment.pk}").get_by_role("link", name="Trả lời").click()

    expect(page).to_have_url(re.compile(rf"\?reply_to={approved_comment.pk}#gui-binh-luan$"))
    expect(page.locator("#gui-binh-luan [data-replying-to]")).to_contain_text(
        "Đang trả lời Chị Hoa"
    )
    write_comment(page, "Trả lời mà không cần JavaScript.", name="Bác Tư")

    expect(page.locator(f"#binh-luan-{approved_comment.pk} .comment-replies")).to_contain_text(
        "Trả lời mà không cần JavaScript."
    )
    assert Comment.objects.get(name="Bác Tư").parent_id == approved_comment.pk
