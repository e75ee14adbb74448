"""What the admin's video upload refuses (naming the problem, keeping nothing) and what it
takes: checked by ffprobe through the add form, as an editor uploads."""

import io
import json
import subprocess
import zipfile
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from articles.models import Video
from tests.clips import CODECS, clip_bytes, require_ffmpeg
from tests.conftest import image_bytes, stored_bytes, stored_media

pytestmark = pytest.mark.django_db

NOT_VIDEO = "Tệp này không phải là video"
DAMAGED = "Tệp video bị cắt cụt hoặc hỏng"
POLYGLOT = "chứa thêm mã (HTML, JavaScript) hoặc một tệp nén"
NO_PICTURE = "Tệp không có hình"
ONLY_CONTAINERS = "Chỉ nhận video MP4, MOV, WebM hoặc MKV."
NO_FFMPEG = "Máy chủ chưa cài ffmpeg"
SCRIPT = b"<html><script>alert(1)</script></html>"
SMALL = {"seconds": 1, "size": "320x180"}


@pytest.fixture(autouse=True)
def _streamed_uploads(settings, tmp_path):
    """Uploads go to a temporary file of their own, as a real (large) video does."""
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0
    settings.FILE_UPLOAD_TEMP_DIR = tmp_path / "upload-tmp"
    settings.FILE_UPLOAD_TEMP_DIR.mkdir()


def upload(client, article, name, content, **data):
    payload = {
        "article": article.pk,
        "is_lead": "on",
        "original": SimpleUploadedFile(name, content, "video/mp4") if content else "",
        "youtube_url": "",
        "caption": "Bản tin trưa",
        "captions-TOTAL_FORMS": "0",
        "captions-INITIAL_FORMS": "0",
        **data,
    }
    return client.post(reverse("admin:articles_video_add"), payload)


def files_left():
    """Stored media, and anything left in the folder of streamed uploads."""
    spooled = [p for p in Path(django_settings.FILE_UPLOAD_TEMP_DIR).rglob("*") if p.is_file()]
    return [*stored_media(), *spooled]


def assert_refused(response, message):
    page = response.content.decode()
    assert response.status_code == 200, page[:2000]
    assert message in page
    assert "original" in response.context["adminform"].form.errors
    assert not Video.objects.exists()
    assert files_left() == []


def dimensions(name):
    """Width and height of a stored file's video stream, as ffprobe reads them."""
    command = ["ffprobe", "-v", "error", "-select_streams", "v:0", "-of", "json"]
    command += ["-show_entries", "stream=width,height", "pipe:0"]
    data = stored_bytes(name)
    out = subprocess.run(command, input=data, capture_output=True, check=True).stdout
    stream = json.loads(out)["streams"][0]
    return stream["width"], stream["height"]


def ffmpeg(tmp_path, name, *arguments):
    """A file made by ffmpeg in the test's folder."""
    require_ffmpeg()
    path = tmp_path / name
    command = ["ffmpeg", "-nostdin", "-v", "error", "-y", *arguments, str(path)]
    subprocess.run(command, check=True, timeout=60)
    return path.read_bytes()


def half(content):
    return content[: len(content) // 2]


def a_zip():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    return buffer.getvalue()


# Refused ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(lambda: image_bytes("JPEG", size=(320, 180)), id="renamed-jpeg"),
        pytest.param(lambda: "Bản tin trưa, không phải video.\n".encode() * 50, id="text"),
        pytest.param(lambda: Path("/bin/true").read_bytes(), id="program"),
        pytest.param(lambda: b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 40, id="elf-junk"),
    ],
)
def test_a_file_that_is_not_a_video_is_refused_though_named_mp4(editor_client, article, content):
    require_ffmpeg()
    response = upload(editor_client, article, "ban-tin.mp4", content())
    assert_refused(response, NOT_VIDEO)


