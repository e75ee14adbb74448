import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from tests.factories import ArticleFactory, AuthorFactory, BylineFactory, SectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def mix(section):
    other = SectionFactory(name="Xã hội")
    published = ArticleFactory(section=section, title="Giá lúa tăng", standfirst="Nông dân vui.")
    BylineFactory(article=published, author=AuthorFactory(name="Y Ngọc"))
    return {
        "published": published,
        "other": ArticleFactory(section=other, title="Trường học mới khánh thành"),
        "draft": ArticleFactory(section=section, title="Nháp kinh tế", draft=True),
        "scheduled": ArticleFactory(section=section, title="Hẹn giờ kinh tế", scheduled=True),
    }


def test_site_feed_lists_published_stories_only(client, mix):
    response = client.get(reverse("articles:feed"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    titles = [item.findtext("title") for item in channel.findall("item")]
    assert titles == ["Trường học mới khánh thành", "Giá lúa tăng"]
    item = channel.findall("item")[1]
    assert item.findtext("link") == "http://testserver" + mix["published"].get_absolute_url()
    assert item.findtext("description") == "Nông dân vui."
    assert item.findtext("category") == mix["published"].section.name


def test_section_feed_lists_that_section_only(client, mix, section):
    response = client.get(reverse("articles:section_feed", kwargs={"slug": section.slug}))

    titles = [i.findtext("title") for i in ET.fromstring(response.content).iter("item")]
    assert titles == ["Giá lúa tăng"]


def test_unknown_section_feed_is_404(client, db):
    response = client.get(reverse("articles:section_feed", kwargs={"slug": "khong-co"}))

    assert response.status_code == 404


def test_sitemap_lists_every_published_story_and_section(client, mix, section):
    response = client.get(reverse("sitemap"))

    assert response.status_code == 200
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = {el.text for el in ET.fromstring(response.content).findall("s:url/s:loc", ns)}
    assert "http://testserver" + mix["published"].get_absolute_url() in locs
    assert "http://testserver" + mix["other"].get_absolute_url() in locs
    assert "http://testserver" + section.get_absolute_url() in locs
    assert "http://testserver" + mix["draft"].get_absolute_url() not in locs
    assert "http://testserver" + mix["scheduled"].get_absolute_url() not in locs


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_admin(client, db):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert f"Sitemap: http://testserver{reverse('sitemap')}" in body


def test_pages_link_the_feed(client, mix, section):
    html = client.get(section.get_absolute_url()).content.decode()

    assert reverse("articles:feed") in html
    assert reverse("articles:section_feed", kwargs={"slug": section.slug}) in html
