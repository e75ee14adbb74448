"""Staff comment from the story page as themselves: a form without name or email, published at
once with their badge ("Tác giả" when on the byline), neither rate-limited nor bot-trapped;
allowed in read-only mode and quiet hours, not when comments are off or closed. Their pages,
which carry a session, are never cached."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import AuditEntry
from comments.models import Comment, CommentRule
from tests.clients import logged_in
from tests.comments.factories import CommentFactory
from tests.comments.helpers import post_comment
from tests.factories import ArticleFactory, AuthorFactory, BylineFactory, UserFactory

pytestmark = pytest.mark.django_db
Badge, Mode, Scope = Comment.Badge, CommentRule.Mode, CommentRule.Scope
READER_NOTE = "Email của bạn sẽ không được hiển thị công khai."


@pytest.fixture
def writer(db):
    return UserFactory(
        username="hoa", first_name="Hoa", last_name="Trần", is_staff=True, groups=["Phóng viên"]
    )


def staff_post(browser, article, **data):
    url = reverse("comments:post", kwargs={"slug": article.slug})
    return browser.post(url, {"body": "Tòa soạn xin trả lời bạn đọc.", "parent": "", **data})


def test_staff_see_a_form_without_name_or_email_saying_who_they_post_as(editor, article):
    editor.first_name, editor.last_name = "Biên", "Lê"
    editor.save()

    html = logged_in(editor).get(article.get_absolute_url()).content.decode()

    assert "Bạn bình luận với tư cách Biên Lê · Biên tập viên" in html
    assert 'name="body"' in html
    assert 'name="name"' not in html
    assert 'name="email"' not in html
    assert READER_NOTE not in html


def test_a_writer_on_the_byline_is_told_they_post_as_the_author(writer, article):
    BylineFactory(article=article, author=AuthorFactory(name="Trần Hoa", user=writer))

    html = logged_in(writer).get(article.get_absolute_url()).content.decode()

    assert "Bạn bình luận với tư cách Hoa Trần · Phóng viên" in html
    assert "· Tác giả" in html


def test_a_staff_comment_is_published_at_once_with_the_badge(editor_client, editor, article):
    response = staff_post(editor_client, article, body="Cảm ơn bạn đọc đã góp ý.")

    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"#binh-luan-{comment.pk}")
    assert (comment.status, comment.badge, comment.user, comment.by_story_author) == (
        Comment.Status.APPROVED,
        Badge.EDITOR,
        editor,
        False,
    )
    assert "Cảm ơn bạn đọc đã góp ý." in Client().get(article.get_absolute_url()).content.decode()
    entry = AuditEntry.objects.get(action=AuditEntry.Action.COMMENT_APPROVED)
    assert (entry.actor, entry.comment_id) == (editor, comment.pk)


def test_staff_without_a_full_name_sign_with_their_role_never_their_login(
    editor_client, editor, article
):
    editor.first_name = editor.last_name = ""
    editor.save()

    staff_post(editor_client, article, body="Cảm ơn bạn đọc đã góp ý.")

    assert Comment.objects.get().name == "Biên tập viên"
    page = Client().get(article.get_absolute_url()).content.decode()
    assert editor.username not in page


def test_a_staff_double_click_posts_the_comment_once(editor_client, article):
    staff_post(editor_client, article, body="Cảm ơn bạn đọc đã góp ý.")

    again = staff_post(editor_client, article, body="Cảm ơn bạn đọc đã góp ý.")

    assert again.status_code == 400
    assert "Bạn đã gửi bình luận này cho bài viết này rồi." in again.content.decode()
    assert Comment.objects.count() == 1


def test_a_writer_on_the_byline_comments_as_the_author(writer, article):
    BylineFactory(article=article, author=AuthorFactory(user=writer))

    staff_post(logged_in(writer), article)

    comment = Comment.objects.get()
    assert (comment.badge, comment.by_story_author) == (Badge.REPORTER, True)


def test_staff_answer_a_readers_comment(moderator_client, article):
    question = CommentFactory(article=article, status=Comment.Status.APPROVED)

    staff_post(moderator_client, article, parent=question.pk, body="Tòa soạn đã kiểm tra lại.")

    answer = Comment.objects.get(body="Tòa soạn đã kiểm tra lại.")
    assert (answer.parent, answer.badge) == (question, Badge.BOARD)


def test_staff_posts_are_not_rate_limited_nor_bot_trapped(editor_client, article, settings):
    settings.COMMENTS_RATE_LIMITS = [(1, 3600)]

    first = staff_post(editor_client, article, body="Thứ nhất")
    second = staff_post(editor_client, article, body="Thứ hai", website="http://spam.example")

    assert (first.status_code, second.status_code) == (302, 302)
    assert set(Comment.objects.values_list("status", flat=True)) == {Comment.Status.APPROVED}


def test_a_staff_comment_too_long_or_empty_is_refused_with_the_text_kept(editor_client, article):
    too_long = staff_post(editor_client, article, body="k" * 1001)
    empty = staff_post(editor_client, article, body="  ")

    assert too_long.status_code == 400
    assert "dài hơn giới hạn 1000 ký tự; phần vượt quá (1 ký tự)" in too_long.content.decode()
    assert f"\n{'k' * 1000}</textarea>" in too_long.content.decode()
    assert empty.status_code == 400
    assert not Comment.objects.exists()


@pytest.mark.parametrize("mode", [Mode.READ_ONLY, Mode.PREMODERATED])
def test_staff_speak_in_read_only_stories(editor_client, editor, section, article, mode):
    CommentRule.objects.create(scope=Scope.SECTION, section=section, mode=mode)

    html = logged_in(editor).get(article.get_absolute_url()).content.decode()
    response = staff_post(editor_client, article)

    assert "Bạn bình luận với tư cách" in html
    assert response.status_code == 302
    assert Comment.objects.get().status == Comment.Status.APPROVED


def test_staff_speak_during_quiet_hours(editor_client, monkeypatch, article):
    from tests.comments.test_quiet_hours import Clock

    CommentRule.objects.create(scope=Scope.SITE, quiet_from="22:00", quiet_until="06:00")
    Clock(monkeypatch).set("23:30")

    assert staff_post(editor_client, article).status_code == 302
    assert post_comment(Client(), article).status_code == 403


def test_staff_may_not_post_when_comments_are_off(editor_client, article):
    CommentRule.objects.create(scope=Scope.STORY, article=article, mode=Mode.OFF)

    assert staff_post(editor_client, article).status_code == 403
    assert not Comment.objects.exists()


def test_staff_may_not_post_on_a_closed_story(editor_client, section):
    story = ArticleFactory(section=section, allow_comments=False)

    response = staff_post(editor_client, story, body="Sau khi đã đóng")

    assert response.status_code == 403
    assert "Bình luận đã đóng" in response.content.decode()
    assert "Sau khi đã đóng</textarea>" in response.content.decode()
    assert not Comment.objects.exists()


def test_staff_previewing_a_draft_get_no_comment_form(editor, section):
    draft = ArticleFactory(section=section, draft=True)

    response = logged_in(editor).get(draft.get_absolute_url())

    assert response.status_code == 200
    assert draft.title in response.content.decode()
    assert 'name="body"' not in response.content.decode()


def test_staff_pages_are_never_cached_nor_served_from_the_cache(editor, article):
    reader, staff = Client(), logged_in(editor)
    reader.get(article.get_absolute_url())  # the readers' copy is cached

    with CaptureQueriesContext(connection) as drawn:
        staff_html = staff.get(article.get_absolute_url()).content.decode()
    queries = len(drawn)  # (the next request clears the log)
    reader_html = Client().get(article.get_absolute_url()).content.decode()

    assert queries > 0  # drawn for them, not the readers' copy
    assert "Bạn bình luận với tư cách" in staff_html
    assert "Bạn bình luận với tư cách" not in reader_html
    assert READER_NOTE in reader_html


def test_a_staff_page_is_never_stored_for_readers(editor, article):
    logged_in(editor).get(article.get_absolute_url())  # drawn first, the cache empty

    reader_html = Client().get(article.get_absolute_url()).content.decode()

    assert "Bạn bình luận với tư cách" not in reader_html
    assert READER_NOTE in reader_html


def test_a_reader_form_post_by_someone_logged_in_but_not_staff_stays_a_readers(article):
    member = logged_in(UserFactory(username="bandoc", is_staff=False))

    response = post_comment(member, article, body="Tôi không phải nhân viên")

    assert response.status_code == 302
    comment = Comment.objects.get()
    assert (comment.status, comment.badge, comment.user) == (
        Comment.Status.PENDING,
        Badge.NONE,
        None,
    )
