"""An editor uploads a clip in the admin; the worker's job makes it playable for readers."""

import os
import subprocess
import tempfile

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Video
from articles.video import process
from tests.clips import clip_bytes

pytestmark = pytest.mark.django_db


def upload(client, article, data=None, **clip_options):
    payload = {
        "article": article.pk,
        "is_lead": "on",
        "original": SimpleUploadedFile("ban-tin.mp4", clip_bytes(**clip_options), "video/mp4"),
        "youtube_url": "",
        "caption": "Bản tin trưa",
        "captions-TOTAL_FORMS": "0",
        "captions-INITIAL_FORMS": "0",
        **(data or {}),
    }
    return client.post(reverse("admin:articles_video_add"), payload)


def test_uploaded_clip_is_processed_and_played_on_the_story_page(
    editor_client, article, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(editor_client, article, size="1280x720")
    assert response.status_code == 302, response.content.decode()[:3000]
    video = Video.objects.get(article=article)
    assert video.state == Video.State.READY, video.failure
    assert [r["label"] for r in video.sources] == [720, 360]
    assert video.hls.endswith("master.m3u8")
    assert video.poster_renditions and video.poster_from_video
    page = editor_client.get(article.get_absolute_url()).content.decode()
    assert "<video" in page and video.sources[0]["url"] in page
    watch = editor_client.get(reverse("articles:watch", kwargs={"slug": article.slug}))
    assert watch.status_code == 200


def test_processing_again_replaces_the_files_and_removes_the_old_ones(
    editor_client, article, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        upload(editor_client, article, size="640x360")
    first = Video.objects.get(article=article)
    old_files = [r["name"] for r in first.renditions] + [first.hls, first.poster.name]
    old_files += [r["name"] for r in first.poster_renditions]
    assert all(default_storage.exists(name) for name in old_files)

    with django_capture_on_commit_callbacks(execute=True):
        process.queue(first)

    again = Video.objects.get(pk=first.pk)
    assert again.state == Video.State.READY and again.attempts == 2
    new_files = [r["name"] for r in again.renditions] + [again.hls, again.poster.name]
    assert all(default_storage.exists(name) for name in new_files)
    assert not any(default_storage.exists(name) for name in old_files)


def test_the_admin_follows_a_video_s_progress_without_reloading(
    editor_client, reporter_client, article
):
    video = Video.objects.create(
        article=article,
        original=SimpleUploadedFile("a.mp4", b"clip"),
        state=Video.State.PROCESSING,
        progress=42,
    )
    url = reverse("admin:articles_video_progress", args=[video.pk])

    change = editor_client.get(reverse("admin:articles_video_change", args=[video.pk]))
    assert f'data-progress-url="{url}"' in change.content.decode()
    assert "articles/js/admin-video.js" in change.content.decode()
    assert editor_client.get(url).json() == {
        "state": "processing",
        "label": "Đang xử lý",
        "progress": 42,
        "failure": "",
    }
    assert reporter_client.get(url).status_code == 404  # not their story


def test_a_killed_run_s_working_folder_goes_and_a_running_one_s_stays(
    editor_client, article, django_capture_on_commit_callbacks, tmp_path, monkeypatch
):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with django_capture_on_commit_callbacks(execute=True):
        upload(editor_client, article, size="320x180")
    video = Video.objects.get(article=article)
    finished = subprocess.Popen(["true"])
    finished.wait()
    killed = tmp_path / f"newsroom-video-{video.pk}-{finished.pid}-abc"
    running = tmp_path / f"newsroom-video-{video.pk}-{os.getppid()}-def"
    for folder in (killed, running):
        folder.mkdir()
        (folder / "360.mp4").write_bytes(b"half made")

    with django_capture_on_commit_callbacks(execute=True):
        process.queue(video)

    assert Video.objects.get(pk=video.pk).state == Video.State.READY
    assert not killed.exists()
    assert (running / "360.mp4").exists()
    assert sorted(p.name for p in tmp_path.glob("newsroom-video-*")) == [running.name]
