"""Video processing with a real `manage.py worker`: a queued clip becomes ready, a killed
worker's clip is encoded again by the next worker, and a failed one is retried from the admin."""

import signal

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.tasks import TaskResultStatus
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from articles.models import Video
from tests.clips import clip_bytes
from tests.factories import ArticleFactory
from tests.workers import wait_for, wait_for_video

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("database_queue"),
]


def upload(client, **clip_options):
    article = ArticleFactory(title="Lũ về trên sông Đà Rằng")
    response = client.post(
        reverse("admin:articles_video_add"),
        {
            "article": article.pk,
            "is_lead": "on",
            "original": SimpleUploadedFile("lu.mp4", clip_bytes(**clip_options), "video/mp4"),
            "captions-TOTAL_FORMS": "0",
            "captions-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Video.objects.get(article=article)


def overwrite(name, data):
    """Replace a stored file's bytes under the same name (on disk or in the bucket)."""
    default_storage.delete(name)
    assert default_storage.save(name, ContentFile(data)) == name


def test_a_real_worker_makes_an_uploaded_clip_ready(start_worker, editor_client):
    video = upload(editor_client, seconds=2, size="1280x720")
    assert video.state == Video.State.QUEUED

    start_worker()

    ready = wait_for_video(video.pk, Video.State.READY)
    assert [r["label"] for r in ready.sources] == [720, 360]
    assert ready.poster_renditions and ready.hls
    page = editor_client.get(ready.article.get_absolute_url()).content.decode()
    assert ready.sources[0]["url"] in page


def test_the_clip_of_a_killed_worker_is_encoded_again(start_worker, editor_client):
    video = upload(editor_client, seconds=40, size="1280x720")
    first = start_worker()
    wait_for_video(video.pk, Video.State.PROCESSING)

    first.send_signal(signal.SIGKILL)  # a crash: ffmpeg dies with it
    first.wait(timeout=10)
    start_worker()

    ready = wait_for_video(video.pk, Video.State.READY, seconds=120)
    assert ready.attempts == 2
    assert ready.duration == pytest.approx(40, abs=0.1)


def test_a_failed_clip_shows_why_and_is_retried_from_the_admin(start_worker, editor_client):
    video = upload(editor_client, seconds=2, size="640x360")
    good = video.original.read()
    video.original.close()
    overwrite(video.original.name, b"not a video any more")  # the stored file went bad
    start_worker()

    failed = wait_for_video(video.pk, Video.State.FAILED)
    assert "không phải là video" in failed.failure
    task = DBTaskResult.objects.get()
    wait_for(task.id, TaskResultStatus.FAILED)
    change = reverse("admin:articles_video_change", args=[video.pk])
    assert failed.failure in editor_client.get(change).content.decode()

    overwrite(video.original.name, good)
    changelist = reverse("admin:articles_video_changelist")
    editor_client.post(changelist, {"action": "process_again", "_selected_action": [video.pk]})

    ready = wait_for_video(video.pk, Video.State.READY)
    assert ready.failure == "" and ready.attempts == 2
