"""Keeping the task queue honest: workers say they are alive, and the tasks of a worker that
stopped saying so (killed, out of memory, the machine restarted) are queued again.

A task may therefore run twice if its worker dies after finishing but before recording it;
tasks are written to be run again safely.
"""

import logging
import time

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)
ALIVE = "task-worker-alive:{}"


def say_alive(worker_id: str) -> None:
    """Record that `worker_id` is alive now (for TASKS_WORKER_TIMEOUT seconds)."""
    caches["shared"].set(ALIVE.format(worker_id), time.time(), settings.TASKS_WORKER_TIMEOUT)


def is_alive(worker_id: str) -> bool:
    return caches["shared"].get(ALIVE.format(worker_id)) is not None


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
