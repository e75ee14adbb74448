"""Anonymous posts need no token (they are checked for where they come from: test_cross_site.py);
logged-in staff's posts and every personal form need Django's; replayed posts, closed and
unpublished stories: clear refusals."""

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
FROM_THIS_SITE = {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_ORIGIN": "http://testserver"}


def strict_browser():
    return Client(enforce_csrf_checks=True)


def staff_browser(user):
    browser = strict_browser()
    browser.force_login(user)
    return browser


def form_token(browser, url):
    html = browser.get(url).content.decode()
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]


def post(browser, article, ip="203.0.113.7", headers=FROM_THIS_SITE, **data):
    url = reverse("comments:post", kwargs={"slug": article.slug})
    return browser.post(url, comment_data(**data), REMOTE_ADDR=ip, **headers)


def test_a_readers_post_from_the_story_page_needs_no_token(article):
    browser = strict_browser()
    page = browser.get(article.get_absolute_url())
    assert "csrfmiddlewaretoken" not in page.content.decode()

    response = post(browser, article, body="Không cần mã bảo mật")

    assert response.status_code == 302
    assert Comment.objects.get().body == "Không cần mã bảo mật"


def test_a_post_with_neither_fetch_metadata_nor_origin_is_taken(article):
    """Not a browser's cross-site form (every browser sends one of them): the signed form
    time, the honeypot and the rate limits still apply."""
    response = post(strict_browser(), article, headers={})

    assert response.status_code == 302
    assert Comment.objects.count() == 1


def test_a_replay_is_refused_as_a_duplicate(article):
    browser = strict_browser()

    first = post(browser, article)
    replay = post(browser, article, ip="198.51.100.4")  # another address: no 429

    assert first.status_code == 302
    assert replay.status_code == 400
    assert "Bạn đã gửi bình luận này cho bài viết này rồi." in replay.content.decode()
    assert Comment.objects.count() == 1


def test_staff_commenting_from_the_story_page_without_a_token_are_refused(editor, article):
    browser = staff_browser(editor)

    response = post(browser, article, body="Tòa soạn trả lời")

    assert response.status_code == 403
    assert RELOAD in response.content.decode()
    assert not Comment.objects.exists()


def test_staff_commenting_with_their_pages_token_are_published(editor, article):
    browser = staff_browser(editor)
    token = form_token(browser, article.get_absolute_url())

    response = post(browser, article, body="Tòa soạn trả lời", csrfmiddlewaretoken=token)

    assert response.status_code == 302
    comment = Comment.objects.get()
    assert (comment.body, comment.is_approved) == ("Tòa soạn trả lời", True)


@pytest.mark.parametrize("token", ["forged", "another browser's"])
def test_staff_with_a_forged_or_someone_elses_token_are_refused(editor, article, token):
    browser = staff_browser(editor)
    browser.get(article.get_absolute_url())  # a real cookie of their own
    other = form_token(staff_browser(editor), article.get_absolute_url())
    if token == "forged":
        value = "x" * 64
    else:
        value = other
        browser.cookies.pop("csrftoken")

    response = post(browser, article, csrfmiddlewaretoken=value)

    assert response.status_code == 403
    assert RELOAD in response.content.decode()
    assert not Comment.objects.exists()


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
