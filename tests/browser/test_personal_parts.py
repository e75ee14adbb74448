"""A reader's own parts of the shared story page, in a real browser: with JavaScript they come
from the personal request under /cua-ban/, and a post lands back on the shared page; without, a
post lands on the personal copy."""

import re

import pytest
from django.urls import reverse

from comments import decisions
from comments.models import Comment
from tests.browser.helpers import expect, screenshot, write_comment
from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory, SectionFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

NAME, EMAIL = "Phạm Thu Hà", "thu.ha@example.com"


@pytest.fixture
def story():
    section = SectionFactory(name="Xã hội", slug="xa-hoi")
    return ArticleFactory(section=section, title="Đường mới về làng Kon Klor")


@pytest.fixture
def approved_comment(story):
    comment = CommentFactory(article=story, name="Anh Bình", body="Đường đẹp quá, cảm ơn.")
    decisions.approve([comment], UserFactory(username="kiemduyet", is_staff=True))
    return comment


def remember_box(page):
    return page.locator("form.comment-form").get_by_role("checkbox", name=re.compile("Lưu tên"))


def post_remembered(page, body):
    remember_box(page).check()
    write_comment(page, body, name=NAME, email=EMAIL)


def test_with_javascript_the_shared_page_shows_the_readers_own_parts_in_place(
    open_context, story, approved_comment
):
    context = open_context()
    page = context.new_page()
    page.goto(story.get_absolute_url())
    page.locator(f"#binh-luan-{approved_comment.pk}").get_by_role("link", name="Trả lời").click()
    post_remembered(page, "Bao giờ làm tiếp đoạn qua cầu?")
    reply = Comment.objects.get(name=NAME)
    # back on the shared page (as a cache serves it), the reply put in place by the script
    expect(page).to_have_url(re.compile(rf"{re.escape(story.get_absolute_url())}#binh-luan-\d+$"))
    thanks = "Bình luận đã được gửi và đang chờ kiểm duyệt"
    expect(page.locator(".messages[role=status]")).to_contain_text(thanks)
    expect(page.locator(f"#binh-luan-{reply.pk}.is-pending")).to_be_in_viewport()
    screenshot(page, "posted-with-javascript")
    page.reload()
    expect(page.get_by_text(thanks)).to_have_count(0)  # said once

    asked = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(story.get_absolute_url())  # the page every reader shares

    mine = page.locator(f"#binh-luan-{approved_comment.pk} .comment-replies #binh-luan-{reply.pk}")
    expect(mine).to_contain_text("Bao giờ làm tiếp đoạn qua cầu?")
    expect(mine).to_contain_text("Bình luận của bạn đang chờ duyệt")
    expect(mine.get_by_role("link", name="Sửa")).to_have_attribute(
        "href", f"/cua-ban/binh-luan/{reply.pk}/sua/"
    )
    form = page.locator("form.comment-form")
    expect(form.get_by_role("textbox", name="Tên")).to_have_value(NAME)
    expect(form.get_by_role("textbox", name="Email")).to_have_value(EMAIL)
    expect(remember_box(page)).to_be_checked()
    assert any("/cua-ban/binh-luan/" in url for url in asked)

    mine.get_by_role("button", name="Rút lại").click()  # its form carries the private token

    expect(page.get_by_text("Đã rút lại bình luận của bạn.")).to_be_visible()
    assert not Comment.objects.filter(pk=reply.pk).exists()

    stranger = open_context().new_page()
    stranger.goto(story.get_absolute_url())
    expect(stranger.get_by_role("textbox", name="Tên")).to_have_value("")
    expect(stranger.locator(".comment.is-pending")).to_have_count(0)


def test_a_new_reader_asks_for_nothing_until_they_enter_the_form(open_context, story):
    page = open_context().new_page()
    asked = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(story.get_absolute_url())
    page.wait_for_load_state("networkidle")
    assert not any("/cua-ban/" in url for url in asked)

    with page.expect_response(re.compile(r"/cua-ban/binh-luan/")) as answer:
        page.get_by_role("textbox", name="Bình luận").focus()

    assert answer.value.json()["pending"] == []
    write_comment(page, "Lần đầu bình luận, chưa có bình luận nào.", name="Bạn mới")
    expect(page.locator(".comment.is-pending")).to_contain_text("Lần đầu bình luận")
    page.goto(story.get_absolute_url())  # the shared page: "Chưa có bình luận nào." before
    expect(page.locator(".comment-list .is-pending")).to_contain_text("Lần đầu bình luận")
    expect(page.locator(".comments-empty")).to_have_count(0)


def test_a_remembered_reader_finds_the_form_filled_without_asking_anything(open_context, story):
    page = open_context().new_page()
    page.goto(story.get_absolute_url())
    post_remembered(page, "Nhớ tên tôi nhé.")
    expect(page.locator(".comment.is-pending")).to_contain_text("Nhớ tên tôi nhé.")
    decisions.approve([Comment.objects.get(name=NAME)], UserFactory(username="kiemduyet"))
    other = ArticleFactory(section=story.section, title="Cầu treo mới qua sông Đăk Bla")
    page.goto(other.get_absolute_url())  # asks once more: nothing waits now, the hint goes
    page.wait_for_load_state("networkidle")

    asked = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(other.get_absolute_url())
    page.wait_for_load_state("networkidle")

    form = page.locator("form.comment-form")
    expect(form.get_by_role("textbox", name="Tên")).to_have_value(NAME)
    expect(form.get_by_role("textbox", name="Email")).to_have_value(EMAIL)
    expect(remember_box(page)).to_be_checked()
    assert not any("/cua-ban/" in url for url in asked)

    remember_box(page).uncheck()
    write_comment(page, "Lần này đừng nhớ tên tôi.", name=NAME, email=EMAIL)
    expect(page.locator(".comment.is-pending")).to_contain_text("Lần này đừng nhớ")
    page.goto(story.get_absolute_url())
    expect(form.get_by_role("textbox", name="Tên")).to_have_value("")
    expect(form.get_by_role("textbox", name="Email")).to_have_value("")


