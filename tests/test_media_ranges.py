"""Uploads served by the app itself (SERVE_MEDIA) answer byte ranges, so video players can seek."""

import importlib
import random

import pytest
from django.test import RequestFactory
from django.test.utils import override_settings
from django.urls import clear_url_caches
from django.utils.http import http_date

import newsroom.urls
from newsroom.infra import media

SIZE = 300_000
DATA = random.Random(20240601).randbytes(SIZE)


def reload_urls():
    importlib.reload(newsroom.urls)
    clear_url_caches()


@pytest.fixture
def media_root(db, settings, tmp_path):
    """MEDIA_ROOT in tmp_path, routed as in SERVE_MEDIA mode (urls.py reads it on import).

    `db`: the 4xx answers get the site's error page, whose template reads the database."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    with override_settings(SERVE_MEDIA=True):
        reload_urls()
        yield settings.MEDIA_ROOT
    reload_urls()


@pytest.fixture
def video(media_root):
    path = media_root / "videos" / "clip.bin"
    path.parent.mkdir()
    path.write_bytes(DATA)
    return path


def body(response):
    return b"".join(response.streaming_content)


def get(client, url="/media/videos/clip.bin", **headers):
    return client.get(url, headers=headers)


def test_full_get_is_200_with_whole_file_and_accept_ranges(client, video):
    response = get(client)

    assert response.status_code == 200
    assert body(response) == DATA
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Length"] == str(SIZE)
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Last-Modified"] == http_date(int(video.stat().st_mtime))
    assert response["ETag"].startswith('"')
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "Content-Range" not in response


def test_first_hundred_bytes_are_206_with_exact_slice(client, video):
    response = get(client, Range="bytes=0-99")

    assert response.status_code == 206
    assert body(response) == DATA[:100]
    assert response["Content-Range"] == f"bytes 0-99/{SIZE}"
    assert response["Content-Length"] == "100"
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Type"] == "application/octet-stream"
    assert response["ETag"] == get(client)["ETag"]


def test_range_spanning_several_chunks_is_exact(client, video):
    response = get(client, Range="bytes=1000-200000")

    assert response.status_code == 206
    assert body(response) == DATA[1000:200001]
    assert response["Content-Length"] == str(200001 - 1000)
    assert response["Content-Range"] == f"bytes 1000-200000/{SIZE}"


def test_open_ended_range_runs_to_the_end(client, video):
    response = get(client, Range="bytes=299000-")

    assert response.status_code == 206
    assert body(response) == DATA[299000:]
    assert response["Content-Range"] == f"bytes 299000-{SIZE - 1}/{SIZE}"
    assert response["Content-Length"] == "1000"


def test_suffix_range_gives_the_last_bytes(client, video):
    response = get(client, Range="bytes=-500")

    assert response.status_code == 206
    assert body(response) == DATA[-500:]
    assert response["Content-Range"] == f"bytes {SIZE - 500}-{SIZE - 1}/{SIZE}"
    assert response["Content-Length"] == "500"


def test_suffix_longer_than_file_gives_whole_file_as_206(client, video):
    response = get(client, Range=f"bytes=-{SIZE * 2}")

    assert response.status_code == 206
    assert body(response) == DATA
    assert response["Content-Range"] == f"bytes 0-{SIZE - 1}/{SIZE}"


def test_range_past_the_end_is_clamped_to_the_last_byte(client, video):
    response = get(client, Range="bytes=299990-400000")

    assert response.status_code == 206
    assert body(response) == DATA[299990:]
    assert response["Content-Range"] == f"bytes 299990-{SIZE - 1}/{SIZE}"


@pytest.mark.parametrize("spec", [f"bytes={SIZE}-", f"bytes={SIZE + 10}-{SIZE + 20}", "bytes=-0"])
def test_unsatisfiable_range_is_416_with_star_content_range(client, video, spec):
    response = get(client, Range=spec)

    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{SIZE}"


HUGE = "1" + "0" * 5000  # past int()'s 4300-digit limit


@pytest.mark.parametrize(
    "spec", ["bytes=abc", "bytes=-", "bytes=5-2", "items=0-99", "0-99", f"bytes={HUGE}-"]
)
def test_malformed_range_is_ignored_and_whole_file_sent(client, video, spec):
    response = get(client, Range=spec)

    assert response.status_code == 200
    assert body(response) == DATA
    assert "Content-Range" not in response


def test_multi_range_request_gets_whole_file(client, video):
    response = get(client, Range="bytes=0-99,200-299")

    assert response.status_code == 200
    assert body(response) == DATA
    assert response["Content-Length"] == str(SIZE)


def test_range_unit_is_case_insensitive(client, video):
    response = get(client, Range="Bytes=10-19")

    assert response.status_code == 206
    assert body(response) == DATA[10:20]


def test_if_range_with_stale_etag_gets_whole_file(client, video):
    response = get(client, Range="bytes=0-99", **{"If-Range": '"stale-version"'})

    assert response.status_code == 200
    assert body(response) == DATA


def test_if_range_with_current_etag_gets_the_range(client, video):
    etag = get(client)["ETag"]

    response = get(client, Range="bytes=0-99", **{"If-Range": etag})

    assert response.status_code == 206
    assert body(response) == DATA[:100]


def test_if_range_with_weak_etag_never_matches(client, video):
    etag = get(client)["ETag"]

    response = get(client, Range="bytes=0-99", **{"If-Range": f"W/{etag}"})

    assert response.status_code == 200


def test_if_range_date_must_equal_last_modified(client, video):
    last_modified = get(client)["Last-Modified"]
    older = http_date(int(video.stat().st_mtime) - 60)

    assert get(client, Range="bytes=0-99", **{"If-Range": last_modified}).status_code == 206
    assert get(client, Range="bytes=0-99", **{"If-Range": older}).status_code == 200


def test_head_sends_headers_of_full_file_without_body(client, video):
    response = client.head("/media/videos/clip.bin")

    assert response.status_code == 200
    assert response["Content-Length"] == str(SIZE)
    assert response["Accept-Ranges"] == "bytes"
    assert body(response) == b""


def test_head_is_not_cached_as_the_page_a_later_get_receives(client, video):
    client.head("/media/videos/clip.bin")

    assert body(get(client)) == DATA


def test_head_ignores_range_as_rfc_9110_says(client, video):
    response = client.head("/media/videos/clip.bin", headers={"Range": "bytes=0-99"})

    assert response.status_code == 200
    assert response["Content-Length"] == str(SIZE)


def test_post_is_405(client, video):
    assert client.post("/media/videos/clip.bin").status_code == 405


def test_matching_if_none_match_is_304_with_validators(client, video):
    etag = get(client)["ETag"]

    response = get(client, **{"If-None-Match": etag})

    assert response.status_code == 304
    assert response["ETag"] == etag
    assert not response.content


def test_if_none_match_wins_over_range(client, video):
    etag = get(client)["ETag"]

    assert get(client, Range="bytes=0-99", **{"If-None-Match": etag}).status_code == 304


def test_if_modified_since_last_modified_is_304(client, video):
    last_modified = get(client)["Last-Modified"]

    assert get(client, **{"If-Modified-Since": last_modified}).status_code == 304


def test_changed_file_gets_a_new_etag(client, video):
    etag = get(client)["ETag"]
    video.write_bytes(DATA[:1000])

    response = get(client, **{"If-None-Match": etag})

    assert response.status_code == 200
    assert response["ETag"] != etag
    assert body(response) == DATA[:1000]


@pytest.mark.parametrize(
    "url",
    [
        "/media/../settings.py",
        "/media/%2e%2e/settings.py",
        "/media/videos/../../settings.py",
        "/media/videos/%2e%2e/%2e%2e/settings.py",
    ],
)
def test_path_traversal_is_404(client, media_root, url):
    (media_root.parent / "settings.py").write_text("SECRET_KEY = 'x'")

    assert client.get(url).status_code == 404


def test_absolute_path_stays_under_media_root(client, media_root):
    assert client.get("/media//etc/hostname").status_code == 404


def test_directory_is_404_without_index(client, video):
    assert client.get("/media/videos/").status_code == 404
    assert client.get("/media/videos").status_code == 404


def test_missing_file_is_404(client, media_root):
    assert client.get("/media/nope.mp4").status_code == 404


@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        ("index.m3u8", "application/vnd.apple.mpegurl"),
        ("segment0.ts", "video/mp2t"),
        ("segment1.m4s", "video/iso.segment"),
        ("captions.vtt", "text/vtt; charset=utf-8"),
        ("clip.mp4", "video/mp4"),
        ("CLIP.MP4", "video/mp4"),
        ("clip.webm", "video/webm"),
        ("photo.webp", "image/webp"),
        ("photo.jpg", "image/jpeg"),
        ("notes.txt.gz", "application/gzip"),
        ("blob.unknown-extension", "application/octet-stream"),
    ],
)
def test_content_type_follows_extension(client, media_root, name, content_type):
    (media_root / name).write_bytes(b"\x00" * 10)

    response = get(client, f"/media/{name}")

    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert "Content-Encoding" not in response


def test_empty_file_is_served_whole(client, media_root):
    (media_root / "empty.mp4").write_bytes(b"")

    assert body(get(client, "/media/empty.mp4")) == b""
    assert get(client, "/media/empty.mp4", Range="bytes=-10").status_code == 200
    assert get(client, "/media/empty.mp4", Range="bytes=0-").status_code == 416


def test_file_streams_in_64_kib_chunks(video):
    request = RequestFactory().get("/media/videos/clip.bin")

    response = media.serve(request, "videos/clip.bin", document_root=str(video.parents[1]))
    chunks = list(response.streaming_content)

    assert [len(chunk) for chunk in chunks] == [65536] * 4 + [SIZE - 4 * 65536]


def test_file_is_closed_when_client_leaves_mid_stream(video, monkeypatch):
    opened = []

    def tracking_open(*args, **kwargs):
        file = open(*args, **kwargs)  # noqa: SIM115
        opened.append(file)
        return file

    monkeypatch.setattr(media, "open", tracking_open, raising=False)
    request = RequestFactory().get("/media/videos/clip.bin", headers={"Range": "bytes=0-"})
    response = media.serve(request, "videos/clip.bin", document_root=str(video.parents[1]))

    next(iter(response.streaming_content))
    response.close()

    assert len(opened) == 1
    assert opened[0].closed
