"""Edge cases of a WordPress post's video (newsroom/wordpress/videos.py, video_markup.py), on
small exports written here: what is left out, and how the import's summary reports it.

Each import's --media-dir holds 2025/02/clip.mp4, a 1-second clip made by ffmpeg (tests that
need it skip without ffmpeg), and the posters and caption files a test writes beside it. The
worker's job never runs here: the import's transaction is the test's, never committed."""

import json
import shutil

import pytest

from articles.models import CaptionTrack, Video
from newsroom.wordpress.videos import CAPTION_MAX_BYTES
from tests.clips import clip
from tests.conftest import stored_media
from tests.wordpress.imported import story
from tests.wordpress.test_generated_exports import post_xml, write_export
from tests.wordpress.test_video_import import SITE, YOUTUBE_ID, run_import

pytestmark = pytest.mark.django_db

ELSEWHERE = "https://cdn.example.net/media"  # not a WordPress upload
CLIP = f"{SITE}/clip.mp4"


def vtt(text="Xin chào quý vị.") -> bytes:
    return f"WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n{text}\n".encode()


def vtt_of_size(size, text) -> bytes:
    """A valid WebVTT file of exactly `size` bytes: one cue after a long NOTE block."""
    head, cue = b"WEBVTT\n\nNOTE\n", b"\n00:00:00.000 --> 00:00:01.000\n" + text.encode() + b"\n"
    room = size - len(head) - len(cue)
    full, rest = divmod(room, 4001)
    padding = b"x" * 4000 + b"\n"
    return head + padding * full + (b"y" * (rest - 1) + b"\n" if rest else b"") + cue


def track(src, srclang="vi", kind="subtitles") -> str:
    return f'<track kind="{kind}" src="{src}" srclang="{srclang}">'


def import_posts(tmp_path, *items, files=None, with_clip=True):
    """Import `items` (WXR <item>s); returns (the summary printed, the --media-dir)."""
    media = tmp_path / "uploads"
    folder = media / "2025" / "02"
    folder.mkdir(parents=True, exist_ok=True)
    if with_clip:
        shutil.copy(clip(seconds=1, size="320x180"), folder / "clip.mp4")
    for name, data in (files or {}).items():
        (folder / name).write_bytes(data)
    export = write_export(tmp_path / "export.xml", *items)
    return run_import(export, media_dir=media), media.resolve()


def import_post(tmp_path, content, **options):
    """Import one post, WordPress id 1, holding `content`."""
    return import_posts(tmp_path, post_xml(1, "Bản tin", content=content), **options)


def report(output, heading) -> list[str]:
    """The lines listed under the summary's "Skipped:" or "Problems:"."""
    lines = output.splitlines()
    if f"  {heading}:" not in lines:
        return []
    listed = []
    for line in lines[lines.index(f"  {heading}:") + 1 :]:
        if not line.startswith("    "):
            break
        listed.append(line.strip())
    return listed


def languages(article):
    return sorted(CaptionTrack.objects.filter(video__article=article).values_list("language"))


# Video markup that cannot be imported.


def test_video_tags_and_shortcodes_with_no_file_are_removed_and_reported(tmp_path):
    tag = "<p>Trước.</p>\n<figure><video controls></video></figure>\n<p>Sau.</p>"
    shortcode = '<p>Trước.</p>\n[video width="640" height="360"][/video]\n<p>Sau.</p>'
    items = post_xml(1, "Thẻ", content=tag), post_xml(2, "Shortcode", content=shortcode)

    output, _media = import_posts(tmp_path, *items, with_clip=False)

    assert not Video.objects.exists()
    for wp_id in (1, 2):
        body = story(wp_id).body
        assert "video" not in body and "<figure" not in body, body
        assert "Trước." in body and "Sau." in body
    assert report(output, "Skipped") == [
        "2 video tags or shortcodes with no file (removed from the body)"
    ]
    assert report(output, "Problems") == [
        "post 1: 1 video tag(s) or shortcode(s) with no file",
        "post 2: 1 video tag(s) or shortcode(s) with no file",
    ]


def test_the_summary_counts_every_video_tag_with_no_file_in_a_post(tmp_path):
    content = '<video controls></video>\n<p>Giữa.</p>\n[video width="640"][/video]'

    output, _media = import_post(tmp_path, content, with_clip=False)

    assert "post 1: 2 video tag(s) or shortcode(s) with no file" in report(output, "Problems")
    assert report(output, "Skipped") == [
        "2 video tags or shortcodes with no file (removed from the body)"
    ]


