"""Media on S3-compatible storage: an uploaded story image, its renditions and a processed
clip's files land in the bucket, pages show them from it, and a backup restored into an empty
bucket brings every file back.

Runs against the S3 server named by S3_ENDPOINT_URL (CI's second run starts moto_server), or a
moto_server this module starts on a free loopback port; without either it skips with the
reason (under CI it fails).
"""

import os
import shutil
import socket
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse

from articles.models import Article, Video
from tests.articles.test_images import upload
from tests.clients import publish_through_desk
from tests.clips import clip_bytes, require_ffmpeg
from tests.conftest import S3_BACKEND, empty_folder, image_bytes, make_public_bucket, s3_client
from tests.factories import ArticleFactory
from tests.test_backup import DB, empty_database, restore_elsewhere  # noqa: F401 (empty_database: a fixture)


def moto_binary() -> str | None:
    """moto_server of this virtualenv, else one on PATH."""
    beside_python = Path(sys.executable).with_name("moto_server")
    return str(beside_python) if beside_python.exists() else shutil.which("moto_server")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def endpoint():
    """The S3 server's URL: CI's, or a moto_server started here for this module."""
    if os.environ.get("S3_ENDPOINT_URL"):
        yield os.environ["S3_ENDPOINT_URL"]
        return
    binary = moto_binary()
    if binary is None:
        reason = "no S3 server: set S3_ENDPOINT_URL, or pip install moto[server] for moto_server"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}; under CI it must be")
        pytest.skip(reason)
    port = free_port()
    server = subprocess.Popen(
        [binary, "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                if httpx.get(f"{url}/moto-api/", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        else:
            pytest.fail("moto_server did not answer within 30 s")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=20)


def storage_options(endpoint, bucket):
    """The production settings' options (newsroom/settings.py) for this server and bucket."""
    return {
        "bucket_name": bucket,
        "endpoint_url": endpoint,
        "region_name": os.environ.get("S3_REGION") or "us-east-1",
        "access_key": os.environ.get("S3_ACCESS_KEY") or "testing",
        "secret_key": os.environ.get("S3_SECRET_KEY") or "testing",
        "object_parameters": {"CacheControl": "public, max-age=86400"},
        "max_memory_size": 32 * 1024 * 1024,
        "querystring_auth": False,
        "file_overwrite": False,
    }


def new_bucket(client):
    name = f"newsroom-test-{os.urandom(4).hex()}"
    make_public_bucket(client, name)
    return name


def drop_bucket(client, name):
    empty_folder(client, name, "")
    client.delete_bucket(Bucket=name)


@pytest.fixture
def bucket(endpoint, settings):
    """A new public bucket of this test's own, made the site's media storage."""
    client = s3_client(endpoint)
    name = new_bucket(client)
    options = storage_options(endpoint, name)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": S3_BACKEND, "OPTIONS": options},
    }
    yield client, name
    drop_bucket(client, name)


def keys(client, name) -> set[str]:
    pages = client.get_paginator("list_objects_v2").paginate(Bucket=name)
    return {item["Key"] for page in pages for item in page.get("Contents", ())}


def object_bytes(client, name, key) -> bytes:
    return client.get_object(Bucket=name, Key=key)["Body"].read()


class Images(HTMLParser):
    """Every URL an <img> of the page loads: src and each srcset candidate."""

    def __init__(self):
        super().__init__()
        self.urls = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "img":
            self.urls.add(attrs.get("src") or "")
            self.urls |= {c.split()[0] for c in (attrs.get("srcset") or "").split(",") if c}


def image_urls(html) -> set[str]:
    parser = Images()
    parser.feed(html)
    return parser.urls - {""}


@pytest.mark.django_db
def test_an_uploaded_story_image_and_its_renditions_are_stored_in_the_bucket(
    bucket, editor_client, section
):
    client, name = bucket

    response = upload(editor_client, section, image_bytes(size=(1600, 900)), name="lua.jpg")

    assert response.status_code == 302
    story = Article.objects.get()
    renditions = [r["name"] for r in story.image_renditions]
    assert [r["w"] for r in story.image_renditions] == [480, 960, 1440]
    assert keys(client, name) == {story.image.name, *renditions}
    original = client.head_object(Bucket=name, Key=story.image.name)
    assert original["ContentType"] == "image/jpeg"
    assert original["CacheControl"] == "public, max-age=86400"
    for key in renditions:
        assert client.head_object(Bucket=name, Key=key)["ContentType"] == "image/webp"


