"""Waiting on what a real worker does (its fixtures, `database_queue` and `start_worker`, are
in tests/conftest.py)."""

import time

from django_tasks_db.models import DBTaskResult


def wait_for(result_id, status, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        stored = DBTaskResult.objects.get(pk=result_id)
        if stored.status == status:
            return stored
        time.sleep(0.1)
    raise AssertionError(f"task {result_id} is {stored.status}, not {status}, after {seconds} s")


def wait_for_video(pk, state, seconds=60):
    """The video once the worker brought it to `state` (it fails after `seconds`)."""
    from articles.models import Video

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        video = Video.objects.get(pk=pk)
        if video.state == state:
            return video
        time.sleep(0.1)
    raise AssertionError(f"video is {video.state} ({video.failure}), not {state}")