def test_a_video_that_is_not_a_file_in_wp_content_uploads_is_reported_and_left_out(tmp_path):
    elsewhere = f'<video src="{ELSEWHERE}/clip.mp4"></video>\n<p>Sau.</p>'
    unknown_attachment = '<!-- wp:video {"id":77} -->\n<figure class="wp-block-video">'
    unknown_attachment += "<video controls></video></figure>\n<!-- /wp:video -->"
    items = post_xml(1, "CDN", content=elsewhere), post_xml(2, "Tệp", content=unknown_attachment)

    output, _media = import_posts(tmp_path, *items, with_clip=False)

    assert not Video.objects.exists()
    assert story(1).body == "<p>Sau.</p>" and story(2).body == ""
    assert "Videos: none (0 created, 0 updated, 0 unchanged)" in output
    assert report(output, "Skipped") == ["2 videos that are not files in wp-content/uploads"]
    assert report(output, "Problems") == [
        f"post 1: video {ELSEWHERE}/clip.mp4 is not a file in wp-content/uploads",
        "post 2: video attachment 77 is not a file in wp-content/uploads",
    ]


# Posters: a poster that cannot be used is reported; the clip is imported without it.


def poster_post(poster):
    return f'<video src="{CLIP}" poster="{poster}"></video>\n<p>Bản tin tối.</p>'


def assert_imported_without_poster(output):
    video = story(1).video
    assert video.original.name.endswith("-clip.mp4") and video.state == Video.State.QUEUED
    assert not video.poster and not video.poster_renditions
    assert "Videos: 1 uploaded (1 created, 0 updated, 0 unchanged)" in output


def test_a_poster_that_is_not_a_file_in_wp_content_uploads_is_reported(tmp_path):
    output, _media = import_post(tmp_path, poster_post(f"{ELSEWHERE}/anh.jpg"))

    assert_imported_without_poster(output)
    assert report(output, "Skipped") == ["1 video posters that are not files in wp-content/uploads"]
    assert report(output, "Problems") == [
        f"post 1: video poster {ELSEWHERE}/anh.jpg is not a file in wp-content/uploads"
    ]


def test_a_missing_poster_is_reported_and_the_poster_imported_before_kept(tmp_path, make_image):
    output, media = import_post(tmp_path, poster_post(f"{SITE}/anh-da-xoa.jpg"))

    assert_imported_without_poster(output)
    assert report(output, "Skipped") == ["1 video posters that are missing"]
    assert report(output, "Problems") == [
        f"post 1: missing video poster 2025/02/anh-da-xoa.jpg, not found in {media}"
    ]

    # A newer export names another poster, missing too: the one imported before stays.
    files = {"anh.jpg": make_image(size=(640, 360))}
    import_post(tmp_path, poster_post(f"{SITE}/anh.jpg"), files=files)
    before = Video.objects.values_list("poster", "poster_renditions").get()
    output, media = import_post(tmp_path, poster_post(f"{SITE}/anh-moi.jpg"))

    assert before[0].endswith(".jpg") and before[1]
    assert Video.objects.values_list("poster", "poster_renditions").get() == before
    assert "Videos: 1 uploaded (0 created, 0 updated, 1 unchanged)" in output
    assert report(output, "Problems") == [
        f"post 1: missing video poster 2025/02/anh-moi.jpg, not found in {media}"
    ]


def test_a_poster_that_is_not_a_usable_image_is_reported_with_the_reason(tmp_path, settings):
    files = {"anh.jpg": b"<html>404 Not Found</html>\n"}

    output, _media = import_post(tmp_path, poster_post(f"{SITE}/anh.jpg"), files=files)

    assert_imported_without_poster(output)
    assert not [name for name in stored_media() if name.startswith("videos/posters/")]
    assert report(output, "Skipped") == ["1 video posters that are not usable images"]
    assert report(output, "Problems") == [
        "post 1: video poster 2025/02/anh.jpg: Tệp này không phải là ảnh hợp lệ. "
        "Hãy tải lên ảnh JPEG, PNG, WebP hoặc GIF."
    ]


# Caption tracks: one Vietnamese and one English track are kept; the rest are reported.


