"""Anonymous readers get cached pages that are never stale and whose forms still work."""

import re
import time
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from comments import decisions
from comments.models import Comment
from tests.comments.helpers import comment_data
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_second_visit_is_served_without_touching_the_database(
    client, article, django_assert_num_queries
):
    first = client.get(article.get_absolute_url())

    with django_assert_num_queries(0):
        second = Client().get(article.get_absolute_url())

    assert second.status_code == 200
    assert article.title in second.content.decode()
    assert len(second.content) > len(first.content) * 0.9


def test_comment_form_on_a_cached_page_works_with_csrf(article):
    Client().get(article.get_absolute_url())  # someone else's visit fills the cache
    reader = Client(enforce_csrf_checks=True, REMOTE_ADDR="198.51.100.61")

    page = reader.get(article.get_absolute_url())
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())[1]
    response = reader.post(
        reverse("comments:post", kwargs={"slug": article.slug}),
        comment_data(csrfmiddlewaretoken=token, body="Gửi từ trang đã lưu sẵn"),
    )

    assert response.status_code == 302
    assert Comment.objects.get().body == "Gửi từ trang đã lưu sẵn"


def test_every_reader_gets_their_own_csrf_token(article):
    tokens = set()
    for _ in range(3):
        html = Client().get(article.get_absolute_url()).content.decode()
        tokens.add(re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1])

    assert len(tokens) == 3
    assert "__CSRF_TOKEN__" not in html


def test_approving_a_comment_shows_it_at_once(article):
    comment = Comment.objects.create(
        article=article, name="Bạn đọc", email="a@example.com", body="Chờ xuất hiện"
    )
    assert "Chờ xuất hiện" not in Client().get(article.get_absolute_url()).content.decode()

    decisions.approve([comment], UserFactory())

    assert "Chờ xuất hiện" in Client().get(article.get_absolute_url()).content.decode()


def test_saving_a_story_retires_cached_lists(client, article):
    assert "Tiêu đề mới hẳn" not in client.get("/").content.decode()

    article.title = "Tiêu đề mới hẳn"
    article.save()

    assert "Tiêu đề mới hẳn" in Client().get("/").content.decode()


def test_publish_action_retires_cached_pages(section):
    editor = Client()
    editor.force_login(UserFactory(username="ed", is_staff=True, groups=["Biên tập viên"]))
    draft = ArticleFactory(
        section=section, title="Bài vừa xuất bản", draft=True, review_state="approved"
    )
    assert "Bài vừa xuất bản" not in Client().get("/").content.decode()

    editor.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish", "_selected_action": [draft.pk]},
    )

    assert "Bài vừa xuất bản" in Client().get("/").content.decode()


def test_scheduled_story_appears_when_due_although_the_home_page_is_cached(section):
    due = timezone.now() + timedelta(seconds=1.5)
    ArticleFactory(section=section, title="Tin đúng giờ", publish_at=due)
    assert "Tin đúng giờ" not in Client().get("/").content.decode()

    time.sleep(max(0.0, (due - timezone.now()).total_seconds()) + 0.1)

    assert "Tin đúng giờ" in Client().get("/").content.decode()


def test_reloading_browser_gets_304(client, article):
    first = client.get(article.get_absolute_url())

    again = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])

    assert first["ETag"]
    assert "Last-Modified" in first
    assert again.status_code == 304


def test_staff_previews_are_never_served_to_readers(section):
    draft = ArticleFactory(section=section, title="Nháp bí mật", draft=True)
    editor = Client()
    editor.force_login(UserFactory(username="ed2", is_staff=True, groups=["Biên tập viên"]))

    assert editor.get(draft.get_absolute_url()).status_code == 200
    assert Client().get(draft.get_absolute_url()).status_code == 404
    assert "Nháp bí mật" not in Client().get("/").content.decode()


def test_pending_comment_author_is_not_served_the_shared_page(article):
    from tests.comments.helpers import post_comment

    Client().get(article.get_absolute_url())
    author = Client()
    post_comment(author, article, body="Của riêng tôi")

    assert "Của riêng tôi" in author.get(article.get_absolute_url()).content.decode()
    assert "Của riêng tôi" not in Client().get(article.get_absolute_url()).content.decode()


def test_english_readers_get_english_pages_from_the_cache(article):
    Client().get(article.get_absolute_url())
    english = Client()
    english.cookies["django_language"] = "en"

    assert '<html lang="en">' in english.get(article.get_absolute_url()).content.decode()
    assert '<html lang="vi">' in Client().get(article.get_absolute_url()).content.decode()


def test_cached_pages_are_sent_gzipped_with_a_working_token(article):
    import gzip

    Client().get(article.get_absolute_url())
    reader = Client(enforce_csrf_checks=True, REMOTE_ADDR="198.51.100.62")

    response = reader.get(article.get_absolute_url(), HTTP_ACCEPT_ENCODING="gzip, deflate, br")

    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    html = gzip.decompress(response.content).decode()
    assert article.title in html
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]
    posted = reader.post(
        reverse("comments:post", kwargs={"slug": article.slug}),
        comment_data(csrfmiddlewaretoken=token, body="Gửi từ trang nén gzip"),
    )
    assert posted.status_code == 302
    plain = Client().get(article.get_absolute_url()).content.decode()
    assert html.replace(token, "T") == re.sub(r'(csrfmiddlewaretoken" value=")[^"]+', r"\1T", plain)
