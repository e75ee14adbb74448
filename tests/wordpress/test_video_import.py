"""Videos in WordPress posts: the real export of a TV newsroom's test site
(../shared/wordpress-video, described in its README) and small exports written here.

An uploaded clip becomes the story's Video, checked by ffprobe and encoded by the worker (the
ImmediateBackend runs the job when the import's transaction commits); a YouTube embed becomes a
YouTube video; the markup leaves the body. Tests that need ffmpeg call `require_ffmpeg()`."""

import io
import shutil
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse

from articles.models import Article, CaptionTrack, Video
from newsroom.wordpress import video_markup
from newsroom.wordpress.videos import uploads_path
from tests.clips import require_ffmpeg
from tests.conftest import stored_media
from tests.wordpress.imported import story
from tests.wordpress.test_generated_exports import post_xml, write_export

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "wordpress-video"
EXPORT, UPLOADS = SHARED / "export.xml", SHARED / "uploads"
NEWSCAST, SHORTCODE, YOUTUBE, MISSING = 4, 8, 10, 11  # WordPress post ids, as in the README
YOUTUBE_ID = "aqz-KE-bpKQ"
SITE = "http://127.0.0.1:8081/wp-content/uploads/2025/02"
on_shared_export = pytest.mark.skipif(
    not EXPORT.is_file(), reason=f"the WordPress video export is not at {EXPORT}"
)
pytestmark = pytest.mark.django_db


def run_import(path=EXPORT, *options, media_dir=UPLOADS):
    out = io.StringIO()
    media = ["--media-dir", str(media_dir)] if media_dir else []
    call_command("import_wordpress", str(path), *media, *options, stdout=out)
    return out.getvalue()


def media_files(settings):
    return stored_media()


@pytest.fixture
def processed(django_capture_on_commit_callbacks):
    """The shared export imported, its clips encoded by the worker's job."""
    require_ffmpeg()
    with django_capture_on_commit_callbacks(execute=True):
        output = run_import()
        queued = dict(Video.objects.values_list("article_id", "state"))
    return output, queued


# The real export.


@on_shared_export
def test_the_core_video_block_brings_its_clip_poster_and_vietnamese_captions(processed, client):
    output, queued = processed
    article = story(NEWSCAST)
    video = article.video

    assert queued[article.pk] == Video.State.QUEUED  # until the import committed
    video.refresh_from_db()
    assert video.state == Video.State.READY, video.failure
    assert video.source == Video.Source.UPLOAD and not video.youtube_id
    assert Path(video.original.name).name == "wp5-ban-tin-toi-3-2.mp4"
    assert (video.width, video.height, round(video.duration)) == (640, 360, 4)
    assert video.hls.endswith("master.m3u8") and video.sources
    assert video.caption == "Bản tin thời sự tối 3/2"
    assert not video.is_lead  # the post's bold lead paragraph comes before the clip
    # The block's poster, through the image pipeline; not replaced by a frame of the clip.
    assert Path(video.poster.name).name.startswith("wp6-ban-tin-toi-3-2-poster")
    assert not video.poster_from_video and video.poster_renditions
    track = video.captions.get()
    assert (track.language, track.is_default) == ("vi", True)  # Vietnamese: on by default
    assert track.webvtt.startswith("WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nNông dân")
    assert "Giá cà phê tươi năm nay tăng gần gấp đôi." in track.transcript
    assert "2 queued for encoding" in output and "Caption tracks: 1 imported" in output

    for words in ("cà phê tươi tăng gần gấp đôi", "ca phe tuoi tang gan gap doi"):
        found = client.get("/tim-kiem/", {"q": words})  # words only the captions speak
        assert [a.pk for a in found.context["stories"]] == [article.pk], words
    page = client.get(article.get_absolute_url()).content.decode()
    assert "<video" in page and video.sources[0]["url"] in page
    assert reverse("articles:captions", kwargs={"slug": article.slug, "lang": "vi"}) in page


@on_shared_export
def test_the_video_shortcode_post_gets_its_clip(processed):
    video = story(SHORTCODE).video

    assert video.state == Video.State.READY, video.failure
    assert Path(video.original.name).name == "wp9-phong-su-mua-hoa-ca-phe.mp4"
    assert round(video.duration) == 3 and not video.is_lead
    assert video.poster_from_video  # no poster in the shortcode: the worker took a frame
    assert not video.captions.exists()