def clip_with(*tracks):
    return f'<video src="{CLIP}">{"".join(tracks)}</video>\n<p>Bản tin tối.</p>'


def test_chapter_and_description_tracks_are_skipped_and_the_captions_kept(tmp_path):
    content = clip_with(
        track(f"{SITE}/chuong.vtt", "en", kind="chapters"),
        track(f"{SITE}/mo-ta.vtt", "en", kind="descriptions"),
        track(f"{SITE}/phu-de.vtt", "vi"),
    )
    files = {"chuong.vtt": vtt("Phần 1"), "mo-ta.vtt": vtt("Người dẫn"), "phu-de.vtt": vtt()}

    output, _media = import_post(tmp_path, content, files=files)

    (caption,) = story(1).video.captions.all()
    assert (caption.language, caption.transcript) == ("vi", "Xin chào quý vị.")
    assert "Caption tracks: 1 imported, 0 unchanged" in output
    assert report(output, "Skipped") == [
        "1 video tracks of kind chapters (only captions are kept)",
        "1 video tracks of kind descriptions (only captions are kept)",
    ]
    assert report(output, "Problems") == []


def test_tracks_in_other_languages_and_second_tracks_in_a_language_are_reported(tmp_path):
    content = clip_with(
        track(f"{SITE}/vi.vtt", "vi"),
        track(f"{SITE}/fr.vtt", "fr"),
        track(f"{SITE}/vi-2.vtt", "vi-VN"),
        track(f"{SITE}/en.vtt", "en-US"),
    )
    files = {
        "vi.vtt": vtt("Chào buổi tối."),
        "fr.vtt": vtt("Bonsoir."),
        "vi-2.vtt": vtt("Bản khác."),
        "en.vtt": vtt("Good evening."),
    }

    output, _media = import_post(tmp_path, content, files=files)

    article = story(1)
    assert languages(article) == [("en",), ("vi",)]
    kept = {c.language: (c.transcript, c.is_default) for c in article.video.captions.all()}
    assert kept == {"vi": ("Chào buổi tối.", True), "en": ("Good evening.", False)}
    assert "Caption tracks: 2 imported, 0 unchanged" in output
    assert report(output, "Skipped") == [
        "2 caption tracks not kept (one each in Vietnamese and English)"
    ]
    assert report(output, "Problems") == [
        f"post 1: a track in language fr: {SITE}/fr.vtt",
        f"post 1: a second track in language vi: {SITE}/vi-2.vtt",
    ]


def test_a_caption_file_that_is_not_in_wp_content_uploads_is_reported(tmp_path):
    output, _media = import_post(tmp_path, clip_with(track(f"{ELSEWHERE}/vi.vtt")))

    assert story(1).video.original and languages(story(1)) == []
    assert "Caption tracks" not in output
    assert report(output, "Skipped") == [
        "1 caption tracks that are not files in wp-content/uploads"
    ]
    assert report(output, "Problems") == [
        f"post 1: caption track {ELSEWHERE}/vi.vtt is not a file in wp-content/uploads"
    ]


def test_a_caption_file_missing_from_the_media_folder_is_reported(tmp_path):
    output, media = import_post(tmp_path, clip_with(track(f"{SITE}/da-xoa.vtt")))

    assert story(1).video.original and languages(story(1)) == []
    assert report(output, "Skipped") == ["1 caption files that are missing"]
    assert report(output, "Problems") == [
        f"post 1: missing caption file 2025/02/da-xoa.vtt, not found in {media}"
    ]


def test_a_caption_file_over_2_mb_is_reported_and_one_of_2_mb_kept(tmp_path):
    content = clip_with(track(f"{SITE}/vua.vtt", "vi"), track(f"{SITE}/lon.vtt", "en"))
    files = {
        "vua.vtt": vtt_of_size(CAPTION_MAX_BYTES, "Vừa đủ."),
        "lon.vtt": vtt_of_size(CAPTION_MAX_BYTES + 1, "Too large."),
    }
    assert [len(data) for data in files.values()] == [CAPTION_MAX_BYTES, CAPTION_MAX_BYTES + 1]

    output, _media = import_post(tmp_path, content, files=files)

    (caption,) = story(1).video.captions.all()
    assert (caption.language, caption.transcript) == ("vi", "Vừa đủ.")
    assert report(output, "Skipped") == ["1 caption files that could not be read"]
    assert report(output, "Problems") == ["post 1: caption file 2025/02/lon.vtt: larger than 2 MB"]


