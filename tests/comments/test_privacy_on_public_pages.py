"""A commenter's email appears on no public page, feed, sitemap, header or cookie of others."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from comments import decisions
from comments.models import Comment
from tests.comments.helpers import post_comment
from tests.factories import ArticleFactory, AuthorFactory, BylineFactory, TagFactory, UserFactory

pytestmark = pytest.mark.django_db

UNIQUE_EMAIL = "bi-mat-7f3a9c@example.org"


def public_urls(article, section, tag, author):
    return [
        reverse("articles:home"),
        article.get_absolute_url(),
        article.get_absolute_url() + "?reply_to=1",
        section.get_absolute_url(),
        tag.get_absolute_url(),
        author.get_absolute_url(),
        reverse("articles:search") + "?q=binh+luan",
        reverse("articles:feed"),
        reverse("articles:section_feed", kwargs={"slug": section.slug}),
        reverse("sitemap"),
        reverse("robots_txt"),
        "/khong-co-trang-nay/",
    ]


def test_approved_comment_email_appears_in_no_public_response(section):
    tag, author = TagFactory(), AuthorFactory()
    article = ArticleFactory(section=section, title="Bình luận riêng tư", tags=[tag])
    BylineFactory(article=article, author=author)
    commenter = Client(REMOTE_ADDR="203.0.113.50")
    post_comment(commenter, article, email=UNIQUE_EMAIL, name="Người Kín Đáo", body="Bình luận")
    decisions.approve(Comment.objects.all(), UserFactory())

    for client in (Client(), commenter):
        for url in public_urls(article, section, tag, author):
            response = client.get(url)
            assert response.status_code in {200, 404}, url
            body = response.content.decode()
            assert UNIQUE_EMAIL not in body, url
            assert "bi-mat-7f3a9c" not in body, url
            for name, value in response.items():
                assert "bi-mat-7f3a9c" not in value, (url, name)
            for morsel in response.cookies.values():
                assert "bi-mat-7f3a9c" not in morsel.value, (url, morsel.key)
    assert "Người Kín Đáo" in Client().get(article.get_absolute_url()).content.decode()


def test_no_avatar_is_derived_from_the_email(client, article):
    import hashlib

    post_comment(client, article, email=UNIQUE_EMAIL, name="Trần Văn Bình")
    decisions.approve(Comment.objects.all(), UserFactory())

    html = Client().get(article.get_absolute_url()).content.decode()

    assert hashlib.md5(UNIQUE_EMAIL.encode()).hexdigest() not in html
    assert hashlib.sha256(UNIQUE_EMAIL.encode()).hexdigest() not in html
    assert "gravatar" not in html.lower()
    assert '<span class="avatar' in html and ">TB</span>" in html


def test_moderators_are_emailed_when_a_comment_waits(
    client, article, django_capture_on_commit_callbacks
):
    UserFactory(username="mod", email="mod@example.com", is_staff=True, groups=["Moderators"])
    UserFactory(username="editor2", email="ed@example.com", is_staff=True, groups=["Biên tập viên"])

    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, article, body="Mời duyệt giúp")

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["mod@example.com"]
    assert "1 bình luận đang chờ duyệt" in message.subject
    assert "Mời duyệt giúp" in message.body
    assert reverse("admin:comments_comment_queue") in message.body


def test_moderators_are_not_flooded(client, article, django_capture_on_commit_callbacks):
    UserFactory(username="mod", email="mod@example.com", is_staff=True, groups=["Moderators"])

    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, article, body="Một")
        post_comment(Client(), article, body="Hai", ip="198.51.100.77")

    assert len(mail.outbox) == 1


def test_spam_does_not_notify(client, article, django_capture_on_commit_callbacks):
    UserFactory(username="mod", email="mod@example.com", is_staff=True, groups=["Moderators"])

    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, article, website="bot")

    assert mail.outbox == []


def test_a_mail_outage_does_not_lose_the_comment_or_fail_the_reader(
    client, article, settings, django_capture_on_commit_callbacks
):
    UserFactory(username="mod", email="mod@example.com", is_staff=True, groups=["Moderators"])
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 2},
        }
    }

    with django_capture_on_commit_callbacks(execute=True):
        response = post_comment(client, article, body="Vẫn được lưu")

    assert response.status_code == 302
    assert Comment.objects.get().body == "Vẫn được lưu"
    assert mail.outbox == []  # the SMTP server was really unreachable
