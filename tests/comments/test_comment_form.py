"""What a reader sees of the comment form, and what happens when they post."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment
from newsroom.infra import retire
from tests.comments.helpers import post_comment

pytestmark = pytest.mark.django_db

NOTE = "Email của bạn sẽ không được hiển thị công khai. Các trường bắt buộc được đánh dấu *"


def page(client, article):
    return client.get(article.get_absolute_url()).content.decode()


def test_form_has_heading_note_labels_and_required_marks(client, article):
    html = page(client, article)

    assert "Gửi bình luận" in html
    assert NOTE in html
    for field, label in [("name", "Tên"), ("email", "Email"), ("body", "Bình luận")]:
        label_html = re.search(rf'<label\s+for="id_{field}"[^>]*>(.*?)</label>', html, re.S).group(
            1
        )
        assert label in label_html
        assert '<span class="asteriskField">*</span>' in label_html
        tag = re.search(rf'<(?:input|textarea)[^>]*id="id_{field}"[^>]*>', html).group(0)
        assert " required" in tag
        assert 'aria-required="true"' in tag


def test_remember_checkbox_is_optional_and_unticked(client, article):
    html = page(client, article)

    assert "Lưu tên và email của tôi trong trình duyệt này cho lần bình luận kế tiếp" in html
    checkbox = re.search(r'<input[^>]*name="remember"[^>]*>', html).group(0)
    assert "checked" not in checkbox
    assert "required" not in checkbox


def test_every_visible_input_has_a_label(client, article):
    html = page(client, article)
    form = html[html.index('class="comment-form"') :]
    form = form[: form.index("</form>")]

    for input_id in re.findall(
        r'<(?:input|textarea)[^>]*type="(?!hidden)[^"]*"[^>]*id="([^"]+)"', form
    ):
        assert f'for="{input_id}"' in form, input_id
    assert 'for="id_body"' in form


def test_form_is_in_english_when_the_site_is(client, article):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    html = page(client, article)

    assert "Leave a comment" in html
    assert "Your email address will not be published. Required fields are marked *" in html
    assert "Save my name and email in this browser for the next time I comment" in html


def test_valid_comment_is_saved_pending_and_lands_on_the_personal_copy_of_the_story(
    client, article
):
    response = post_comment(client, article, body="Ý kiến của tôi.")

    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert response.status_code == 302
    assert response["Location"] == f"/cua-ban{article.get_absolute_url()}#binh-luan-{comment.pk}"
    assert comment.ip_address == "203.0.113.7"


def test_author_sees_own_pending_comment_and_the_awaiting_message(client, article):
    posted = post_comment(client, article, body="Ý kiến của tôi đây.")

    html = client.get(posted["Location"]).content.decode()

    assert "đang chờ kiểm duyệt" in html
    assert "Bình luận của bạn đang chờ duyệt" in html
    assert "Ý kiến của tôi đây." in html


def test_nobody_else_sees_a_pending_comment(client, article):
    post_comment(client, article, body="Ý kiến riêng chưa duyệt.")

    other = Client()

    assert "Ý kiến riêng chưa duyệt." not in page(other, article)


def test_form_with_errors_keeps_the_text_and_shows_errors_by_fields_and_on_top(client, article):
    response = post_comment(
        client, article, name="", email="khong-phai-email", body="Nội dung giữ lại"
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert 'class="error-summary"' in html
    assert html.index('class="error-summary"') < html.index('id="id_body"')
    assert "Hãy nhập tên của bạn." in html
    assert "Email này không hợp lệ" in html
    assert "Nội dung giữ lại</textarea>" in html
    assert 'value="khong-phai-email"' in html
    assert not Comment.objects.exists()


def test_empty_form_lists_every_required_field_error(client, article):
    response = post_comment(client, article, name="", email="", body="")

    html = response.content.decode()
    for message in ["Hãy nhập tên của bạn.", "Hãy nhập email", "Hãy viết nội dung bình luận."]:
        assert html.count(message) == 2  # next to the field and in the summary


def test_too_long_comment_gets_a_clear_message(client, article, settings):
    settings.COMMENTS_MAX_LENGTH = 50

    response = post_comment(client, article, body="x" * 60)

    assert response.status_code == 400
    html = response.content.decode()
    assert "Bình luận dài hơn giới hạn 50 ký tự; phần vượt quá (10 ký tự) đã bị cắt." in html


def test_duplicate_comment_is_refused_with_a_clear_message(client, article):
    post_comment(client, article, body="Hai lần giống nhau")
    cache_clear_rate_limits()

    response = post_comment(Client(), article, body="Hai lần giống nhau", ip="198.51.100.2")

    assert response.status_code == 400
    html = response.content.decode()
    assert html.count("Bạn đã gửi bình luận này cho bài viết này rồi.") == 1  # in the summary
    assert 'role="alert"' in html[: html.index("Bạn đã gửi bình luận này")]
    assert Comment.objects.count() == 1


def test_comment_text_is_plain_text_with_line_breaks_and_safe_links(client, article):
    from comments import decisions
    from tests.factories import UserFactory

    post_comment(
        client,
        article,
        body="<b>đậm?</b> <script>alert(1)</script>\nDòng hai\n\nĐoạn mới https://kontumtv.vn/tin",
    )
    decisions.approve(Comment.objects.all(), UserFactory())

    html = page(Client(), article)

    assert "&lt;b&gt;đậm?&lt;/b&gt;" in html
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<br>Dòng hai</p><p>Đoạn mới" in html
    assert '<a href="https://kontumtv.vn/tin" rel="nofollow ugc noopener">' in html


def test_comments_close_when_the_story_disallows_them(client, article):
    type(article).objects.filter(pk=article.pk).update(allow_comments=False)

    html = page(client, article)
    response = post_comment(client, article)

    assert "Bình luận đã đóng." in html
    assert 'name="body"' not in html
    assert response.status_code == 403
    assert "Bình luận đã đóng" in response.content.decode()
    assert not Comment.objects.exists()


def test_comments_close_after_the_configured_number_of_days(client, article, settings):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 30
    type(article).objects.filter(pk=article.pk).update(
        publish_at=timezone.now() - timedelta(days=31)
    )

    assert "Bình luận đã đóng." in page(client, article)
    assert post_comment(client, article).status_code == 403

    settings.COMMENTS_CLOSE_AFTER_DAYS = 60
    retire.retire_everything()  # a changed setting shows once cached pages are retired
    assert 'name="body"' in page(client, article)


def test_posting_to_a_draft_is_404(client, section):
    from tests.factories import ArticleFactory

    draft = ArticleFactory(section=section, draft=True)

    assert post_comment(client, draft).status_code == 404


def test_get_on_the_post_url_is_refused(client, article):
    response = client.get(f"{article.get_absolute_url()}binh-luan/")

    assert response.status_code == 405


def cache_clear_rate_limits():
    from django.core.cache import cache

    cache.clear()


def test_a_story_unpublished_in_the_admin_refuses_the_next_comment(client, article, chief_client):
    assert post_comment(client, article, body="Trước khi gỡ bài").status_code == 302

    chief_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "unpublish", "_selected_action": [article.pk]},
    )
    response = post_comment(Client(), article, ip="198.51.100.30", body="Sau khi gỡ bài")

    assert response.status_code == 404
    assert list(Comment.objects.values_list("body", flat=True)) == ["Trước khi gỡ bài"]


def test_closing_comments_on_a_story_refuses_the_next_comment(client, article):
    assert post_comment(client, article, body="Trước khi đóng").status_code == 302

    article.allow_comments = False
    article.save()
    response = post_comment(Client(), article, ip="198.51.100.31", body="Sau khi đóng")

    assert response.status_code == 403
    assert "Bình luận đã đóng" in response.content.decode()


def test_a_story_deleted_in_bulk_in_the_admin_refuses_the_next_comment(
    client, article, admin_client
):
    assert post_comment(client, article, body="Trước khi xóa bài").status_code == 302

    admin_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "delete_selected", "_selected_action": [article.pk], "post": "yes"},
    )
    response = post_comment(Client(), article, ip="198.51.100.32", body="Sau khi xóa bài")

    assert response.status_code == 404