@on_shared_export
def test_the_youtube_embed_becomes_a_youtube_video_with_no_file(db):
    run_import(media_dir=None)
    video = story(YOUTUBE).video

    assert (video.source, video.youtube_id) == (Video.Source.YOUTUBE, YOUTUBE_ID)
    assert not video.original and video.is_playable and not video.is_lead


@on_shared_export
def test_a_missing_video_file_is_reported_and_the_story_imported_without_a_video(processed):
    output, _queued = processed
    article = story(MISSING)

    assert article.title == "Phóng sự: Đường về làng Kon Klor" and article.is_published
    assert not Video.objects.filter(article=article).exists()
    assert "1 video files that are missing" in output.split("Skipped:")[1]
    assert (
        f"post {MISSING}: missing video file 2025/02/phong-su-da-xoa.mp4, not found in"
        in (output.split("Problems:")[1])
    )
    assert "Videos: 2 uploaded, 1 YouTube (3 created, 0 updated, 0 unchanged)" in output


@on_shared_export
def test_bodies_keep_their_text_and_lose_the_video_markup(db):
    run_import(media_dir=None)

    for article in Article.objects.all():
        body = article.body
        for leftover in ("<video", "[video", "[/video]", "youtube.com", "wp-content", "<figure"):
            assert leftover not in body, (article.slug, body)
    assert story(NEWSCAST).body.count("<p>") == 3
    assert story(SHORTCODE).body == (
        "<p>Tháng Hai, hoa cà phê nở trắng các sườn đồi ở Kon Tum.</p>\n"
        "<p>Phóng sự của Nguyễn Thị Hoa.</p>"
    )
    assert (
        story(YOUTUBE).body
        == "<p>Chương trình giao lưu nghệ thuật được phát trực tiếp tối 6/2.</p>"
    )


@on_shared_export
def test_a_second_import_duplicates_nothing_and_queues_nothing(
    processed, settings, django_capture_on_commit_callbacks
):
    rows = list(Video.objects.order_by("pk").values())
    tracks = list(CaptionTrack.objects.values())
    files = media_files(settings)

    with django_capture_on_commit_callbacks(execute=True):
        output = run_import()

    assert list(Video.objects.order_by("pk").values()) == rows  # attempts, processed… as were
    assert list(CaptionTrack.objects.values()) == tracks
    assert media_files(settings) == files
    assert "Videos: 2 uploaded, 1 YouTube (0 created, 0 updated, 3 unchanged)" in output
    assert "queued for encoding" not in output
    assert "Stories: 4 published (0 created, 0 updated, 4 unchanged)" in output


@on_shared_export
def test_a_dry_run_checks_the_videos_and_stores_none(db, settings):
    require_ffmpeg()

    output = run_import(EXPORT, "--dry-run")

    assert "Videos: 2 uploaded, 1 YouTube (3 created" in output
    assert "missing video file 2025/02/phong-su-da-xoa.mp4" in output
    assert not Video.objects.exists() and not CaptionTrack.objects.exists()
    assert media_files(settings) == []


@on_shared_export
def test_an_import_that_fails_midway_keeps_no_video_files(db, settings, monkeypatch):
    require_ffmpeg()

    def broken_recount(article_ids):
        raise RuntimeError("database went away")

    monkeypatch.setattr("newsroom.wordpress.comments.recount", broken_recount)
    with pytest.raises(RuntimeError):
        run_import()

    assert not Video.objects.exists()
    assert media_files(settings) == []


# Exports written here.


def media_with(tmp_path, **files):
    """An uploads folder holding the shared clips and poster (and `files`: name -> bytes)."""
    media = tmp_path / "uploads"
    shutil.copytree(UPLOADS, media)
    for name, data in files.items():
        (media / "2025/02" / name).write_bytes(data)
    return media