@pytest.mark.django_db
def test_the_story_page_shows_its_image_from_the_bucket(
    endpoint, bucket, editor_client, client, section
):
    s3, name = bucket
    upload(editor_client, section, image_bytes(size=(1600, 900)), name="lua.jpg")
    story = Article.objects.get()
    publish_through_desk(editor_client, story)

    urls = image_urls(client.get(story.get_absolute_url()).content.decode())

    expected = {f"{endpoint}/{name}/{r['name']}" for r in story.image_renditions}
    assert expected <= urls  # the srcset: every rendition, on the bucket's public URL
    for url in urls:
        assert url.startswith(f"{endpoint}/{name}/") and "?" not in url  # plain, unsigned
        fetched = httpx.get(url)  # as a reader's browser: no credentials
        assert fetched.status_code == 200
        assert fetched.headers["content-type"] == "image/webp"
        assert fetched.content == object_bytes(s3, name, url.removeprefix(f"{endpoint}/{name}/"))


@pytest.mark.django_db
def test_a_processed_clip_puts_its_renditions_ladder_and_poster_in_the_bucket(
    bucket, editor_client, django_capture_on_commit_callbacks
):
    require_ffmpeg()
    client, name = bucket
    article = ArticleFactory(title="Lễ hội cồng chiêng")
    payload = {
        "article": article.pk,
        "is_lead": "on",
        "original": ContentFile(clip_bytes(seconds=2, size="640x360"), name="cong-chieng.mp4"),
        "captions-TOTAL_FORMS": "0",
        "captions-INITIAL_FORMS": "0",
    }

    with django_capture_on_commit_callbacks(execute=True):  # the worker's job, run at once
        response = editor_client.post(reverse("admin:articles_video_add"), payload)

    assert response.status_code == 302
    video = Video.objects.get()
    assert video.state == Video.State.READY, video.failure
    stored = keys(client, name)
    folder = video.hls.rsplit("/hls/", 1)[0]
    assert video.original.name in stored
    assert {r["name"] for r in video.renditions} == {f"{folder}/360.mp4"} <= stored
    assert {f"{folder}/hls/master.m3u8", f"{folder}/hls/360.m3u8"} <= stored
    assert any(k.startswith(f"{folder}/hls/360_") and k.endswith(".ts") for k in stored)
    assert {video.poster.name, *(r["name"] for r in video.poster_renditions)} <= stored

    master = httpx.get(video.hls_url)
    assert master.headers["content-type"] == "application/vnd.apple.mpegurl"
    assert "360.m3u8" in master.text
    segment = next(k for k in sorted(stored) if k.endswith(".ts"))
    assert client.head_object(Bucket=name, Key=segment)["ContentType"] == "video/mp2t"
    seek = httpx.get(video.sources[0]["url"], headers={"Range": "bytes=100-199"})
    assert seek.status_code == 206 and seek.headers["content-type"] == "video/mp4"
    assert seek.content == object_bytes(client, name, video.renditions[0]["name"])[100:200]


@DB
def test_a_backup_restored_into_an_empty_bucket_brings_back_every_media_file(
    endpoint, bucket, section, tmp_path, request
):
    client, name = bucket
    database_url = request.getfixturevalue("empty_database")
    story = ArticleFactory(section=section, image_alt="Ảnh")
    story.image = ContentFile(image_bytes(size=(640, 360)), name="anh.jpg")
    story.save()
    backed_up = {key: object_bytes(client, name, key) for key in keys(client, name)}
    assert len(backed_up) == 1 + len(story.image_renditions)

    call_command("backup", output_dir=tmp_path / "backups")
    (archive,) = (tmp_path / "backups").glob("newsroom-*.tar.gz")
    empty = new_bucket(client)
    settings_of_the_new_site = {
        "S3_BUCKET": empty,
        "S3_LOCATION": "",
        "S3_ENDPOINT_URL": endpoint,
        "S3_REGION": storage_options(endpoint, empty)["region_name"],
        "S3_ACCESS_KEY": storage_options(endpoint, empty)["access_key"],
        "S3_SECRET_KEY": storage_options(endpoint, empty)["secret_key"],
        "SHARED_CACHE_DIR": str(tmp_path / "cache"),
    }
    try:
        result, restored = restore_elsewhere(archive, database_url, (settings_of_the_new_site,))
        assert result.returncode == 0, result.stderr
        assert restored["articles"] == [[story.slug, story.title]]
        assert {key: object_bytes(client, empty, key) for key in keys(client, empty)} == backed_up
    finally:
        drop_bucket(client, empty)
