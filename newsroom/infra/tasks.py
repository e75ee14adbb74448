"""Keeping the task queue honest: workers say they are alive, and the tasks of a worker that
stopped saying so (killed, out of memory, the machine restarted) are queued again. A task
marked `retried` that fails (a mail server down) is queued again too, later each time, until
it has run TASKS_RETRY_ATTEMPTS times; only then does it stay failed, for the admin to retry.

A task may therefore run twice if its worker dies after finishing but before recording it;
tasks are written to be run again safely.
"""

import logging
import time
from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.dispatch import receiver
from django.tasks import TaskResultStatus
from django.tasks.signals import task_finished
from django.utils import timezone
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)
ALIVE = "task-worker-alive:{}"
LAST_BEAT = "task-worker-last-beat"
RETRIED: set[str] = set()  # the module paths of the tasks marked `retried`


def say_alive(worker_id: str) -> None:
    """Record that `worker_id` is alive now (for TASKS_WORKER_TIMEOUT seconds)."""
    caches["shared"].set(ALIVE.format(worker_id), time.time(), settings.TASKS_WORKER_TIMEOUT)
    caches["shared"].set(LAST_BEAT, time.time(), timeout=86400)  # any worker's: /readyz


def is_alive(worker_id: str) -> bool:
    return caches["shared"].get(ALIVE.format(worker_id)) is not None


def heartbeat_age() -> float | None:
    """Seconds since any task worker last said it was alive (None: none in the last day)."""
    beat = caches["shared"].get(LAST_BEAT)
    return None if beat is None else max(0.0, time.time() - beat)


def requeue_abandoned() -> int:
    """Queue again every running task whose worker is no longer alive; returns how many."""
    requeued = 0
    for task_id, worker_ids in DBTaskResult.objects.running().values_list("id", "worker_ids"):
        if worker_ids and is_alive(worker_ids[-1]):
            continue
        with transaction.atomic():
            requeued += (
                DBTaskResult.objects.running()
                .filter(id=task_id)
                .update(status=TaskResultStatus.READY, started_at=None)
            )
        logger.warning("Task %s lost its worker %s: queued again", task_id, worker_ids[-1:])
    return requeued


def retried(task):
    """Mark `task` (a django.tasks Task) to be queued again when it fails in a worker."""
    RETRIED.add(task.module_path)
    return task


def retry_delay(attempts: int) -> int:
    """Seconds to wait after the `attempts`-th failed run: doubling, up to an hour."""
    return min(settings.TASKS_RETRY_SECONDS * 2 ** (attempts - 1), 3600)


@receiver(task_finished, dispatch_uid="newsroom-retry-failed-tasks")
def retry_failed(sender, task_result, **kwargs):
    """A `retried` task that failed in the database queue is queued again after a delay, with
    its last error kept for the admin to read; its runs are its worker ids."""
    if (
        task_result.status != TaskResultStatus.FAILED
        or not issubclass(sender, DatabaseBackend)
        or task_result.task.module_path not in RETRIED
    ):
        return
    attempts = len(task_result.worker_ids)
    if attempts >= settings.TASKS_RETRY_ATTEMPTS:
        logger.error("Task %s failed %d times: left for the admin", task_result.id, attempts)
        return
    delay = retry_delay(attempts)
    try:
        DBTaskResult.objects.filter(id=task_result.id, status=TaskResultStatus.FAILED).update(
            status=TaskResultStatus.READY,
            run_after=timezone.now() + timedelta(seconds=delay),
            started_at=None,
            finished_at=None,
        )
    except Exception:  # never let the worker die over it: the task stays failed
        logger.exception("Task %s could not be queued again", task_result.id)
        return
    logger.warning("Task %s failed (run %d): runs again in %d s", task_result.id, attempts, delay)