@on_shared_export
def test_a_lead_clip_is_kept_and_further_videos_are_reported(
    tmp_path, django_capture_on_commit_callbacks
):
    require_ffmpeg()
    content = (
        '<figure class="wp-block-video"><video controls>'
        f'<source src="{SITE}/phong-su-mua-hoa-ca-phe.mp4" type="video/mp4">'
        "Trình duyệt không phát được video.</video></figure>\n"
        "<p>Lời dẫn sau video.</p>\n"
        f"<p>https://youtu.be/{YOUTUBE_ID}</p>\n"
        f'[video src="{SITE}/ban-tin-toi-3-2.mp4"][/video]'
    )
    export = write_export(tmp_path / "export.xml", post_xml(1, "Ba video", content=content))

    with django_capture_on_commit_callbacks(execute=True):
        output = run_import(export, media_dir=media_with(tmp_path))

    video = story(1).video
    video.refresh_from_db()
    assert video.is_lead and video.state == Video.State.READY
    assert Path(video.original.name).name.startswith("wp-")  # no attachment in this export
    assert story(1).body == "<p>Lời dẫn sau video.</p>"
    assert "2 further videos in a post (one video per story)" in output
    assert (
        f"post 1: 2 more video(s) left out (one per story): https://www.youtube.com/watch?v="
        f"{YOUTUBE_ID}, {SITE}/ban-tin-toi-3-2.mp4"
    ) in output


def attachment_xml(wp_id, file):
    meta = "<wp:meta_key>_wp_attached_file</wp:meta_key>"
    meta += f"<wp:meta_value><![CDATA[{file}]]></wp:meta_value>"
    item = post_xml(wp_id, Path(file).stem, post_type="attachment", status="inherit")
    return item.replace("</item>", f"<wp:postmeta>{meta}</wp:postmeta></item>")


@on_shared_export
def test_a_video_block_that_lost_its_address_finds_the_file_by_its_attachment(tmp_path):
    require_ffmpeg()
    content = '<!-- wp:video {"id":5} -->\n<figure class="wp-block-video"><video controls>'
    content += "</video></figure>\n<!-- /wp:video -->"
    post = post_xml(1, "Bản tin", content=content)
    attachment = attachment_xml(5, "2025/02/ban-tin-toi-3-2.mp4")
    export = write_export(tmp_path / "export.xml", post, attachment)

    run_import(export)

    video = story(1).video
    assert Path(video.original.name).name == "wp5-ban-tin-toi-3-2.mp4"
    assert video.is_lead and video.state == Video.State.QUEUED


def test_a_file_that_is_not_a_video_is_refused_with_the_reason(tmp_path):
    require_ffmpeg()
    media = tmp_path / "uploads" / "2025" / "02"
    media.mkdir(parents=True)
    (media / "ban-tin.mp4").write_bytes(b"not a video at all\n" * 100)
    content = f'<!-- wp:video -->\n<figure class="wp-block-video"><video src="{SITE}/ban-tin.mp4">'
    content += "</video></figure>\n<!-- /wp:video -->\n<p>Bản tin.</p>"
    export = write_export(tmp_path / "export.xml", post_xml(1, "Bản tin", content=content))

    output = run_import(export, media_dir=tmp_path / "uploads")

    assert story(1).body == "<p>Bản tin.</p>" and not Video.objects.exists()
    assert "1 video files refused by the video check" in output
    assert "post 1: video file 2025/02/ban-tin.mp4 refused: Tệp này không phải là video." in output


def test_youtube_addresses_iframes_and_embed_shortcodes_become_youtube_videos(tmp_path):
    posts = [
        post_xml(
            1, "Dòng riêng", content=f"Mở đầu.\n\nhttps://www.youtube.com/watch?v={YOUTUBE_ID}"
        ),
        post_xml(
            2,
            "Mã nhúng",
            content=f'<iframe src="https://www.youtube.com/embed/{YOUTUBE_ID}"></iframe>',
        ),
        post_xml(3, "Shortcode", content=f"[embed]https://youtu.be/{YOUTUBE_ID}[/embed]\n\nSau."),
        post_xml(4, "Liên kết", content=f"Xem https://youtu.be/{YOUTUBE_ID} nhé."),
    ]
    export = write_export(tmp_path / "export.xml", *posts)

    output = run_import(export, media_dir=None)

    videos = {v.article_id: v for v in Video.objects.all()}
    assert [videos[story(n).pk].youtube_id for n in (1, 2, 3)] == [YOUTUBE_ID] * 3
    assert [videos[story(n).pk].is_lead for n in (1, 2, 3)] == [False, True, True]
    assert story(4).pk not in videos  # an address inside a sentence is a link, not an embed
    assert [story(n).body for n in (1, 2, 3)] == ["<p>Mở đầu.</p>", "", "<p>Sau.</p>"]
    assert "Videos: 3 YouTube (3 created" in output


