"""What a reader sees of the station's videos: /video/, the watch pages, the player on a story
page, YouTube posters, the CSP that lets exactly one frame host in, and the pages' query counts.

Videos here are rows a finished worker would have left (state READY, renditions recorded):
the pages only read those fields, so no clip is encoded."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import CaptionTrack, Video
from tests.articles.test_query_budget import ARTICLE_QUERIES
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

YOUTUBE_ID = "dQw4w9WgXcQ"


def ready_video(article, is_lead=True, captions=("vi", "en")):
    """`article`'s processed upload: 720p and 360p MP4s, an HLS ladder, a poster, captions."""
    folder = f"videos/ready/{article.slug}"
    video = Video.objects.create(
        article=article,
        is_lead=is_lead,
        original=f"videos/originals/{article.slug}.mp4",
        poster=f"{folder}/poster.jpg",
        poster_width=1280,
        poster_height=720,
        poster_renditions=[{"name": f"{folder}/poster-{w}.webp", "w": w} for w in (480, 960)],
        state=Video.State.READY,
        duration=95.0,
        width=1280,
        height=720,
        renditions=[
            {"label": h, "width": w, "height": h, "name": f"{folder}/{h}p.mp4", "bytes": 9}
            for w, h in ((640, 360), (1280, 720))
        ],
        hls=f"{folder}/hls/master.m3u8",
        processed=timezone.now(),
    )
    for language in captions:
        CaptionTrack.objects.create(
            video=video,
            language=language,
            is_default=language == "vi",
            webvtt=f"WEBVTT\n\n00:00.000 --> 00:02.000\nLời {language}\n",
            transcript=f"Lời thoại tiếng {language} của bản tin.",
        )
    return video


def unready_video(article, state):
    return Video.objects.create(
        article=article, original=f"videos/originals/{article.slug}.mp4", state=state
    )


def youtube_video(article):
    return Video.objects.create(
        article=article,
        source=Video.Source.YOUTUBE,
        youtube_id=YOUTUBE_ID,
        poster="videos/posters/yt.jpg",
        poster_width=1280,
        poster_height=720,
        poster_renditions=[{"name": "videos/posters/yt-960.webp", "w": 960}],
    )


def video_story(section, hours_ago=1, **options):
    if not options.get("scheduled"):
        options["publish_at"] = timezone.now() - timedelta(hours=hours_ago)
    story = ArticleFactory(section=section, **options)
    ready_video(story)
    return story


def watch_url(story):
    return reverse("articles:watch", kwargs={"slug": story.slug})


def html(response):
    return response.content.decode()


def card_titles(response):
    """The titles of the video cards, in order (each card's title links to its watch page)."""
    return re.findall(r'<a href="/video/[^"/]+/">([^<]+)</a>', html(response))


def tag(page, name, marker=""):
    """The first <name …> start tag on the page (holding `marker`), whitespace folded."""
    match = re.search(rf"<{name}\b[^>]*{re.escape(marker)}[^>]*>", page)
    assert match, f"no <{name} {marker}> on the page"
    return " ".join(match.group(0).split())


def csp(response):
    """The Content-Security-Policy header as {directive: [sources]}."""
    parts = (part.split() for part in response["Content-Security-Policy"].split(";"))
    return {words[0]: words[1:] for words in parts if words}


# -- /video/ ---------------------------------------------------------------------------------


def test_video_list_shows_only_published_stories_with_playable_videos_newest_first(client, section):
    older = video_story(section, hours_ago=5, title="Bản tin sáng")
    newer = ArticleFactory(section=section, title="Clip YouTube")
    youtube_video(newer)
    video_story(section, title="Bản nháp có video", draft=True)
    video_story(section, title="Bài hẹn giờ có video", scheduled=True)
    unready_video(ArticleFactory(section=section, title="Video đang chờ"), Video.State.QUEUED)
    unready_video(ArticleFactory(section=section, title="Video lỗi"), Video.State.FAILED)
    ArticleFactory(section=section, title="Bài không có video")

    response = client.get(reverse("articles:videos"))

    assert response.status_code == 200
    assert card_titles(response) == ["Clip YouTube", "Bản tin sáng"]
    assert all(f'href="{watch_url(s)}"' in html(response) for s in (newer, older))
    assert "1:35" in html(response)  # the clip's duration on its card


def test_video_list_pages_hold_twelve_and_a_page_beyond_the_last_is_not_found(client, section):
    stories = [video_story(section, hours_ago=n + 1) for n in range(14)]

    first = client.get(reverse("articles:videos"))
    second = client.get(reverse("articles:videos"), {"page": 2})

    assert card_titles(first) == [s.title for s in stories[:12]]
    assert card_titles(second) == [s.title for s in stories[12:]]
    assert client.get(reverse("articles:videos"), {"page": 3}).status_code == 404


def test_video_list_without_videos_says_so(client, section):
    ArticleFactory(section=section)

    response = client.get(reverse("articles:videos"))

    assert response.status_code == 200
    assert "Chưa có video nào." in html(response)


# -- the watch page ----------------------------------------------------------------------------