@pytest.mark.parametrize(
    ("container", "faststart"),
    [("mp4", True), ("mp4", False), ("webm", True), ("mkv", True)],
    ids=["mp4", "mp4-index-at-the-end", "webm", "mkv"],
)
def test_a_video_cut_off_halfway_is_refused_as_damaged(
    editor_client, article, container, faststart
):
    whole = clip_bytes(seconds=4, size="320x180", container=container, faststart=faststart)
    response = upload(editor_client, article, f"ban-tin.{container}", half(whole))
    assert_refused(response, DAMAGED)


@pytest.fixture(scope="module")
def large_clip(tmp_path_factory):
    """A 1 s clip of noise, over 1 MB: what is hidden at one end is far from the other."""
    content = ffmpeg(
        tmp_path_factory.mktemp("large"),
        "noise.mp4",
        *["-f", "lavfi", "-i", "color=c=gray:s=320x180:d=1:r=25,noise=alls=100:allf=t"],
        *["-f", "lavfi", "-i", "sine=duration=1", *CODECS["mp4"], "-movflags", "+faststart"],
        "-shortest",
    )
    assert len(content) > 1024 * 1024
    return content


def script_in_header(tmp_path, content):
    """The same clip, still playable, with a script in its header near the start of the file."""
    source = tmp_path / "source.mp4"
    source.write_bytes(content)
    made = ffmpeg(
        tmp_path,
        "header.mp4",
        *["-i", str(source), "-c", "copy", "-movflags", "+faststart"],
        *["-metadata", f"comment={SCRIPT.decode()}"],
    )
    assert made.index(SCRIPT) < 64 * 1024 and len(made) - made.index(SCRIPT) > 1024 * 1024
    return made


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda tmp, clip: clip + SCRIPT, id="html-at-the-end"),
        pytest.param(script_in_header, id="html-near-the-start"),
        pytest.param(lambda tmp, clip: clip + a_zip(), id="zip-at-the-end"),
        pytest.param(lambda tmp, clip: a_zip() + clip, id="zip-in-front"),
    ],
)
def test_a_video_that_also_carries_html_or_a_zip_is_refused(
    editor_client, article, tmp_path, large_clip, make
):
    response = upload(editor_client, article, "ban-tin.mp4", make(tmp_path, large_clip))
    assert_refused(response, POLYGLOT)


def test_the_large_clip_alone_is_accepted(editor_client, article, large_clip):
    """So the refusals above are for what was added, not for the clip itself."""
    response = upload(editor_client, article, "ban-tin.mp4", large_clip)
    assert response.status_code == 302, response.content.decode()[:2000]


@pytest.mark.parametrize(
    ("setting", "limit", "clip_options", "message"),
    [
        ("VIDEO_MAX_BYTES", 10_000, SMALL, "Video quá lớn"),
        ("VIDEO_MAX_SECONDS", 1, {"seconds": 2, "size": "320x180"}, "Video dài 0:02"),
        ("VIDEO_MAX_SIDE", 300, SMALL, "Video có kích thước 320×180, vượt giới hạn 300"),
    ],
    ids=["bytes", "seconds", "side"],
)
def test_a_video_over_a_limit_is_refused_naming_the_limit(
    editor_client, article, settings, setting, limit, clip_options, message
):
    setattr(settings, setting, limit)
    response = upload(editor_client, article, "ban-tin.mp4", clip_bytes(**clip_options))
    assert_refused(response, message)


def test_a_video_as_long_as_the_limit_is_accepted_though_its_container_rounds_up(
    editor_client, article, settings
):
    settings.VIDEO_MAX_SECONDS = 1
    content = clip_bytes(container="mkv", **SMALL)  # Matroska says 1.02 s
    response = upload(editor_client, article, "ban-tin.mkv", content)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Video.objects.get(article=article).duration == pytest.approx(1, abs=0.05)


@pytest.mark.parametrize("with_cover", [False, True], ids=["sound-only", "sound-and-cover"])
def test_a_sound_file_is_refused_even_with_a_cover_picture(
    editor_client, article, tmp_path, with_cover
):
    sound = ["-f", "lavfi", "-i", "sine=frequency=440:duration=1"]
    if with_cover:
        cover = ["-f", "lavfi", "-i", "color=c=red:s=320x180:d=0.04", "-frames:v", "1"]
        sound += [*cover, "-map", "0:a", "-map", "1:v", "-c:v", "mjpeg"]
        sound += ["-disposition:v:0", "attached_pic"]
    content = ffmpeg(tmp_path, "tin.m4a", *sound, "-c:a", "aac", "-f", "mp4")
    response = upload(editor_client, article, "ban-tin.mp4", content)
    assert_refused(response, NO_PICTURE)


