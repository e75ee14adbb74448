"""Hostile HTML in a story body never reaches a reader, whichever way it is saved."""

import pytest
from django.urls import reverse

from articles.models import Article
from tests.articles.test_slugs import admin_article_form
from tests.clients import publish_through_desk
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

HOSTILE = [
    ("<p>Xin chào<script>alert('x')</script></p>", "alert("),
    ('<p onclick="steal()">Nhấp</p>', "onclick"),
    ('<img src="x.jpg" onerror="steal()">', "onerror"),
    ('<a href="javascript:steal()">Liên kết</a>', "javascript:"),
    ('<a href="JaVaScRiPt:steal()">Liên kết</a>', "steal()"),
    ('<a href="  javascript:steal()">Liên kết</a>', "steal()"),
    ('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', "data:text/html"),
    ('<p style="background:url(javascript:steal())">Kiểu</p>', "style="),
    ("<iframe src='https://evil.example'></iframe>", "<iframe"),
    ("<svg><script>steal()</script></svg>", "steal()"),
    ("<object data='x.swf'></object><embed src='x.swf'>", "x.swf"),
    ("<form action='https://evil.example'><input name=p></form>", "evil.example"),
    ("<style>body{display:none}</style>", "<style"),
    ("<math><mi xlink:href='javascript:steal()'>x</mi></math>", "steal()"),
    ("<p>a</p><!-- <script>steal()</script> -->", "steal()"),
    ('<meta http-equiv="refresh" content="0;url=https://evil.example">', "http-equiv"),
]


@pytest.mark.parametrize("body, forbidden", HOSTILE)
def test_hostile_body_saved_from_the_admin_never_reaches_readers(
    editor_client, client, section, body, forbidden
):
    response = editor_client.post(
        reverse("admin:articles_article_add"),
        admin_article_form(section, title="Bài thử", body=f"<p>Đoạn an toàn.</p>{body}"),
    )
    assert response.status_code == 302
    publish_through_desk(editor_client, Article.objects.get())

    page = client.get(Article.objects.get().get_absolute_url()).content.decode()

    assert "Đoạn an toàn." in page
    assert forbidden not in page


@pytest.mark.parametrize("body, forbidden", HOSTILE)
def test_hostile_body_saved_in_code_is_cleaned_too(client, section, body, forbidden):
    story = ArticleFactory(section=section, body=body)

    assert forbidden not in client.get(story.get_absolute_url()).content.decode()


def test_allowed_structure_survives(client, section):
    body = (
        "<h2>Tiêu đề</h2><p><strong>Đậm</strong> <em>nghiêng</em> "
        '<a href="https://kontumtv.vn/">liên kết</a></p><ul><li>một</li></ul><ol><li>hai</li></ol>'
        "<blockquote><p>Trích dẫn</p></blockquote>"
        '<figure><img src="/media/a.jpg" alt="Ảnh"><figcaption>Chú thích</figcaption></figure>'
    )
    story = ArticleFactory(section=section, body=body)

    page = client.get(story.get_absolute_url()).content.decode()

    for fragment in [
        "<h2>Tiêu đề</h2>",
        "<strong>Đậm</strong>",
        "<em>nghiêng</em>",
        '<a href="https://kontumtv.vn/" rel="noopener noreferrer">liên kết</a>',
        "<li>một</li>",
        "<blockquote><p>Trích dẫn</p></blockquote>",
        '<img src="/media/a.jpg" alt="Ảnh">',
        "<figcaption>Chú thích</figcaption>",
    ]:
        assert fragment in page
