"""What search engines and social networks learn about a story's video: the VideoObject
JSON-LD, the video entries of /sitemap.xml, Open Graph tags, the RSS enclosure."""

import json
import re
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from articles import structured_data
from articles.models import Article, Video
from articles.video import process
from tests.clips import clip
from tests.conftest import image_bytes
from tests.factories import ArticleFactory, AuthorFactory, BylineFactory, copy_of_video

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
VIDEO = "{http://www.google.com/schemas/sitemap-video/1.1}"
HOST = "http://testserver"
CDN = "https://cdn.example.com/media/"


def on_site(url, base=HOST):
    """A media URL as pages give it: a path under MEDIA_URL made absolute; a full URL (S3) kept."""
    return url if "://" in url else base + url


def media_on_cdn(settings):
    """Media URLs on another host: MEDIA_URL for files on disk, the custom domain on S3."""
    settings.MEDIA_URL = CDN
    default = settings.STORAGES["default"]
    if "custom_domain" in default.get("OPTIONS", {}):
        options = {**default["OPTIONS"], "custom_domain": CDN.split("//")[1].rstrip("/")}
        settings.STORAGES = {**settings.STORAGES, "default": {**default, "OPTIONS": options}}


def on_cdn(video):
    """The URL of the clip's first rendition, which must be on the CDN."""
    url = default_storage.url(video.renditions[0]["name"])
    assert url.startswith(CDN) and url.endswith(video.renditions[0]["name"])
    return url


def hosted_video(article, caption="Bản tin trưa", **clip_options):
    """`article`'s clip, uploaded and processed by the worker's job."""
    with clip(**clip_options).open("rb") as f:
        video = Video.objects.create(
            article=article, original=File(f, name="ban-tin.mp4"), caption=caption
        )
    process.process(video.pk)
    video.refresh_from_db()
    assert video.state == Video.State.READY, video.failure
    return video


def youtube_video(article):
    return Video.objects.create(
        article=article, source=Video.Source.YOUTUBE, youtube_id="dQw4w9WgXcQ", caption="YT"
    )


def queued_video(article):
    with clip().open("rb") as f:
        return Video.objects.create(article=article, original=File(f, name="cho.mp4"))


@pytest.fixture
def story(section):
    return ArticleFactory(
        section=section, title="Lễ hội cồng chiêng", standfirst="Tiếng cồng vang núi rừng."
    )


@pytest.fixture
def video(story):
    return hosted_video(story)


def watch_url(article):
    return reverse("articles:watch", kwargs={"slug": article.slug})


def json_ld(response):
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    return [json.loads(b) for b in blocks]


def meta(response):
    """[(property, content)] of the page's <meta property=…> tags, in order."""
    return re.findall(
        r'<meta property="([^"]+)"\s+content="([^"]*)"', response.content.decode(), re.S
    )


def request(path="/", secure=False):
    return RequestFactory().get(path, secure=secure)


# -- VideoObject JSON-LD ------------------------------------------------------------------------


def test_watch_page_describes_its_video_with_every_field(client, story, video):
    [data] = json_ld(client.get(watch_url(story)))

    largest = video.sources[0]
    assert data == {
        "@context": "https://schema.org",
        "@type": "VideoObject",
        "name": "Lễ hội cồng chiêng",
        "description": "Tiếng cồng vang núi rừng.",
        "thumbnailUrl": on_site(video.poster_src),
        "uploadDate": story.publish_at.replace(microsecond=0).isoformat(),
        "duration": "PT2S",
        "contentUrl": on_site(largest["url"]),
        "embedUrl": HOST + watch_url(story),
    }
    assert largest["url"].endswith(".mp4") and video.poster_src


def test_story_page_news_article_holds_the_video(client, story, video):
    [data] = json_ld(client.get(story.get_absolute_url()))

    assert data["@type"] == "NewsArticle"
    assert data["video"] == {
        "@type": "VideoObject",
        "name": story.title,
        "description": story.standfirst,
        "thumbnailUrl": on_site(video.poster_src),
        "uploadDate": story.publish_at.replace(microsecond=0).isoformat(),
        "duration": "PT2S",
        "contentUrl": on_site(video.sources[0]["url"]),
        "embedUrl": HOST + watch_url(story),
    }


def test_caption_describes_the_video_of_a_story_without_standfirst(client, section):
    story = ArticleFactory(section=section, standfirst="")
    hosted_video(story, caption="Người dân đón Tết")

    [data] = json_ld(client.get(watch_url(story)))

    assert data["description"] == "Người dân đón Tết"


def test_no_video_object_without_standfirst_or_caption(client, section):
    story = ArticleFactory(section=section, standfirst="")
    hosted_video(story, caption="")

    assert json_ld(client.get(watch_url(story))) == []
    [news] = json_ld(client.get(story.get_absolute_url()))
    assert "video" not in news


