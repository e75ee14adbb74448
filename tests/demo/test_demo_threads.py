"""The demo's comment threads: what `make run` shows a newcomer in each role."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import escape

from articles.models import Article
from comments.models import Comment, CommentLike, DisallowedWord
from newsroom import demo

pytestmark = pytest.mark.django_db

QUEUE = "/admin/comments/comment/queue/"
COFFEE = "Giá cà phê tăng cao, nông dân Đăk Hà phấn khởi vào vụ thu hoạch"


@pytest.fixture
def demo_site(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    settings.DEBUG = False  # readers and moderators see the site as in production


@pytest.fixture
def moderator_client(client, demo_site):
    """Logged in through the admin's login form with the demo moderator's printed password."""
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "kiemduyet", "password": "kiemduyet-demo-2026"},
    )
    assert response.status_code == 302 and response.url == "/admin/"
    return client


def depth(html, comment):
    """The thread depth the story page draws `comment` at, or None when it is not there."""
    found = re.search(rf'class="comment depth-(\d)[^"]*" id="binh-luan-{comment.pk}"', html)
    return int(found[1]) if found else None


def test_demo_moderator_finds_the_waiting_comments_with_why_they_were_held(moderator_client):
    page = moderator_client.get(QUEUE).content.decode()

    pending = Comment.objects.pending()
    assert pending.count() >= 4
    for comment in pending:
        assert f'id="c-{comment.pk}"' in page
        assert escape(comment.body).splitlines()[0][:60] in page
    assert "Có 3 liên kết (tối đa 2)" in page
    assert "Bình luận mới chờ kiểm duyệt" in page
    assert "Trả lời bình luận của Lê Minh Tâm" in page  # a reply waits under its comment
    for comment in Comment.objects.filter(status=Comment.Status.SPAM):
        assert f'id="c-{comment.pk}"' not in page


def test_demo_moderator_finds_a_comment_readers_reported_in_its_tab(moderator_client):
    page = moderator_client.get(reverse("admin:comments_comment_reported")).content.decode()

    reported = Comment.objects.get(report_state=Comment.ReportState.HIDDEN)
    assert reported.reporters == 3 and reported.is_approved
    assert '<span data-tab-count="reported">1</span>' in page
    assert f'id="c-{reported.pk}"' in page
    assert escape(reported.body)[:60] in page
    assert "Lộ thông tin cá nhân" in page


def test_demo_spam_catches_are_listed_with_the_rule_that_caught_them(moderator_client):
    page = moderator_client.get("/admin/comments/comment/", {"status": "spam"}).content.decode()

    rules = [word["word"] for word in demo.load("comments")["disallowed_words"]]
    assert set(DisallowedWord.objects.values_list("word", flat=True)) >= set(rules)
    assert "Chứa từ bị cấm: “cá độ”" in page
    assert "Gửi quá nhanh sau khi mở trang (1.2 giây)" in page
    assert "Trường ẩn (honeypot) đã bị điền" in page


def test_demo_story_shows_an_approved_thread_with_a_reply_three_deep(client, demo_site):
    story = Article.objects.get(title=COFFEE)
    html = client.get(story.get_absolute_url()).content.decode()

    answer = Comment.objects.get(article=story, user__username="phongvien")
    reply, first = answer.parent, answer.parent.parent
    assert [depth(html, c) for c in (first, reply, answer)] == [1, 2, 3]
    assert first.parent is None and first.is_approved and reply.is_approved
    assert escape(answer.body) in html and "Lê Quang Đạt" in html  # the story's own reporter
    assert f"{story.comment_count} bình luận" in html
    assert story.comment_count == 8


def test_demo_counts_match_the_approved_comments_and_readers_see_nothing_else(client, demo_site):
    threads = Article.objects.filter(comments__isnull=False).distinct()
    assert threads.count() >= 5
    for story in threads:
        approved = story.comments.filter(status=Comment.Status.APPROVED)
        assert story.comment_count == approved.count()
        html = client.get(story.get_absolute_url()).content.decode()
        for comment in approved:
            assert depth(html, comment) is not None
            shown = escape(comment.body)[:50] in html
            assert shown == (not comment.is_hidden_for_review)
        for comment in story.comments.exclude(status=Comment.Status.APPROVED):
            assert depth(html, comment) is None
            assert escape(comment.body)[:50] not in html
    spam = Comment.objects.filter(status=Comment.Status.SPAM)
    assert spam.count() >= 1
    assert "tien-nhanh.example.com" not in client.get(spam.last().article.get_absolute_url()).text


def test_seed_demo_twice_adds_no_comment_like_pin_or_rule(settings, demo_site):
    def state():
        return (
            list(Comment.objects.order_by("pk").values_list("pk", "status", "like_count")),
            CommentLike.objects.count(),
            Comment.objects.filter(featured_at__isnull=False).count(),
            DisallowedWord.objects.count(),
            list(Article.objects.order_by("pk").values_list("pk", "comment_count")),
        )

    first = state()
    settings.DEBUG = True
    call_command("seed_demo")

    assert state() == first
    assert len(first[0]) >= 25 and first[1] > 0 and first[2] == 1
    assert not Comment.objects.exclude(email__regex=r"@example\.(com|vn)$").exists()