def test_unticking_on_the_personal_copy_forgets_the_name_on_every_page(open_context, story):
    page = open_context().new_page()
    page.goto(story.get_absolute_url())
    post_remembered(page, "Lần đầu, nhớ tên tôi.")
    expect(page.locator(".comment.is-pending")).to_contain_text("Lần đầu")
    # the personal copy: where a post without JavaScript, or one published at once, lands
    page.goto(reverse("comments:personal_story", kwargs={"slug": story.slug}))
    expect(remember_box(page)).to_be_checked()  # the server's own word, from its cookie
    remember_box(page).uncheck()
    write_comment(page, "Lần này đừng nhớ tên tôi.", name=NAME, email=EMAIL)
    expect(page.locator(".comment.is-pending").last).to_contain_text("Lần này đừng nhớ")

    other = ArticleFactory(section=story.section, title="Cầu treo mới qua sông Đăk Bla")
    page.goto(other.get_absolute_url())
    page.wait_for_load_state("networkidle")

    form = page.locator("form.comment-form")
    expect(form.get_by_role("textbox", name="Tên")).to_have_value("")
    expect(form.get_by_role("textbox", name="Email")).to_have_value("")
    expect(remember_box(page)).not_to_be_checked()
    assert page.evaluate("localStorage.getItem('newsroom.commenter')") is None


def test_an_answer_arriving_after_the_form_is_sent_does_not_undo_the_unticking(open_context, story):
    page = open_context().new_page()
    page.goto(story.get_absolute_url())
    post_remembered(page, "Lần đầu, nhớ tên tôi.")
    expect(page.locator(".comment.is-pending")).to_contain_text("Lần đầu")
    other = ArticleFactory(section=story.section, title="Cầu treo mới qua sông Đăk Bla")
    held = []  # the personal answer, held until the form is sent
    page.route(re.compile(r"/cua-ban/binh-luan/"), lambda route: held.append(route))
    page.goto(other.get_absolute_url())
    form = page.locator("form.comment-form")
    expect(form.get_by_role("textbox", name="Tên")).to_have_value(NAME)  # from the browser
    # The page stays: what matters is the moment between the form's sending and its answer.
    form.evaluate("form => form.addEventListener('submit', event => event.preventDefault())")

    form.get_by_role("textbox", name="Bình luận").fill("Lần này đừng nhớ tên tôi.")
    remember_box(page).uncheck()
    form.get_by_role("button", name="Gửi bình luận").click()
    assert page.evaluate("localStorage.getItem('newsroom.commenter')") is None
    with page.expect_response(re.compile(r"/cua-ban/binh-luan/")):
        held[0].continue_()  # the server still remembers the name: its answer says so
    page.wait_for_timeout(100)  # the script has read it

    assert page.evaluate("localStorage.getItem('newsroom.commenter')") is None


def test_a_name_the_server_has_forgotten_leaves_the_form_once_it_answers(open_context, story):
    page = open_context().new_page()
    page.goto(story.get_absolute_url())  # the browser keeps a name; the server remembers none
    page.evaluate(
        "([name, email]) => localStorage.setItem('newsroom.commenter', "
        "JSON.stringify({name: name, email: email}))",
        [NAME, EMAIL],
    )
    page.reload()
    form = page.locator("form.comment-form")
    expect(form.get_by_role("textbox", name="Tên")).to_have_value(NAME)
    expect(remember_box(page)).to_be_checked()

    with page.expect_response(re.compile(r"/cua-ban/binh-luan/")):
        form.get_by_role("textbox", name="Bình luận").focus()

    expect(form.get_by_role("textbox", name="Tên")).to_have_value("")
    expect(form.get_by_role("textbox", name="Email")).to_have_value("")
    expect(remember_box(page)).not_to_be_checked()
    assert page.evaluate("localStorage.getItem('newsroom.commenter')") is None


def test_without_javascript_posting_lands_on_the_personal_page(
    open_context, story, approved_comment
):
    page = open_context(java_script_enabled=False).new_page()
    page.goto(story.get_absolute_url())

    post_remembered(page, "Không có JavaScript vẫn gửi được.")

    comment = Comment.objects.get(name=NAME)
    expect(page).to_have_url(
        re.compile(rf"/cua-ban{re.escape(story.get_absolute_url())}#binh-luan-{comment.pk}$")
    )
    expect(page.get_by_text("Bình luận đã được gửi và đang chờ kiểm duyệt")).to_be_visible()
    mine = page.locator(f"#binh-luan-{comment.pk}.is-pending")
    expect(mine).to_contain_text("Không có JavaScript vẫn gửi được.")
    form = page.locator("form.comment-form")
    expect(form.get_by_role("textbox", name="Tên")).to_have_value(NAME)
    expect(form.get_by_role("textbox", name="Email")).to_have_value(EMAIL)

    mine.get_by_role("link", name="Sửa").click()
    page.get_by_role("textbox", name="Bình luận").fill("Đã sửa, vẫn không cần JavaScript.")
    page.get_by_role("button", name="Lưu").click()

    expect(page.locator(f"#binh-luan-{comment.pk}")).to_contain_text("Đã sửa, vẫn không cần")
    comment.refresh_from_db()
    assert comment.body == "Đã sửa, vẫn không cần JavaScript."