@on_shared_export
def test_a_newer_export_with_another_clip_replaces_the_file_and_queues_it_again(
    tmp_path, settings, django_capture_on_commit_callbacks
):
    require_ffmpeg()
    media = media_with(tmp_path)

    def export_with(clip):
        content = f'[video mp4="{SITE}/{clip}"][/video]\n\nPhóng sự.'
        return write_export(tmp_path / "export.xml", post_xml(1, "Phóng sự", content=content))

    with django_capture_on_commit_callbacks(execute=True):
        run_import(export_with("ban-tin-toi-3-2.mp4"), media_dir=media)
    first = Video.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        output = run_import(export_with("phong-su-mua-hoa-ca-phe.mp4"), media_dir=media)

    video = Video.objects.get()
    assert video.pk == first.pk and video.state == Video.State.READY
    assert video.attempts == 2 and round(video.duration) == 3
    assert "phong-su-mua-hoa-ca-phe" in video.original.name
    assert not default_storage.exists(first.original.name)
    assert "Videos: 1 uploaded (0 created, 1 updated, 0 unchanged)" in output
    assert "1 queued for encoding" in output


# Finding the videos in a body.


@pytest.mark.parametrize(
    ("url", "path"),
    [
        (f"{SITE}/a.mp4", "2025/02/a.mp4"),
        ("/wp-content/uploads/2025/02/t%C3%AAn%20file.mp4", "2025/02/tên file.mp4"),
        ("https://cdn.example.net/clip.mp4", ""),
    ],
)
def test_addresses_under_wp_content_uploads_map_to_the_media_folder(url, path):
    assert uploads_path(url) == path


@pytest.mark.parametrize(
    ("content", "body", "video"),
    [
        (  # an old core-embed/youtube block, with its caption
            '<!-- wp:core-embed/youtube {"url":"https://youtu.be/aqz-KE-bpKQ"} -->\n'
            '<figure class="wp-block-embed-youtube"><div class="wp-block-embed__wrapper">\n'
            "https://youtu.be/aqz-KE-bpKQ\n</div><figcaption>Ca nhạc</figcaption></figure>\n"
            "<!-- /wp:core-embed/youtube -->\n<p>Sau.</p>",
            "\n<p>Sau.</p>",
            {"youtube_id": YOUTUBE_ID, "caption": "Ca nhạc", "is_lead": True},
        ),
        (  # sources: the first the video check takes
            '<p>Trước.</p><p><video><source src="/a.ogv"><source src="/a.mp4">Không phát được.'
            "</video></p>",
            "<p>Trước.</p>",
            {"url": "/a.mp4", "is_lead": False},
        ),
        (  # a shortcode's caption tracks, and its poster
            '[video webm="/b.webm" poster="/p.jpg"]<track src="/b.en.vtt" srclang="en-US" default>'
            "[/video]",
            "",
            {"url": "/b.webm", "poster": "/p.jpg"},
        ),
    ],
)
def test_video_markup_is_found_and_taken_out(content, body, video):
    taken = video_markup.take(content)

    assert taken.body == body
    (found,) = taken.videos
    for name, value in video.items():
        assert getattr(found, name) == value


def test_other_embeds_and_links_stay_in_the_body():
    content = (
        '<!-- wp:embed {"url":"https://vimeo.com/76979871","providerNameSlug":"vimeo"} -->\n'
        "<figure><div>\nhttps://vimeo.com/76979871\n</div></figure>\n<!-- /wp:embed -->\n"
        "https://www.youtube.com/playlist?list=PL0123456789\n"
        '[[video src="/a.mp4"]]'
    )

    assert video_markup.take(content).body == content
    empty = video_markup.take("<p>Trước.</p><figure><video controls></video></figure>")
    assert (empty.body, empty.videos, empty.empty) == ("<p>Trước.</p>", [], 1)
