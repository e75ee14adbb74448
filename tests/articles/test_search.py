import pytest
from django.urls import reverse

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def stories(section):
    return {
        "dan_van": ArticleFactory(section=section, title="Tổng kết công tác dân vận năm 2025"),
        "dang_bo": ArticleFactory(
            section=section,
            title="Hội nghị tỉnh ủy",
            body="<p>Đảng bộ tỉnh Kon Tum họp phiên thường kỳ.</p>",
        ),
        "dan": ArticleFactory(section=section, title="Người dân Sa Thầy trồng rừng"),
    }


def search(client, q):
    return client.get(reverse("articles:search"), {"q": q}).content.decode()


@pytest.mark.parametrize(
    "query, expected",
    [
        ("dan van", "dan_van"),
        ("DÂN VẬN", "dan_van"),
        ("dân vận", "dan_van"),
        ("Dang bo", "dang_bo"),
        ("đảng bộ kon tum", "dang_bo"),
        ("sa thay", "dan"),
    ],
)
def test_search_is_accent_and_case_insensitive(client, stories, query, expected):
    html = search(client, query)

    assert stories[expected].get_absolute_url() in html


def test_search_needs_every_word(client, stories):
    html = search(client, "dan van rung")

    assert stories["dan_van"].get_absolute_url() not in html
    assert "Không tìm thấy bài viết phù hợp" in html


def test_search_keeps_the_query_in_the_box_and_counts_results(client, stories):
    html = search(client, "dan")

    assert 'value="dan"' in html
    assert "2 kết quả cho “dan”" in html


def test_search_matches_whole_words_only(client, stories):
    html = search(client, "dan")

    assert stories["dang_bo"].get_absolute_url() not in html  # "Đảng" is not "dân"


def test_stories_with_the_exact_phrase_come_first(client, section):
    from datetime import timedelta

    from django.utils import timezone

    phrase = ArticleFactory(
        section=section,
        title="Công tác dân vận ở cơ sở",
        publish_at=timezone.now() - timedelta(days=5),
    )
    scattered = ArticleFactory(section=section, title="Người dân hào hứng với văn nghệ vận động")

    html = search(client, "dan van")

    assert html.index(phrase.get_absolute_url()) < html.index(scattered.get_absolute_url())


@pytest.mark.parametrize(
    "q", ["x" * 10_000, "<script>alert(1)</script>", "%%%", "\u0301\u0301", " "]
)
def test_odd_queries_get_a_normal_page(client, stories, q):
    response = client.get(reverse("articles:search"), {"q": q})

    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_search_results_are_paginated_with_the_query_kept(client, section):
    ArticleFactory.create_batch(13, section=section, title="Mùa cà phê")

    html = search(client, "ca phe")

    assert "?q=ca%20phe&amp;page=2" in html
