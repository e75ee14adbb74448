"""A video's way from upload to ready: queued, processed by the worker, stored.

`queue()` is the only way a clip is (re)processed: on upload, on "retry" in the admin, and
after the WordPress import. `process_video` is the worker's job;
it can run twice for one clip (a killed worker's task is run again), so every run writes its
files under a fresh folder and removes the previous run's only once the new ones are stored.
"""

import os
import secrets
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F
from django.tasks import task
from django.utils import timezone

from articles.models import Video
from articles.video import encode, probe


def queue(video: Video) -> None:
    """Mark the clip queued and hand it to the worker once the transaction commits."""
    Video.objects.filter(pk=video.pk).update(state=Video.State.QUEUED, progress=0, failure="")
    video.state, video.progress, video.failure = Video.State.QUEUED, 0, ""
    pk = video.pk
    transaction.on_commit(lambda: process_video.enqueue(pk))


@task
def process_video(video_id: int) -> str:
    """The worker's job (`manage.py worker`; at once in tests). A failure marks the video
    failed with the reason; "Xử lý lại" in the admin queues it again."""
    return process(video_id)


def process(video_id: int) -> str:
    video = Video.objects.filter(pk=video_id).first()
    if video is None or video.is_youtube or not video.original:
        return "nothing to do"
    Video.objects.filter(pk=video_id).update(
        state=Video.State.PROCESSING, progress=0, failure="", attempts=F("attempts") + 1
    )
    try:
        stored = _encode_and_store(video)
    except Exception as exc:
        reason = _reason(exc)
        Video.objects.filter(pk=video_id).update(state=Video.State.FAILED, failure=reason[:2000])
        raise
    return stored


def _encode_and_store(video: Video) -> str:
    previous = _stored_names(video)
    with _workdir(video.pk) as workdir:
        source = _local_copy(video.original, workdir)
        info = probe.inspect(source)

        shown = 0

        def progress(percent):
            # Readers never see the percentage, so it is written without retiring cached
            # pages (the base manager's plain queryset), and only when it moves.
            nonlocal shown
            if percent != shown:
                shown = percent
                Video._base_manager.filter(pk=video.pk).update(progress=percent)

        made = encode.renditions(source, info, workdir, progress)
        playlists = encode.hls_ladder(made, workdir)
        folder = f"videos/{video.pk}/{secrets.token_hex(4)}"
        records = [r.as_record(_store(r.path, f"{folder}/{r.path.name}")) for r in made]
        hls_names = [_store(p, f"{folder}/hls/{p.name}") for p in playlists]
        poster = None if _has_own_poster(video) else encode.poster_frame(source, info, workdir)
        with transaction.atomic():
            video = Video.objects.select_for_update().get(pk=video.pk)
            if poster is not None:
                video.poster = ContentFile(poster.read_bytes(), name=f"{video.pk}.jpg")
                video.poster_from_video = True
            video.duration, video.width, video.height = info.duration, info.width, info.height
            video.size = info.size
            video.renditions, video.hls = records, hls_names[-1]
            video.state, video.progress, video.failure = Video.State.READY, 100, ""
            video.processed = timezone.now()
            video.save()
    _remove(previous - _stored_names(video))
    return video.hls


@contextmanager
def _workdir(pk: int):
    """A working folder of this run's own (named after the video and the worker's process), so
    two workers or two sites on one machine never share one. Folders a killed worker left for
    this video are removed first."""
    base = Path(tempfile.gettempdir())
    for stale in base.glob(f"newsroom-video-{pk}-*"):
        if not _process_alive(stale.name.split("-")[3]):
            shutil.rmtree(stale, ignore_errors=True)
    workdir = Path(tempfile.mkdtemp(prefix=f"newsroom-video-{pk}-{os.getpid()}-", dir=base))
    try:
        yield workdir
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _process_alive(pid: str) -> bool:
    if not pid.isdigit():
        return True  # not one of ours: leave it
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # alive, someone else's
    return True


def _has_own_poster(video: Video) -> bool:
    return bool(video.poster) and not video.poster_from_video


def _local_copy(field_file, workdir: Path) -> Path:
    """The original on local disk: its own path on file storage, a download from S3."""
    try:
        return Path(field_file.path)
    except NotImplementedError:
        target = workdir / f"source{Path(field_file.name).suffix}"
        with field_file.open("rb") as src, target.open("wb") as dst:
            shutil.copyfileobj(src, dst, 1024 * 1024)
        return target


def _store(path: Path, name: str) -> str:
    with path.open("rb") as f:
        return default_storage.save(name, File(f, name=path.name))


def _stored_names(video: Video) -> set[str]:
    names = {r["name"] for r in video.renditions}
    if video.poster_from_video and video.poster:
        names |= {video.poster.name, *(r["name"] for r in video.poster_renditions)}
    if video.hls:
        folder = video.hls.rsplit("/", 1)[0]
        try:
            names |= {f"{folder}/{n}" for n in default_storage.listdir(folder)[1]}
        except (FileNotFoundError, NotImplementedError):
            names.add(video.hls)
    return names


def _remove(names) -> None:
    for name in names:
        default_storage.delete(name)


def _reason(exc: Exception) -> str:
    """What the editor reads under "failed": the refusal's own words, or ffmpeg's last lines."""
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc).strip() or exc.__class__.__name__
