"""A moderator approves a reader's comment from the keyboard, or answers it as the newsroom;
the reader then sees it."""

import pytest

from comments.models import Comment
from tests.browser.helpers import (
    PHONE,
    axe_violations,
    expect,
    log_in,
    screenshot,
    scrolls_sideways,
    write_comment,
)
from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory, SectionFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

EMAIL = "lan.nguyen@example.com"
ANSWER = "Chào chị Cúc, đoạn đường này sẽ được sửa trong tháng tới. Cảm ơn chị đã góp ý."


@pytest.fixture
def story():
    return ArticleFactory(section=SectionFactory(), title="Đường về Măng Đen mùa hoa")


@pytest.fixture
def moderator():
    return UserFactory(username="kiemduyet", is_staff=True, groups=["Moderators"])


def test_moderator_approves_with_keyboard_and_reader_then_sees_comment_without_email(
    open_context, story, moderator
):
    older = CommentFactory(article=story, name="Người gửi trước", minutes_ago=30)
    reader = open_context().new_page()
    reader.goto(story.get_absolute_url())
    write_comment(reader, "Đường đẹp nhưng nhiều khúc cua, đi chậm thôi.", email=EMAIL)
    expect(reader.locator(".comment.is-pending")).to_contain_text("đang chờ duyệt")
    mine = Comment.objects.get(email=EMAIL)

    queue = log_in(open_context(), moderator.username)
    queue.goto("/admin/comments/comment/queue/")
    first, second = queue.locator(f"#c-{older.pk}"), queue.locator(f"#c-{mine.pk}")
    expect(queue.locator(".queue-item")).to_have_count(2)
    expect(first).to_have_attribute("aria-current", "true")
    queue.keyboard.press("j")
    expect(second).to_have_attribute("aria-current", "true")
    queue.keyboard.press("k")
    expect(first).to_have_attribute("aria-current", "true")
    queue.keyboard.press("j")
    expect(second).to_be_focused()

    queue.keyboard.press("a")

    expect(queue.get_by_role("status")).to_have_text("Đã duyệt bình luận của Nguyễn Thị Lan.")
    expect(second).to_have_count(0)
    expect(queue.locator("[data-pending-count]")).to_have_text("1")
    assert Comment.objects.get(pk=mine.pk).status == Comment.Status.APPROVED
    assert Comment.objects.get(pk=older.pk).status == Comment.Status.PENDING

    reader.reload()
    approved = reader.locator(f"#binh-luan-{mine.pk}")
    expect(approved).to_contain_text("Đường đẹp nhưng nhiều khúc cua")
    expect(approved).not_to_contain_text("đang chờ duyệt")
    expect(reader.get_by_role("heading", name="1 bình luận")).to_be_visible()
    assert EMAIL not in reader.content()

    stranger = open_context().new_page()
    stranger.goto(story.get_absolute_url())
    expect(stranger.locator(f"#binh-luan-{mine.pk}")).to_contain_text("nhiều khúc cua")
    assert EMAIL not in stranger.content()


def test_the_comment_list_shows_every_column_on_a_laptop_screen(open_context, story, moderator):
    CommentFactory(article=story, body="Ý kiến dài " * 30, held_reason="Có 3 liên kết (tối đa 2)")
    page = log_in(open_context(viewport={"width": 1280, "height": 800}), moderator.username)

    page.goto("/admin/comments/comment/")

    results = page.locator("#changelist .results")
    expect(results.get_by_text("Chờ duyệt")).to_be_visible()
    assert results.evaluate("el => el.scrollWidth <= el.clientWidth"), "the list scrolls sideways"
    status_column = page.locator("th.column-status").bounding_box()
    assert status_column["x"] + status_column["width"] <= 1280


def test_moderator_answers_a_reader_as_the_newsroom_from_the_keyboard(
    open_context, story, moderator
):
    question = CommentFactory(
        article=story, name="Lê Cúc", body="Khi nào đoạn đường được sửa?", minutes_ago=30
    )
    later = CommentFactory(article=story, name="Người gửi sau", minutes_ago=10)
    queue = log_in(open_context(bypass_csp=True), moderator.username)  # axe runs in it
    queue.goto("/admin/comments/comment/queue/")
    item = queue.locator(f"#c-{question.pk}")
    answer_box = item.get_by_role("textbox", name="Câu trả lời của tòa soạn")
    expect(item).to_have_attribute("aria-current", "true")
    expect(answer_box).to_be_hidden()

    queue.keyboard.press("t")
    expect(answer_box).to_be_focused()
    queue.keyboard.press("Escape")
    expect(answer_box).to_be_hidden()
    expect(item).to_be_focused()

    queue.keyboard.press("t")
    queue.keyboard.press("Control+Enter")  # nothing written yet
    status = queue.get_by_role("status")
    expect(status).to_have_text("Câu trả lời đang trống: hãy viết nội dung rồi gửi lại.")
    expect(answer_box).to_be_focused()
    expect(answer_box).to_have_attribute("aria-invalid", "true")
    assert axe_violations(queue) == []
    screenshot(queue, "queue-answer-refused-1280")
    answer_box.focus()
    queue.keyboard.type(ANSWER)
    queue.keyboard.press("Control+Enter")

    expect(status).to_have_text("Đã duyệt bình luận của Lê Cúc và đăng câu trả lời của tòa soạn.")
    expect(item).to_have_count(0)
    expect(queue.locator("[data-pending-count]")).to_have_text("1")
    expect(queue.locator('[data-tab-count="pending"]')).to_have_text("1")
    expect(queue.locator(f"#c-{later.pk}")).to_have_attribute("aria-current", "true")
    assert Comment.objects.get(pk=question.pk).status == Comment.Status.APPROVED

    reader = open_context().new_page()
    reader.goto(story.get_absolute_url())
    answer = reader.locator(f"#binh-luan-{question.pk} .comment-replies .comment")
    expect(answer).to_contain_text(ANSWER)
    expect(answer).to_contain_text("Ban biên tập")


def test_moderator_answers_without_javascript_on_a_phone(open_context, story, moderator):
    question = CommentFactory(article=story, name="Lê Cúc", body="Khi nào đoạn đường được sửa?")
    context = open_context(java_script_enabled=False, viewport=PHONE)
    queue = log_in(context, moderator.username)
    queue.goto("/admin/comments/comment/queue/")
    item = queue.locator(f"#c-{question.pk}")

    item.get_by_text("Trả lời với tư cách tòa soạn").click()
    item.get_by_role("button", name="Duyệt và đăng trả lời").click()
    expect(queue.locator(".messagelist")).to_contain_text("Câu trả lời đang trống")
    answer_box = queue.get_by_role("textbox", name="Câu trả lời của tòa soạn")
    expect(answer_box).to_be_visible()
    assert not scrolls_sideways(queue)
    screenshot(queue, "queue-answer-refused-390")
    answer_box.fill(ANSWER)
    queue.get_by_role("button", name="Duyệt và đăng trả lời").click()

    expect(queue.locator(".messagelist")).to_contain_text(
        "Đã duyệt bình luận của Lê Cúc và đăng câu trả lời của tòa soạn."
    )
    expect(queue.get_by_text("Không còn bình luận nào chờ duyệt.")).to_be_visible()
    assert Comment.objects.get(parent=question).body == ANSWER