def test_watch_page_plays_a_published_video_and_offers_the_other_playable_ones(client, section):
    story = video_story(section, title="Lễ hội cồng chiêng")
    other = video_story(section, hours_ago=3, title="Đua thuyền")
    video_story(section, title="Bản nháp", draft=True)
    unready_video(ArticleFactory(section=section, title="Đang chờ"), Video.State.QUEUED)

    response = client.get(watch_url(story))

    assert response.status_code == 200
    page = html(response)
    assert "<video" in page and "Lễ hội cồng chiêng" in page
    assert f'href="{story.get_absolute_url()}"' in page
    assert card_titles(response) == [other.title]
    assert "preview-banner" not in page and "noindex" not in page


@pytest.mark.parametrize(
    "hidden", ["no video", "draft", "scheduled", "queued", "processing", "failed"]
)
def test_watch_page_is_not_found_for_a_reader_when_there_is_nothing_to_play(
    client, section, hidden
):
    options = {"draft": {"draft": True}, "scheduled": {"scheduled": True}}.get(hidden, {})
    story = ArticleFactory(section=section, **options)
    if hidden in ("draft", "scheduled"):
        ready_video(story)
    elif hidden != "no video":
        unready_video(story, hidden)

    assert client.get(watch_url(story)).status_code == 404


def test_editor_previews_a_draft_video_story_and_it_is_never_cached(editor_client, section):
    story = video_story(section, draft=True)

    response = editor_client.get(watch_url(story))

    assert response.status_code == 200
    assert "<video" in html(response) and "Bản xem trước" in html(response)
    assert '<meta name="robots" content="noindex, nofollow">' in html(response)
    cache_control = response["Cache-Control"]
    assert all(word in cache_control for word in ("no-cache", "no-store", "max-age=0"))


def test_editor_previews_a_published_story_whose_video_is_still_processing(
    editor_client, client, section
):
    story = ArticleFactory(section=section)
    unready_video(story, Video.State.PROCESSING)

    response = editor_client.get(watch_url(story))

    assert response.status_code == 200
    assert "video chưa sẵn sàng" in html(response) and "<video" not in html(response)
    assert '<meta name="robots" content="noindex, nofollow">' in html(response)
    assert "no-store" in response["Cache-Control"]
    assert client.get(watch_url(story)).status_code == 404


def test_staff_without_the_right_to_preview_cannot_see_an_unready_video(moderator_client, section):
    story = ArticleFactory(section=section)
    unready_video(story, Video.State.QUEUED)

    assert moderator_client.get(watch_url(story)).status_code == 404


def test_published_watch_page_is_cached_for_readers(client, section, django_assert_num_queries):
    story = video_story(section)

    first = client.get(watch_url(story))
    with django_assert_num_queries(0):
        second = Client().get(watch_url(story))

    for response in (first, second):
        assert response.status_code == 200
        cache_control = response.get("Cache-Control", "")
        assert not any(word in cache_control for word in ("private", "no-cache", "no-store"))
    assert "<video" in html(second) and second["ETag"]


# -- the player --------------------------------------------------------------------------------


@pytest.mark.parametrize("page", ["story", "watch"])
def test_player_plays_without_javascript_with_sources_captions_and_transcript(
    client, section, page
):
    story = ArticleFactory(section=section)
    video = ready_video(story)
    url = story.get_absolute_url() if page == "story" else watch_url(story)

    body = html(client.get(url))

    player = tag(body, "video")
    assert "controls" in player and 'preload="none"' in player
    assert f'poster="{video.poster_src}"' in player and video.poster_src.endswith("-960.webp")
    assert 'width="1280"' in player and 'height="720"' in player
    assert f'data-hls="{video.hls_url}"' in player and video.hls_url.endswith("master.m3u8")
    sources = re.findall(r'<source src="([^"]+)" type="video/mp4">', body)
    assert sources == [s["url"] for s in video.sources] and len(sources) == 2
    vi, en = [" ".join(t.split()) for t in re.findall(r'<track kind="captions"[^>]*>', body)]
    assert 'srclang="vi"' in vi and vi.endswith(" default>")
    assert 'srclang="en"' in en and "default" not in en
    caption_url = reverse("articles:captions", kwargs={"slug": story.slug, "lang": "vi"})
    assert f'src="{caption_url}"' in vi
    transcript = re.search(r'<details class="transcript">(.*?)</details>', body, re.S)
    assert transcript and "Lời thoại tiếng vi của bản tin." in transcript.group(1)


@pytest.mark.parametrize("page", ["story", "watch"])
def test_player_scripts_come_from_this_site_never_a_cdn(client, section, page):
    story = ArticleFactory(section=section)
    ready_video(story)
    url = story.get_absolute_url() if page == "story" else watch_url(story)

    body = html(client.get(url))

    scripts = re.findall(r"<script\b[^>]*>", body)
    sources = [m.group(1) for s in scripts if (m := re.search(r'src="([^"]+)"', s))]
    assert "/static/articles/vendor/hls/hls.light.min.js" in sources
    assert "/static/articles/js/video.js" in sources
    assert all(src.startswith("/static/") for src in sources)
    assert all('src="' in s or 'type="application/ld+json"' in s for s in scripts)
    assert "//cdn" not in body


