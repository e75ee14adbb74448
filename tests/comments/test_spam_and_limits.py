"""Bots, links, disallowed words, rate limits: held back, with a reason moderators see."""

import time

import pytest
from django.test import Client
from django.urls import reverse

from comments.models import Comment, DisallowedWord
from comments.policy import find_disallowed, sign_render_time
from tests.comments.helpers import post_comment

pytestmark = pytest.mark.django_db


def page(client, article):
    return client.get(article.get_absolute_url()).content.decode()


def test_honeypot_bot_is_told_nothing_and_stored_as_spam(client, article):
    response = post_comment(client, article, website="http://spam.example", body="Mua ngay!")

    assert response.status_code == 302
    follow = client.get(response["Location"]).content.decode()
    assert "đang chờ kiểm duyệt" in follow  # the same answer a person gets
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.SPAM
    assert "honeypot" in comment.held_reason
    assert "Mua ngay!" not in follow  # not even shown to its own browser


def test_posting_faster_than_a_person_can_type_is_spam(client, article):
    post_comment(client, article, rendered=sign_render_time(time.time() - 0.5))

    comment = Comment.objects.get()
    assert comment.status == Comment.Status.SPAM
    assert "quá nhanh" in comment.held_reason


def test_forged_render_time_is_spam(client, article):
    post_comment(client, article, rendered="1700000000.0:forged")

    assert Comment.objects.get().status == Comment.Status.SPAM


def test_more_than_two_links_holds_the_comment_with_that_reason(client, article):
    post_comment(
        client, article, body="Xem https://a.example/1 và https://b.example/2 và www.c.example"
    )

    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert comment.held_reason == "Có 3 liên kết (tối đa 2)"


def test_two_links_are_fine(client, article):
    post_comment(client, article, body="Xem https://a.example/1 và https://b.example/2")

    assert Comment.objects.get().held_reason == "Bình luận mới chờ kiểm duyệt"


def test_disallowed_word_marks_spam_with_the_word_as_reason(client, article):
    DisallowedWord.objects.create(word="đần")

    post_comment(client, article, body="Ông này ĐẦN quá")

    comment = Comment.objects.get()
    assert comment.status == Comment.Status.SPAM
    assert comment.held_reason == "Chứa từ bị cấm: “đần”"


def test_a_word_added_in_the_admin_applies_to_the_very_next_post(client, article, moderator_client):
    post_comment(client, article, body="Vay tiền nhanh lãi thấp")  # the list is read (empty)
    moderator_client.post(reverse("admin:comments_disallowedword_add"), {"word": "vay tiền"})

    post_comment(Client(), article, ip="198.51.100.20", body="Vay tiền nhanh, gọi ngay")

    latest = Comment.objects.latest("pk")
    assert latest.status == Comment.Status.SPAM
    assert latest.held_reason == "Chứa từ bị cấm: “vay tiền”"


def test_words_deleted_in_the_admin_stop_marking_spam_at_once(client, article, moderator_client):
    words = [DisallowedWord.objects.create(word=w) for w in ("xổ số", "lô đề")]
    post_comment(client, article, body="Xổ số hôm nay")
    assert Comment.objects.get().status == Comment.Status.SPAM

    moderator_client.post(
        reverse("admin:comments_disallowedword_changelist"),
        {"action": "delete_selected", "_selected_action": [w.pk for w in words], "post": "yes"},
    )
    post_comment(Client(), article, ip="198.51.100.21", body="Xổ số kiến thiết tỉnh nhà")

    assert not DisallowedWord.objects.exists()
    assert Comment.objects.latest("pk").status == Comment.Status.PENDING


@pytest.mark.parametrize(
    "rule, text, hit",
    [
        ("bi", "con bi ve", True),
        ("bi", "quả bí ngô", False),
        ("bi", "tờ bìa sách", False),
        ("bi", "bình minh", False),
        ("đần", "đồ dan", True),
        ("đần", "đồ DAN", True),
        ("đần", "người dân", False),
        ("đần", "đần độn", True),
        ("đần", "Đần", True),
        ("đần", "đan len", False),
        ("lừa đảo", "bọn lua dao này", True),
        ("lừa đảo", "lừa  đảo", True),
        ("lừa đảo", "lừa gạt đảo chính", False),
        ("ngu", "nguyên nhân", False),
        ("ngu", "đồ ngu!", True),
    ],
)
def test_word_rules_understand_vietnamese(rule, text, hit):
    assert (find_disallowed(text, [rule]) == rule) is hit


def test_word_rules_match_text_typed_in_decomposed_unicode():
    decomposed = "đồ đa\u0302\u0300n"  # đần typed with combining marks

    assert find_disallowed(decomposed, ["đần"]) == "đần"


def test_second_comment_within_15_seconds_gets_429_with_text_kept(client, article):
    post_comment(client, article, body="Lần một")

    response = post_comment(client, article, body="Lần hai vội quá")

    assert response.status_code == 429
    html = response.content.decode()
    assert "Bạn gửi nhanh quá: tối đa 1 bình luận mỗi 15 giây." in html
    assert "Lần hai vội quá</textarea>" in html
    assert Comment.objects.count() == 1


def test_rate_limit_is_per_address(client, article):
    post_comment(client, article, body="Từ máy một")

    response = post_comment(Client(), article, body="Từ máy hai", ip="198.51.100.9")

    assert response.status_code == 302
    assert Comment.objects.count() == 2


def test_hourly_limit(client, article, settings):
    settings.COMMENTS_RATE_LIMITS = [(3, 3600)]
    for n in range(3):
        assert post_comment(client, article, body=f"Bình luận số {n}").status_code == 302

    response = post_comment(client, article, body="Bình luận thứ tư")

    assert response.status_code == 429
    assert "tối đa 3 bình luận mỗi 60 phút" in response.content.decode()


def test_rate_limit_can_be_lifted_by_setting(client, article, settings):
    settings.COMMENTS_RATE_LIMIT_ENABLED = False

    for n in range(3):
        assert post_comment(client, article, body=f"Nhanh {n}").status_code == 302


def test_forwarded_address_is_used_behind_trusted_proxies(client, article, settings):
    settings.NUM_TRUSTED_PROXIES = 1
    url = article.get_absolute_url() + "binh-luan/"
    from tests.comments.helpers import comment_data

    client.post(url, comment_data(), REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.20")

    assert Comment.objects.get().ip_address == "198.51.100.20"


def test_known_commenter_is_approved_at_once_when_enabled(client, article, settings):
    from comments import decisions
    from tests.factories import UserFactory

    settings.COMMENTS_AUTO_APPROVE_KNOWN = True
    post_comment(client, article, body="Lần đầu")
    decisions.approve(Comment.objects.all(), UserFactory())
    DisallowedWord.objects.create(word="xấu")

    post_comment(Client(), article, body="Lần hai được duyệt ngay", ip="198.51.100.3")
    post_comment(Client(), article, body="Lần ba có chữ xấu", ip="198.51.100.4")

    assert Comment.objects.get(body="Lần hai được duyệt ngay").status == "approved"
    assert Comment.objects.get(body="Lần ba có chữ xấu").status == "spam"
    assert "Lần hai được duyệt ngay" in page(Client(), article)


def test_known_commenter_still_waits_by_default(client, article):
    from comments import decisions
    from tests.factories import UserFactory

    post_comment(client, article, body="Lần đầu")
    decisions.approve(Comment.objects.all(), UserFactory())

    post_comment(Client(), article, body="Lần hai", ip="198.51.100.3")

    assert Comment.objects.get(body="Lần hai").status == "pending"