def test_a_caption_file_that_does_not_parse_is_reported_with_its_line(tmp_path):
    broken = b"WEBVTT\n\n00:00:01.000 --> 00:00:00.500\nNg\xc6\xb0\xe1\xbb\xa3c.\n"
    content = clip_with(track(f"{SITE}/hong.vtt", "vi"), track(f"{SITE}/en.vtt", "en"))

    output, _media = import_post(tmp_path, content, files={"hong.vtt": broken, "en.vtt": vtt()})

    assert languages(story(1)) == [("en",)]
    assert report(output, "Skipped") == ["1 caption files that could not be read"]
    assert report(output, "Problems") == [
        "post 1: caption file 2025/02/hong.vtt: Dòng 3: thời điểm kết thúc sớm hơn thời điểm "
        "bắt đầu (“00:00:01.000 --> 00:00:00.500”)."
    ]


# Block markup that is not quite as WordPress writes it today.


def test_a_video_block_with_broken_attributes_still_brings_its_clip(tmp_path):
    content = '<!-- wp:video {"id":5,"autoplay":} -->\n<figure class="wp-block-video">'
    content += f'<video controls src="{CLIP}"></video></figure>\n<!-- /wp:video -->\n<p>Sau.</p>'

    output, _media = import_post(tmp_path, content)

    article = story(1)
    assert article.body == "<p>Sau.</p>"
    assert article.video.original.name.endswith("-clip.mp4") and article.video.is_lead
    assert "Videos: 1 uploaded (1 created, 0 updated, 0 unchanged)" in output
    assert report(output, "Problems") == []


def test_a_video_block_whose_html_lost_its_tracks_takes_them_from_its_attributes(tmp_path):
    english = {"src": f"{SITE}/en.vtt", "srcLang": "en", "kind": "subtitles", "default": True}
    no_file = {"label": "Không có tệp", "srcLang": "vi"}
    attributes = json.dumps({"id": 5, "tracks": [english, no_file, "subtitles"]})
    content = f'<!-- wp:video {attributes} -->\n<figure class="wp-block-video">'
    content += f'<video controls src="{CLIP}"></video></figure>\n<!-- /wp:video -->'

    output, _media = import_post(tmp_path, content, files={"en.vtt": vtt("Good evening.")})

    (caption,) = story(1).video.captions.all()
    assert (caption.language, caption.is_default) == ("en", True)
    assert caption.webvtt == "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nGood evening.\n"
    assert "Caption tracks: 1 imported, 0 unchanged" in output
    assert report(output, "Problems") == []


def test_an_embed_block_without_a_url_attribute_finds_the_address_in_its_markup(tmp_path):
    content = (
        '<!-- wp:embed {"type":"video","providerNameSlug":"youtube"} -->\n'
        '<figure class="wp-block-embed is-provider-youtube">\n<div class="wp-block-embed__wrapper">'
        f"https://www.youtube.com/watch?v={YOUTUBE_ID}</div>\n"
        "<figcaption>Giao lưu nghệ thuật</figcaption></figure>\n"
        "<!-- /wp:embed -->\n<p>Sau.</p>"
    )

    output, _media = import_post(tmp_path, content, with_clip=False)

    video = story(1).video
    assert (video.source, video.youtube_id) == (Video.Source.YOUTUBE, YOUTUBE_ID)
    assert video.is_lead and video.caption == "Giao lưu nghệ thuật"
    assert story(1).body == "<p>Sau.</p>"
    assert "Videos: 1 YouTube (1 created, 0 updated, 0 unchanged)" in output


def test_a_good_track_after_an_unreadable_one_in_the_same_language_is_kept(tmp_path):
    broken = b"WEBVTT\n\nkhong phai thoi gian\n"
    content = clip_with(track(f"{SITE}/hong.vtt", "vi"), track(f"{SITE}/tot.vtt", "vi"))

    output, _media = import_post(
        tmp_path, content, files={"hong.vtt": broken, "tot.vtt": vtt("Bản tốt.")}
    )

    (caption,) = story(1).video.captions.all()
    assert (caption.language, caption.transcript, caption.is_default) == ("vi", "Bản tốt.", True)
    assert report(output, "Skipped") == ["1 caption files that could not be read"]