def test_no_video_object_for_youtube_or_a_queued_clip(client, section):
    on_youtube = ArticleFactory(section=section)
    youtube_video(on_youtube)
    waiting = ArticleFactory(section=section)
    queued_video(waiting)

    assert json_ld(client.get(watch_url(on_youtube))) == []
    for story in (on_youtube, waiting):
        [news] = json_ld(client.get(story.get_absolute_url()))
        assert "video" not in news
        assert structured_data.video_object(request(), Article.objects.get(pk=story.pk)) is None


def test_video_object_urls_stay_on_an_absolute_media_url(settings, story, video):
    media_on_cdn(settings)
    story = Article.objects.select_related("video").get(pk=story.pk)

    data = structured_data.video_object(request(), story)

    assert data["contentUrl"] == on_cdn(video)
    assert data["thumbnailUrl"] == video.poster_src and video.poster_src.startswith(CDN)
    assert data["embedUrl"] == HOST + watch_url(story)


def test_iso_durations():
    assert structured_data.iso_duration(2.04) == "PT2S"
    assert structured_data.iso_duration(75.4) == "PT1M15S"
    assert structured_data.iso_duration(3600) == "PT1H"
    assert structured_data.iso_duration(3725) == "PT1H2M5S"


def test_absolute_urls_keep_other_hosts():
    base = "https://baokontum.example"
    assert structured_data.absolute_url(base, "/media/a.mp4") == base + "/media/a.mp4"
    assert structured_data.absolute_url(base, CDN + "a.mp4") == CDN + "a.mp4"
    assert structured_data.absolute_url(base, "//cdn.example.com/a.mp4") == (
        "https://cdn.example.com/a.mp4"
    )


# -- Video sitemap ------------------------------------------------------------------------------


def sitemap_urls(client):
    response = client.get(reverse("sitemap"))
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return {url.findtext(f"{SITEMAP}loc"): url for url in root.findall(f"{SITEMAP}url")}


def test_sitemap_gives_the_ready_video_with_every_field(client, story, video):
    urls = sitemap_urls(client)

    entry = urls[HOST + watch_url(story)]
    [info] = entry.findall(f"{VIDEO}video")
    fields = {child.tag.removeprefix(VIDEO): child.text for child in info}
    assert fields == {
        "thumbnail_loc": on_site(video.poster_src),
        "title": "Lễ hội cồng chiêng",
        "description": "Tiếng cồng vang núi rừng.",
        "content_loc": on_site(video.sources[0]["url"]),
        "duration": "2",
        "publication_date": story.publish_at.replace(microsecond=0).isoformat(),
    }
    # The story page is still listed, without video data (its video is on the watch page).
    assert urls[HOST + story.get_absolute_url()].find(f"{VIDEO}video") is None


def test_sitemap_lists_no_draft_scheduled_queued_failed_youtube_or_undescribed_video(
    client, section, story, video
):
    draft = ArticleFactory(section=section, draft=True)
    copy_of_video(video, draft)
    scheduled = ArticleFactory(section=section, publish_at=timezone.now() + timedelta(days=1))
    copy_of_video(video, scheduled)
    waiting = ArticleFactory(section=section)
    queued_video(waiting)
    failed = ArticleFactory(section=section)
    Video.objects.filter(pk=copy_of_video(video, failed).pk).update(state=Video.State.FAILED)
    on_youtube = ArticleFactory(section=section)
    youtube_video(on_youtube)
    undescribed = ArticleFactory(section=section, standfirst="")
    copy_of_video(video, undescribed)

    urls = sitemap_urls(client)

    watch_pages = {loc for loc, url in urls.items() if url.find(f"{VIDEO}video") is not None}
    assert watch_pages == {HOST + watch_url(story)}
    for other in (draft, scheduled, waiting, failed, on_youtube, undescribed):
        assert HOST + watch_url(other) not in urls


def test_sitemap_video_urls_stay_on_an_absolute_media_url(client, settings, story, video):
    media_on_cdn(settings)

    entry = sitemap_urls(client)[HOST + watch_url(story)]

    assert entry.findtext(f"{VIDEO}video/{VIDEO}content_loc") == on_cdn(video)
    assert entry.findtext(f"{VIDEO}video/{VIDEO}thumbnail_loc").startswith(CDN)


@pytest.mark.parametrize("count", [1, 6])
def test_sitemap_query_count_is_fixed(client, section, video, django_assert_num_queries, count):
    for _ in range(count):
        copy_of_video(video, ArticleFactory(section=section))

    # articles (count, page), sections (count, page), videos (count, page); page cache
    with django_assert_num_queries(6 + 1):
        urls = sitemap_urls(client)
    assert sum(url.find(f"{VIDEO}video") is not None for url in urls.values()) == count + 1


# -- Open Graph ---------------------------------------------------------------------------------


