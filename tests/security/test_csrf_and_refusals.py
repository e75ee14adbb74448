"""Forged or missing CSRF tokens, replayed posts, closed and unpublished stories: clear refusals."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from comments.models import Comment
from tests.comments.helpers import comment_data
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

RELOAD = "Hãy tải lại trang rồi gửi lại"
NOT_KEPT = "Nội dung bạn đã nhập không thể giữ lại ở đây"


def strict_browser():
    return Client(enforce_csrf_checks=True)


def form_token(browser, article):
    html = browser.get(article.get_absolute_url()).content.decode()
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]


def post(browser, article, ip="203.0.113.7", **data):
    url = reverse("comments:post", kwargs={"slug": article.slug})
    return browser.post(url, comment_data(**data), REMOTE_ADDR=ip)


def test_missing_token_is_refused_in_vietnamese_and_stores_nothing(article):
    response = post(strict_browser(), article)

    assert response.status_code == 403
    html = response.content.decode()
    assert RELOAD in html and NOT_KEPT in html
    assert not Comment.objects.exists()


def test_forged_token_is_refused(article):
    browser = strict_browser()
    form_token(browser, article)  # a real cookie, but a token made up by someone else

    response = post(browser, article, csrfmiddlewaretoken="x" * 64)

    assert response.status_code == 403
    assert RELOAD in response.content.decode()
    assert not Comment.objects.exists()


def test_token_from_another_browser_is_refused(article):
    other_token = form_token(strict_browser(), article)
    browser = strict_browser()
    browser.get(article.get_absolute_url())

    browser.cookies.pop("csrftoken")
    response = post(browser, article, csrfmiddlewaretoken=other_token)

    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_a_real_token_posts_and_a_replay_is_refused_as_a_duplicate(article):
    browser = strict_browser()
    token = form_token(browser, article)

    first = post(browser, article, csrfmiddlewaretoken=token)
    replay = post(browser, article, ip="198.51.100.4", csrfmiddlewaretoken=token)  # no 429

    assert first.status_code == 302
    assert replay.status_code == 400
    assert "Bạn đã gửi bình luận này cho bài viết này rồi." in replay.content.decode()
    assert Comment.objects.count() == 1


def test_admin_login_without_token_gets_the_same_page(db):
    response = strict_browser().post(reverse("admin:login"), {"username": "a", "password": "b"})

    assert response.status_code == 403
    assert RELOAD in response.content.decode()


def test_closed_story_refuses_with_a_reason(client, section):
    story = ArticleFactory(section=section, allow_comments=False)

    response = post(client, story)

    assert response.status_code == 403
    assert "Bình luận đã đóng" in response.content.decode()
    assert not Comment.objects.exists()


def test_story_past_its_comment_window_refuses(client, section, settings):
    old = timezone.now() - timedelta(days=settings.COMMENTS_CLOSE_AFTER_DAYS + 1)
    story = ArticleFactory(section=section, publish_at=old)

    response = post(client, story)

    assert response.status_code == 403
    assert "Bình luận đã đóng" in response.content.decode()


@pytest.mark.parametrize("kind", ["draft", "scheduled"])
def test_unpublished_story_answers_not_found_and_stores_nothing(
    client, editor_client, section, kind
):
    story = ArticleFactory(section=section, **{kind: True})

    for browser in (client, editor_client):  # not even staff comment on an unpublished story
        response = post(browser, story)
        assert response.status_code == 404
        assert "Không tìm thấy trang" in response.content.decode()
    assert not Comment.objects.exists()


def test_a_story_unpublished_while_the_reader_was_writing(client, article):
    Article.objects.filter(pk=article.pk).update(status=Article.Status.DRAFT)

    response = post(client, article)

    assert response.status_code == 404
    assert not Comment.objects.exists()