def test_an_avi_file_is_refused_by_its_extension(editor_client, article):
    response = upload(editor_client, article, "ban-tin.avi", clip_bytes(**SMALL))
    assert_refused(response, ONLY_CONTAINERS)


def test_a_small_upload_held_in_memory_is_checked_the_same_way(editor_client, article, settings):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
    whole = clip_bytes(seconds=4, size="320x180")
    assert_refused(upload(editor_client, article, "ban-tin.mp4", half(whole)), DAMAGED)
    assert_refused(upload(editor_client, article, "ban-tin.mp4", whole + SCRIPT), POLYGLOT)
    response = upload(editor_client, article, "ban-tin.mp4", whole)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Video.objects.get(article=article).size == len(whole)


# Without ffmpeg --------------------------------------------------------------------------


def test_without_ffmpeg_uploads_are_refused_check_warns_and_stories_still_render(
    editor_client, client, article, settings
):
    content = clip_bytes(**SMALL)
    settings.FFMPEG_BINARY = "ffmpeg-not-installed"
    settings.FFPROBE_BINARY = "ffprobe-not-installed"

    assert_refused(upload(editor_client, article, "ban-tin.mp4", content), NO_FFMPEG)

    out = io.StringIO()
    call_command("check", stdout=out, stderr=out)
    assert "articles.W001" in out.getvalue()
    assert "ffmpeg-not-installed" in out.getvalue()

    youtube = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    response = upload(editor_client, article, "", None, youtube_url=youtube)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get(article.get_absolute_url())
    assert page.status_code == 200
    assert "dQw4w9WgXcQ" in page.content.decode()


def test_check_does_not_warn_when_ffmpeg_is_installed():
    require_ffmpeg()
    out = io.StringIO()
    call_command("check", stdout=out, stderr=out)
    assert "articles.W001" not in out.getvalue()


# Accepted --------------------------------------------------------------------------------


def upload_and_process(client, article, name, content, capture):
    with capture(execute=True):
        response = upload(client, article, name, content)
    assert response.status_code == 302, response.content.decode()[:2000]
    video = Video.objects.get(article=article)
    assert video.state == Video.State.READY, video.failure
    return video


@pytest.mark.parametrize("container", ["mp4", "mov", "webm", "mkv"])
def test_each_container_is_accepted_recorded_and_processed_without_upscaling(
    editor_client, article, container, django_capture_on_commit_callbacks
):
    content = clip_bytes(container=container, **SMALL)
    video = upload_and_process(
        editor_client, article, f"ban-tin.{container}", content, django_capture_on_commit_callbacks
    )
    assert video.duration == pytest.approx(1, abs=0.05)
    assert (video.width, video.height, video.size) == (320, 180, len(content))
    assert default_storage.exists(video.original.name)
    assert [(s["label"], s["width"], s["height"]) for s in video.sources] == [(180, 320, 180)]
    assert dimensions(video.renditions[0]["name"]) == (320, 180)
    assert files_left() and not list(Path(django_settings.FILE_UPLOAD_TEMP_DIR).iterdir())


def test_a_portrait_clip_gets_renditions_no_larger_than_itself(
    editor_client, article, django_capture_on_commit_callbacks
):
    content = clip_bytes(seconds=1, size="360x640")
    video = upload_and_process(
        editor_client, article, "doc.mp4", content, django_capture_on_commit_callbacks
    )
    assert (video.width, video.height) == (360, 640)
    assert [(s["label"], s["width"], s["height"]) for s in video.sources] == [(360, 360, 640)]
    for rendition in video.renditions:
        width, height = dimensions(rendition["name"])
        assert width <= 360 and height <= 640