def test_lead_video_takes_the_place_of_the_lead_picture(client, section):
    story = ArticleFactory(section=section, image="articles/2024/anh.jpg", image_alt="Cồng chiêng")
    ready_video(story, is_lead=True)

    body = html(client.get(story.get_absolute_url()))

    assert "<video" in body and "story-figure" not in body
    assert body.index("<video") < body.index('class="story-body"')


def test_clip_after_the_text_keeps_the_lead_picture(client, section):
    story = ArticleFactory(section=section, image="articles/2024/anh.jpg", image_alt="Cồng chiêng")
    ready_video(story, is_lead=False)

    body = html(client.get(story.get_absolute_url()))

    assert "story-figure" in body
    assert body.index('class="story-body"') < body.index("<video")


def test_story_with_a_video_links_to_its_watch_page(client, section):
    story = video_story(section)

    body = html(client.get(story.get_absolute_url()))

    assert f'<a href="{watch_url(story)}">' in body


def test_story_whose_video_is_not_ready_shows_no_player_and_no_watch_link(client, section):
    story = ArticleFactory(section=section)
    unready_video(story, Video.State.QUEUED)

    body = html(client.get(story.get_absolute_url()))

    assert "<video" not in body and watch_url(story) not in body
    assert "hls.light.min.js" not in body


# -- YouTube -----------------------------------------------------------------------------------


@pytest.mark.parametrize("page", ["story", "watch"])
def test_youtube_video_is_a_poster_linking_to_youtube_with_no_frame_in_the_page(
    client, section, page
):
    story = ArticleFactory(section=section)
    video = youtube_video(story)
    url = story.get_absolute_url() if page == "story" else watch_url(story)

    response = client.get(url)

    body = html(response)
    assert response.status_code == 200
    link = tag(body, "a", 'class="js-youtube"')
    assert f'href="https://www.youtube.com/watch?v={YOUTUBE_ID}"' in link
    assert f'data-youtube-id="{YOUTUBE_ID}"' in link
    assert f'src="{video.poster_src}"' in body and "youtube-play" in body
    assert "<iframe" not in body and "<video" not in body
    assert "articles/js/video.js" in body and "hls.light.min.js" not in body  # nothing to stream


@pytest.mark.parametrize("page", ["story", "watch", "list"])
def test_csp_lets_in_youtube_nocookie_frames_only_and_never_inline_code(client, section, page):
    story = ArticleFactory(section=section)
    youtube_video(story)
    urls = {"story": story.get_absolute_url(), "watch": watch_url(story)}

    response = client.get(urls.get(page, reverse("articles:videos")))

    policy = csp(response)
    assert policy["frame-src"] == ["https://www.youtube-nocookie.com"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


# -- query budgets -----------------------------------------------------------------------------

VIDEO_LIST_QUERIES = 3 + 1  # nav sections, count, page of stories + sections + videos; cache
WATCH_QUERIES = 4 + 1  # story + section + video, captions, nav, more videos; cache


@pytest.mark.parametrize("count", [5, 12, 20])
def test_video_list_query_count_is_fixed(client, section, django_assert_num_queries, count):
    for n in range(count):
        video_story(section, hours_ago=n + 1)

    with django_assert_num_queries(VIDEO_LIST_QUERIES):
        response = client.get(reverse("articles:videos"))
    assert response.status_code == 200


@pytest.mark.parametrize("others", [1, 8])
def test_watch_page_query_count_is_fixed(client, section, django_assert_num_queries, others):
    story = video_story(section)
    for n in range(others):
        video_story(section, hours_ago=n + 2)

    with django_assert_num_queries(WATCH_QUERIES):
        response = client.get(watch_url(story))
    assert response.status_code == 200
    assert len(card_titles(response)) == min(others, 4)
    assert html(response).count("<track ") == 2


# The story page's budget (a story without a video) plus one query: the caption tracks.
STORY_WITH_VIDEO_QUERIES = ARTICLE_QUERIES + 1


@pytest.mark.parametrize("captions", [(), ("vi",), ("vi", "en")])
def test_story_page_with_a_video_adds_one_query_to_the_story_budget(
    client, section, django_assert_num_queries, captions
):
    story = ArticleFactory(section=section)
    ready_video(story, captions=captions)

    with django_assert_num_queries(STORY_WITH_VIDEO_QUERIES):
        response = client.get(story.get_absolute_url())
    assert html(response).count("<track ") == len(captions)


def test_the_watch_page_marks_video_in_the_navigation_and_the_story_page_its_section(
    client, section
):
    story = ArticleFactory(section=section)
    youtube_video(story)

    watch_nav = nav(html(client.get(watch_url(story))))
    story_nav = nav(html(client.get(story.get_absolute_url())))

    assert current_links(watch_nav) == [reverse("articles:videos")]
    assert current_links(story_nav) == [section.get_absolute_url()]


def nav(body):
    return body[body.index("<nav") : body.index("</nav>")]


def current_links(fragment):
    return re.findall(r'<a href="([^"]+)"\s+aria-current="page"', fragment)
