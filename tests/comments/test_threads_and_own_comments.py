"""Threads, approval, and what the commenter's own browser may do with a pending comment."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from comments import decisions
from comments.models import Comment
from tests.comments.helpers import personal_page, post_comment
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def approved(article, moderator, **fields):
    comment = Comment.objects.create(
        article=article, email=f"{fields.get('name', 'x')}@example.com".replace(" ", ""), **fields
    )
    decisions.approve([comment], moderator)
    return comment


def page(client, article):
    return client.get(article.get_absolute_url()).content.decode()


def test_approval_makes_a_comment_public_and_counts_it(client, article, moderator):
    post_comment(client, article, body="Chờ duyệt rồi công khai")
    assert "Chờ duyệt rồi công khai" not in page(Client(), article)

    decisions.approve(Comment.objects.all(), moderator, note="ok")

    html = page(Client(), article)
    assert "Chờ duyệt rồi công khai" in html
    assert "1 bình luận" in html
    comment = Comment.objects.get()
    assert (comment.moderated_by, comment.moderation_note) == (moderator, "ok")
    assert comment.moderated_at is not None
    section_page = Client().get(article.section.get_absolute_url()).content.decode()
    assert "1 bình luận" in section_page


def test_rejected_and_spam_comments_stay_hidden(client, article, moderator):
    a = approved(article, moderator, name="A", body="Sẽ bị từ chối sau")
    b = approved(article, moderator, name="B", body="Sẽ thành spam sau")

    decisions.reject([a], moderator, note="xúc phạm")
    decisions.mark_spam([b], moderator)

    html = page(Client(), article)
    assert "Sẽ bị từ chối sau" not in html and "Sẽ thành spam sau" not in html
    assert "0 bình luận" in html


def test_comments_show_oldest_first_with_name_and_vietnamese_time(client, article, moderator):
    first = approved(article, moderator, name="Người thứ nhất", body="Một")
    second = approved(article, moderator, name="Người thứ hai", body="Hai")
    Comment.objects.filter(pk=first.pk).update(
        created=timezone.datetime(2022, 1, 13, 1, 30, tzinfo=timezone.UTC)
    )

    html = page(client, article)

    assert html.index("Người thứ nhất") < html.index("Người thứ hai")
    assert "Thứ Năm, 13/01/2022 08:30" in html
    assert second.pk


def test_replies_nest_under_their_parent_two_levels_and_more(client, article, moderator):
    top = approved(article, moderator, name="Gốc", body="Bình luận gốc")
    reply = approved(article, moderator, name="Con", body="Trả lời cấp hai", parent=top)
    deeper = approved(article, moderator, name="Cháu", body="Trả lời cấp ba", parent=reply)
    deepest = approved(article, moderator, name="Chắt", body="Trả lời cấp bốn", parent=deeper)

    html = page(client, article)

    assert f'class="comment depth-2" id="binh-luan-{reply.pk}"' in html
    assert f'class="comment depth-3" id="binh-luan-{deeper.pk}"' in html
    # Deeper replies stay at the third level, saying whom they answer.
    assert f'class="comment depth-3" id="binh-luan-{deepest.pk}"' in html
    assert "@Cháu" in html
    assert html.index(f'id="binh-luan-{top.pk}"') < html.index(f'id="binh-luan-{reply.pk}"')


def test_reply_link_works_without_javascript(client, article, moderator):
    top = approved(article, moderator, name="Chị Hoa", body="Bình luận để trả lời")
    html = page(client, article)
    link = re.search(r'<a class="reply-link" href="([^"]+)"', html).group(1)
    assert link == f"?reply_to={top.pk}#gui-binh-luan"

    form_page = client.get(article.get_absolute_url() + link.split("#")[0]).content.decode()
    assert f'name="parent" value="{top.pk}"' in form_page
    assert "Đang trả lời <strong data-reply-name>Chị Hoa</strong>" in form_page

    post_comment(client, article, parent=str(top.pk), body="Em trả lời chị")
    reply = Comment.objects.get(body="Em trả lời chị")
    assert reply.parent == top


def test_reply_to_a_pending_comment_is_refused(client, article):
    post_comment(client, article, body="Chưa duyệt")
    hidden = Comment.objects.get()

    response = post_comment(
        Client(), article, parent=str(hidden.pk), body="Trả lời cái chưa duyệt", ip="198.51.100.5"
    )

    assert response.status_code == 400
    assert "Bình luận bạn muốn trả lời không còn hiển thị." in response.content.decode()


def test_reply_to_a_comment_of_another_story_is_refused(client, article, moderator, section):
    other = approved(ArticleFactory(section=section), moderator, name="X", body="Ở bài khác")

    response = post_comment(client, article, parent=str(other.pk))

    assert response.status_code == 400


def test_author_edits_own_pending_comment_within_ten_minutes(client, article):
    post_comment(client, article, body="Có lỗi chính tả")
    comment = Comment.objects.get()
    edit_url = reverse("comments:edit", kwargs={"pk": comment.pk})
    assert edit_url == f"/cua-ban/binh-luan/{comment.pk}/sua/"
    assert edit_url in personal_page(client, article)
    assert edit_url not in page(client, article)  # the shared page shows nobody's own

    assert "Có lỗi chính tả</textarea>" in client.get(edit_url).content.decode()
    response = client.post(edit_url, {"name": "Nguyễn Thị Lan", "body": "Đã sửa lỗi chính tả"})

    assert response.status_code == 302
    assert response["Location"] == f"/cua-ban{comment.get_absolute_url()}"
    comment.refresh_from_db()
    assert comment.body == "Đã sửa lỗi chính tả"
    assert comment.status == Comment.Status.PENDING
    assert comment.edited is not None


def test_author_withdraws_own_pending_comment(client, article):
    post_comment(client, article, body="Tôi đổi ý")
    comment = Comment.objects.get()

    response = client.post(reverse("comments:withdraw", kwargs={"pk": comment.pk}))

    assert response.status_code == 302
    assert not Comment.objects.exists()
    assert "Đã rút lại bình luận của bạn." in client.get(response["Location"]).content.decode()


def test_another_browser_cannot_edit_or_withdraw(client, article):
    post_comment(client, article, body="Của tôi")
    comment = Comment.objects.get()
    stranger = Client()

    assert stranger.get(reverse("comments:edit", kwargs={"pk": comment.pk})).status_code == 403
    response = stranger.post(reverse("comments:withdraw", kwargs={"pk": comment.pk}))

    assert response.status_code == 403
    assert Comment.objects.exists()


def test_editing_closes_after_ten_minutes(client, article):
    post_comment(client, article, body="Quá hạn sửa")
    comment = Comment.objects.get()
    Comment.objects.filter(pk=comment.pk).update(created=timezone.now() - timedelta(minutes=11))

    response = client.post(
        reverse("comments:edit", kwargs={"pk": comment.pk}), {"name": "A", "body": "Sửa muộn"}
    )

    assert response.status_code == 403
    assert "10 phút" in response.content.decode()
    assert reverse("comments:edit", kwargs={"pk": comment.pk}) not in personal_page(client, article)


def test_approved_comment_can_no_longer_be_edited(client, article, moderator):
    post_comment(client, article, body="Đã duyệt")
    comment = Comment.objects.get()
    decisions.approve([comment], moderator)

    response = client.get(reverse("comments:edit", kwargs={"pk": comment.pk}))

    assert response.status_code == 403


def test_remember_cookie_is_set_only_when_ticked_and_fills_the_form(client, article, settings):
    post_comment(client, article, body="Không lưu")
    assert (
        not client.cookies.get(settings.COMMENTS_REMEMBER_COOKIE, None)
        or not client.cookies[settings.COMMENTS_REMEMBER_COOKIE].value
    )

    browser = Client()
    post_comment(browser, article, body="Có lưu", remember="on", ip="198.51.100.8")
    cookie = browser.cookies[settings.COMMENTS_REMEMBER_COOKIE]
    assert cookie["httponly"]

    html = personal_page(browser, article)
    assert 'value="Nguyễn Thị Lan"' in html
    assert 'value="lan@example.com"' in html
    personal = browser.get(reverse("comments:personal_story", kwargs={"slug": article.slug}))
    assert "private" in personal["Cache-Control"] and "no-store" in personal["Cache-Control"]
    shared = browser.get(article.get_absolute_url())
    assert "lan@example.com" not in shared.content.decode()
    assert "private" not in shared["Cache-Control"]
