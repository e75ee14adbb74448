"""A commenter's email appears on no public page, feed, sitemap, header or cookie of others."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from comments import decisions
from comments.models import Comment, CommentReport
from tests.comments.helpers import post_comment
from tests.factories import ArticleFactory, AuthorFactory, BylineFactory, TagFactory, UserFactory

pytestmark = pytest.mark.django_db

UNIQUE_EMAIL = "bi-mat-7f3a9c@example.org"
CHROME = (
    "Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Mobile Safari/537.36"
)


def public_urls(article, section, tag, author, comment):
    return [
        reverse("articles:home"),
        article.get_absolute_url(),
        article.get_absolute_url() + "?reply_to=1",
        article.get_absolute_url() + "?sap-xep=moi-nhat",
        article.get_absolute_url() + "?sap-xep=quan-tam",
        reverse("comments:report", kwargs={"pk": comment.pk}),
        reverse("comments:counts", kwargs={"slug": article.slug}),
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


def assert_no_email(response, where):
    """Neither the email nor its unique part in the body, a header or a cookie."""
    body = response.content.decode()
    assert UNIQUE_EMAIL not in body, where
    assert "bi-mat-7f3a9c" not in body, where
    for name, value in response.items():
        assert "bi-mat-7f3a9c" not in value, (where, name)
    for morsel in response.cookies.values():
        assert "bi-mat-7f3a9c" not in morsel.value, (where, morsel.key)


@pytest.fixture
def commented(section):
    """A story with a byline and a tag; a commenter's browser, whose comment is approved."""
    tag, author = TagFactory(), AuthorFactory()
    article = ArticleFactory(section=section, title="Bình luận riêng tư", tags=[tag])
    BylineFactory(article=article, author=author)
    commenter = Client(REMOTE_ADDR="203.0.113.50")
    post_comment(commenter, article, email=UNIQUE_EMAIL, name="Người Kín Đáo", body="Bình luận")
    decisions.approve(Comment.objects.all(), UserFactory())
    return article, tag, author, commenter, Comment.objects.get()


def test_approved_comment_email_appears_in_no_public_response(section, commented):
    article, tag, author, commenter, comment = commented

    for client in (Client(), commenter):
        for url in public_urls(article, section, tag, author, comment):
            response = client.get(url)
            assert response.status_code in {200, 404}, url
            assert_no_email(response, url)
    assert "Người Kín Đáo" in Client().get(article.get_absolute_url()).content.decode()
    report_page = Client().get(reverse("comments:report", kwargs={"pk": comment.pk}))
    assert "Người Kín Đáo" in report_page.content.decode()


def test_answers_to_likes_reports_and_read_beacons_carry_no_email(commented):
    """With JavaScript (JSON) and without (a redirect or a page), taken or refused."""
    article, _tag, _author, commenter, comment = commented
    like = reverse("comments:like", kwargs={"pk": comment.pk})
    report = reverse("comments:report", kwargs={"pk": comment.pk})
    beacon = reverse("articles:read", kwargs={"pk": article.pk})
    as_json = {"HTTP_ACCEPT": "application/json"}
    spam = {"reason": CommentReport.Reason.SPAM, "note": "Quảng cáo"}
    reader = {"HTTP_USER_AGENT": CHROME, "HTTP_SEC_FETCH_SITE": "same-origin"}

    for client in (Client(), commenter):
        answers = {
            "like (JSON)": client.post(like, **as_json),
            "like": client.post(like),
            "like, then the story": client.post(like, follow=True),
            "report refused (JSON)": client.post(report, {"reason": ""}, **as_json),
            "report refused": client.post(report, {"reason": "", "note": "Rác"}),
            "report (JSON)": client.post(report, spam, **as_json),
            "report": client.post(report, spam),
            "read beacon": client.post(beacon, **reader),
        }
        statuses = {where: response.status_code for where, response in answers.items()}
        assert statuses == {
            "like (JSON)": 200,
            "like": 302,
            "like, then the story": 200,
            "report refused (JSON)": 400,
            "report refused": 400,
            "report (JSON)": 200,
            "report": 200,
            "read beacon": 204,
        }
        for where, response in answers.items():
            assert_no_email(response, where)
    assert "Người Kín Đáo" in answers["like, then the story"].content.decode()
    assert "Người Kín Đáo" in answers["report refused"].content.decode()


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
