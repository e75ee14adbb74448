from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import ArticleFactory, AuthorFactory, BylineFactory, SectionFactory, TagFactory

pytestmark = pytest.mark.django_db


def test_home_shows_lead_latest_and_section_blocks(client):
    politics = SectionFactory(name="Thời sự – Chính trị")
    economy = SectionFactory(name="Kinh tế")
    old = [
        ArticleFactory(section=economy, publish_at=timezone.now() - timedelta(days=d + 2))
        for d in range(13)
    ]
    lead = ArticleFactory(section=politics, title="Tin chính hôm nay", publish_at=timezone.now())

    response = client.get(reverse("articles:home"))

    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="lead-title"' in html and "Tin chính hôm nay" in html
    assert lead.get_absolute_url() in html
    assert "Tin mới" in html
    # The oldest stories did not fit the top block, so the economy block shows them.
    assert f'id="block-{economy.slug}"' in html
    assert old[-1].get_absolute_url() in html


def test_article_page_shows_the_whole_story(client, section):
    tag = TagFactory(name="Cà phê")
    story = ArticleFactory(
        section=section,
        title="Nông dân Đăk Hà thu hoạch cà phê",
        standfirst="Vụ mùa bội thu.",
        body="<p>(kontumtv.vn) – Đoạn mở đầu.</p><h2>Tiêu đề phụ</h2><p>Đoạn hai.</p>",
        publish_at=timezone.datetime(2022, 1, 13, 1, 30, tzinfo=timezone.UTC),
        tags=[tag],
    )
    BylineFactory(article=story, author=AuthorFactory(name="Hơ Jan Thanh Hà"), role="Phóng viên")
    BylineFactory(article=story, author=AuthorFactory(name="Trần Mai"), role="Quay phim")

    html = client.get(story.get_absolute_url()).content.decode()

    assert '<h1 class="story-title">Nông dân Đăk Hà thu hoạch cà phê</h1>' in html
    assert "Vụ mùa bội thu." in html
    assert "Thứ Năm, 13/01/2022 08:30" in html  # Asia/Ho_Chi_Minh, Vietnamese weekday
    assert "<h2>Tiêu đề phụ</h2>" in html
    assert "Hơ Jan Thanh Hà</a> (Phóng viên) – " in html
    assert "Trần Mai</a> (Quay phim)" in html
    assert html.index("Đoạn hai.") < html.index("Hơ Jan Thanh Hà</a>")
    assert tag.get_absolute_url() in html
    assert f'<link rel="canonical" href="http://testserver{story.get_absolute_url()}">' in html


def test_article_page_has_open_graph_and_news_article_json_ld(client, article):
    html = client.get(article.get_absolute_url()).content.decode()

    assert '<meta property="og:type" content="article">' in html
    assert f'<meta property="og:title" content="{article.title}">' in html
    assert '"@type": "NewsArticle"' in html
    assert f'"headline": "{article.title}"' in html


def test_related_stories_come_from_the_same_section(client, section):
    story = ArticleFactory(section=section)
    sibling = ArticleFactory(section=section, title="Bài cùng chuyên mục")
    stranger = ArticleFactory(title="Bài chuyên mục khác")

    html = client.get(story.get_absolute_url()).content.decode()

    assert sibling.get_absolute_url() in html
    assert stranger.get_absolute_url() not in html


def test_section_tag_and_author_pages_list_their_published_stories(client, section):
    tag = TagFactory(name="Măng Đen")
    author = AuthorFactory(name="Nguyễn Văn Hùng", bio="Phóng viên thường trú.")
    story = ArticleFactory(section=section, title="Du lịch Măng Đen khởi sắc", tags=[tag])
    BylineFactory(article=story, author=author)
    hidden = ArticleFactory(section=section, title="Bản nháp chưa đăng", draft=True, tags=[tag])
    BylineFactory(article=hidden, author=author)

    for url in [section.get_absolute_url(), tag.get_absolute_url(), author.get_absolute_url()]:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "Du lịch Măng Đen khởi sắc" in html, url
        assert "Bản nháp chưa đăng" not in html, url
    assert "Phóng viên thường trú." in client.get(author.get_absolute_url()).content.decode()


def test_section_pages_are_paginated(client, section):
    ArticleFactory.create_batch(14, section=section)

    first = client.get(section.get_absolute_url())
    second = client.get(section.get_absolute_url(), {"page": 2})

    assert first.content.decode().count('<article class="card') == 12
    assert 'rel="next"' in first.content.decode()
    assert second.content.decode().count('<article class="card') == 2


@pytest.mark.parametrize("page", ["abc", "99999", "-1", "0", "1" * 400])
def test_malformed_page_numbers_are_404_not_500(client, section, page):
    ArticleFactory.create_batch(3, section=section)

    response = client.get(section.get_absolute_url(), {"page": page})

    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_unknown_url_gets_the_vietnamese_404_page(client, db):
    response = client.get("/khong-co-trang-nay/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "Không tìm thấy trang" in html
    assert 'href="/"' in html


def test_unknown_section_tag_author_and_article_are_404(client, db):
    for name in ["section", "tag", "author", "detail"]:
        response = client.get(reverse(f"articles:{name}", kwargs={"slug": "khong-ton-tai"}))
        assert response.status_code == 404, name


def test_server_error_page_is_vietnamese(client, db, settings):
    from django.template.loader import render_to_string

    html = render_to_string("500.html")

    assert "Xin lỗi, đã có lỗi xảy ra" in html
    assert 'lang="vi"' in html


def test_pages_are_in_english_when_the_reader_chooses_english(client, article):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})

    html = client.get(article.get_absolute_url()).content.decode()

    assert '<html lang="en">' in html
    assert "Skip to main content" in html
    assert "0 comments" in html
    assert "Bỏ qua đến nội dung chính" not in html
    assert ">Corrections</a>" in html  # the footer's page link, not a correction's kind


def test_readers_get_vietnamese_even_with_an_english_browser(client, article):
    response = client.get(article.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert '<html lang="vi">' in response.content.decode()
    assert "Bỏ qua đến nội dung chính" in response.content.decode()