def test_watch_page_open_graph_video(client, story, video):
    tags = meta(client.get(watch_url(story)))

    largest = video.sources[0]
    assert [p for p, _ in tags].count("og:type") == 1
    assert [p for p, _ in tags].count("og:title") == 1
    assert ("og:video", on_site(largest["url"])) in tags
    assert ("og:video:type", "video/mp4") in tags
    assert ("og:video:width", str(largest["width"])) in tags
    assert ("og:video:height", str(largest["height"])) in tags
    assert ("og:image", on_site(video.poster_src)) in tags
    assert "og:video:secure_url" not in dict(tags)  # plain http here


def test_open_graph_secure_url_over_https(client, settings, story, video):
    settings.SECURE_SSL_REDIRECT = False
    tags = dict(meta(client.get(watch_url(story), secure=True)))

    assert tags["og:video"] == on_site(video.sources[0]["url"], "https://testserver")
    # Given exactly when the video's URL is https (media on S3 over plain http: none).
    assert tags.get("og:video:secure_url") == (
        tags["og:video"] if tags["og:video"].startswith("https://") else None
    )


def test_open_graph_on_an_absolute_media_url(client, settings, story, video):
    media_on_cdn(settings)
    tags = dict(meta(client.get(watch_url(story))))

    assert tags["og:video"] == on_cdn(video)
    assert tags["og:video:secure_url"] == tags["og:video"]  # the CDN is https
    assert tags["og:image"].startswith(CDN)


def test_story_page_gives_the_poster_only_without_its_own_image(client, section, story, video):
    tags = meta(client.get(story.get_absolute_url()))
    assert [p for p, _ in tags].count("og:type") == 1
    assert ("og:image", on_site(video.poster_src)) in tags
    assert ("og:video", on_site(video.sources[0]["url"])) in tags

    pictured = ArticleFactory(section=section)
    pictured.image.save("anh.jpg", ContentFile(image_bytes()))
    copy_of_video(video, pictured)
    tags = meta(client.get(pictured.get_absolute_url()))
    images = [content for p, content in tags if p == "og:image"]
    assert images == [on_site(Article.objects.get(pk=pictured.pk).image_src)]
    assert ("og:video", on_site(video.sources[0]["url"])) in tags
    # The watch page writes no og:image of its own: there the poster is the image.
    tags = meta(client.get(watch_url(pictured)))
    assert [content for p, content in tags if p == "og:image"] == [on_site(video.poster_src)]


def test_youtube_open_graph_is_the_nocookie_player(client, section):
    story = ArticleFactory(section=section)
    youtube_video(story)

    tags = dict(meta(client.get(watch_url(story))))

    assert tags["og:video"] == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    assert tags["og:video:secure_url"] == tags["og:video"]
    assert tags["og:video:type"] == "text/html"
    assert (tags["og:video:width"], tags["og:video:height"]) == ("1280", "720")


def test_no_open_graph_video_while_queued(client, section):
    story = ArticleFactory(section=section)
    queued_video(story)

    assert "og:video" not in dict(meta(client.get(story.get_absolute_url())))


# -- RSS ----------------------------------------------------------------------------------------


def feed_items(client, secure=False):
    response = client.get(reverse("articles:feed"), secure=secure)
    assert response.status_code == 200
    channel = ET.fromstring(response.content).find("channel")
    return {item.findtext("title"): item for item in channel.findall("item")}, response


def test_feed_encloses_the_hosted_mp4(client, section, story, video):
    BylineFactory(article=story, author=AuthorFactory(name="Y Ngọc"))
    on_youtube = ArticleFactory(section=section, title="Trên YouTube")
    youtube_video(on_youtube)
    waiting = ArticleFactory(section=section, title="Đang xử lý")
    queued_video(waiting)

    items, response = feed_items(client)

    [enclosure] = items[story.title].findall("enclosure")
    largest = video.sources[0]
    assert enclosure.attrib == {
        "url": on_site(largest["url"]),
        "length": str(largest["bytes"]),
        "type": "video/mp4",
    }
    assert largest["bytes"] == (video.original.storage.size(largest["name"]))
    assert items["Trên YouTube"].find("enclosure") is None
    assert items["Đang xử lý"].find("enclosure") is None
    assert items[story.title].find("author") is None  # RSS <author> is an email: never
    assert b"@" not in response.content


def test_feed_enclosure_on_an_absolute_media_url(client, settings, story, video):
    media_on_cdn(settings)

    items, _ = feed_items(client)

    assert items[story.title].find("enclosure").get("url") == on_cdn(video)


@pytest.mark.parametrize("count", [1, 6])
def test_feed_query_count_is_fixed_with_videos(
    client, section, video, django_assert_num_queries, count
):
    for _ in range(count):
        copy_of_video(video, ArticleFactory(section=section))

    with django_assert_num_queries(3 + 1):  # stories + sections + videos, bylines, notes; cache
        items, _ = feed_items(client)
    assert sum(item.find("enclosure") is not None for item in items.values()) == count + 1
