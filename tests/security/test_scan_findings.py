"""Findings from a scan of the running site: bodies of any size taken from anyone, text past a
field's limit drawn back in full, a login landing on a missing page."""

import os
import re
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from articles.models import Article
from comments.models import Comment
from tests.articles.test_slugs import admin_article_form
from tests.comments.factories import CommentFactory
from tests.comments.helpers import post_comment
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

MB = 1024 * 1024
TOO_LARGE = "Nội dung gửi lên quá lớn"
PASSWORD = "secret-pass-123"


def textarea(html, name):
    match = re.search(rf'<textarea[^>]*name="{name}"[^>]*>(.*?)</textarea>', html, re.S)
    return unescape(match.group(1)).strip("\n")


def input_value(html, name):
    tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', html).group(0)
    return unescape(re.search(r'value="([^"]*)"', tag).group(1))


# --- Body sizes ----------------------------------------------------------------------------


def test_a_3_mb_anonymous_comment_is_refused_with_a_readable_page_and_not_echoed(client, article):
    response = post_comment(client, article, body="x" * (3 * MB))

    html = response.content.decode()
    assert response.status_code == 413
    assert TOO_LARGE in html and "Hãy rút ngắn rồi gửi lại." in html
    assert "x" * 1000 not in html
    assert "no-store" in response["Cache-Control"]
    assert not Comment.objects.exists()


def test_an_anonymous_file_posted_to_the_admin_login_is_refused_unread(client):
    big = SimpleUploadedFile("big.bin", os.urandom(3 * MB))

    response = client.post(reverse("admin:login"), {"username": "x", "file": big})

    assert response.status_code == 413
    assert TOO_LARGE in response.content.decode()


def test_staff_outside_the_admin_are_held_to_the_readers_limit(editor_client, article):
    url = reverse("comments:post", kwargs={"slug": article.slug})

    response = editor_client.post(url, {"body": "x" * (3 * MB)})

    assert response.status_code == 413
    assert not Comment.objects.exists()


def test_a_nonsense_content_length_is_read_as_no_body(client, article):
    response = client.get(article.get_absolute_url(), CONTENT_LENGTH="nhiều lắm")

    assert response.status_code == 200


def test_a_reader_may_still_post_a_comment_of_ordinary_size(client, article):
    assert post_comment(client, article, body="Bình thường " * 80).status_code == 302


def test_the_admin_story_form_still_takes_an_image_of_several_megabytes(editor_client, section):
    noise = Image.frombytes("RGB", (1400, 1000), os.urandom(1400 * 1000 * 3))
    upload = SimpleUploadedFile("anh-lon.png", b"", content_type="image/png")
    noise.save(upload.file, "PNG")
    upload.size = upload.file.tell()
    upload.file.seek(0)
    assert upload.size > 3 * MB
    data = admin_article_form(section, title="Bài có ảnh lớn", image_alt="Nhiễu")
    data["image"] = upload

    response = editor_client.post(reverse("admin:articles_article_add"), data)

    assert response.status_code == 302, response.content.decode()[:2000]
    assert Article.objects.get(title="Bài có ảnh lớn").image


# --- Text drawn back within its field's limit ------------------------------------------------


def test_a_too_long_comment_comes_back_cut_to_the_limit_saying_how_much_was_cut(client, article):
    text = "a" * 1000 + "b" * 500

    response = post_comment(client, article, body=text)

    html = response.content.decode()
    assert response.status_code == 400
    assert textarea(html, "body") == "a" * 1000
    assert "b" not in textarea(html, "body")
    assert "Bình luận dài hơn giới hạn 1000 ký tự; phần vượt quá (500 ký tự) đã bị cắt." in html
    assert not Comment.objects.exists()


def test_a_too_long_name_comes_back_cut_with_the_same_explanation(client, article):
    response = post_comment(client, article, name="Nguyễn " * 40)

    html = response.content.decode()
    assert response.status_code == 400
    assert len(input_value(html, "name")) == 80
    assert "Tên dài hơn giới hạn 80 ký tự" in html


def test_hidden_fields_and_the_honeypot_are_never_drawn_back_at_length(client, article):
    response = post_comment(client, article, body="x", parent="9" * 5000, website="w" * 5000)

    html = response.content.decode()
    assert "9" * 301 not in html and "w" * 301 not in html


def test_the_authors_edit_form_draws_back_at_most_the_limit(client, article):
    post_comment(client, article, body="Bản đầu tiên")
    comment = Comment.objects.get()
    url = reverse("comments:edit", kwargs={"pk": comment.pk})

    response = client.post(url, {"name": comment.name, "body": "q" * 1200})

    html = response.content.decode()
    assert response.status_code == 400
    assert textarea(html, "body") == "q" * 1000
    assert "phần vượt quá (200 ký tự) đã bị cắt" in html
    assert Comment.objects.get().body == "Bản đầu tiên"


def test_the_report_form_draws_back_at_most_300_characters_of_the_note(client, article):
    comment = CommentFactory(article=article, status=Comment.Status.APPROVED)
    url = reverse("comments:report", kwargs={"pk": comment.pk})

    response = client.post(url, {"reason": "spam", "note": "n" * 2000}, REMOTE_ADDR="203.0.113.9")

    html = response.content.decode()
    assert response.status_code == 400
    assert textarea(html, "note") == "n" * 300
    assert "Ghi chú dài hơn giới hạn 300 ký tự; phần vượt quá (1700 ký tự)" in html


def test_a_comment_from_another_site_keeps_at_most_the_limit_to_copy(client, article):
    url = reverse("comments:post", kwargs={"slug": article.slug})

    response = client.post(
        url, {"body": "k" * 1000 + "z" * 4000}, headers={"Sec-Fetch-Site": "cross-site"}
    )

    html = response.content.decode()
    assert response.status_code == 403
    kept = re.search(r'<textarea id="noi-dung-chua-gui"[^>]*>(.*?)</textarea>', html, re.S)
    assert kept.group(1).strip("\n") == "k" * 1000


# --- Logging in lands on a page --------------------------------------------------------------


@pytest.fixture
def staff_user(db):
    return UserFactory(
        username="bientap", password=PASSWORD, is_staff=True, groups=["Biên tập viên"]
    )


def log_in(**extra):
    browser = Client()
    data = {"username": "bientap", "password": PASSWORD, **extra}
    return browser, browser.post(reverse("admin:login"), data)


def test_a_login_without_next_lands_on_the_admin_index(staff_user):
    browser, response = log_in()

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")
    assert browser.get(response["Location"]).status_code == 200


def test_a_login_with_next_on_another_site_is_not_followed(staff_user):
    browser, response = log_in(next="https://evil.example/steal")

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")
    assert browser.get(response["Location"]).status_code == 200


def test_a_login_from_the_login_page_with_a_page_of_the_site_still_goes_there(staff_user):
    target = reverse("admin:articles_article_changelist")
    browser, response = log_in(next=target)

    assert response["Location"] == target
    assert browser.get(target).status_code == 200
