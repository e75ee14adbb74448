"""The task queue with a real `manage.py worker` process: tasks run, survive a killed worker,
and a failed one records why and can be retried from the admin."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django.tasks import TaskResultStatus
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from tests import worker_tasks
from tests.clients import logged_in
from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[1]
DB_BACKEND = "django_tasks_db.DatabaseBackend"
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def _database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": DB_BACKEND, "QUEUES": ["default"]}}


@pytest.fixture
def start_worker(tmp_path):
    """Start `manage.py worker` processes on the test database; all stopped at the end."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        url = f"sqlite:///{db['NAME']}"
    else:
        url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DEBUG": "1",
        "DATABASE_URL": url,
        "TASKS_BACKEND": DB_BACKEND,
        "TASKS_WORKER_TIMEOUT": "2",
        "SHARED_CACHE_DIR": str(tmp_path / "shared-cache"),
    }
    started = []

    def start(*options):
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "worker", "--no-reload", "--interval", "0.2", *options],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        started.append(worker)
        return worker

    yield start
    for worker in started:  # stopped as an operator would (and line coverage is saved)
        if worker.poll() is None:
            worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait(timeout=20)


def wait_for(result_id, status, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        stored = DBTaskResult.objects.get(pk=result_id)
        if stored.status == status:
            return stored
        time.sleep(0.1)
    raise AssertionError(f"task {result_id} is {stored.status}, not {status}, after {seconds} s")


def test_a_real_worker_runs_a_queued_task(start_worker, tmp_path):
    trace = tmp_path / "trace.txt"
    result = worker_tasks.write_after.enqueue(str(trace), 0, "đã chạy")
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.READY

    start_worker()

    stored = wait_for(result.id, TaskResultStatus.SUCCESSFUL)
    assert stored.return_value == "đã chạy"
    assert trace.read_text(encoding="utf-8") == "đã chạy\n"


def test_the_task_of_a_killed_worker_runs_again_on_another(start_worker, tmp_path):
    trace = tmp_path / "trace.txt"
    result = worker_tasks.write_after.enqueue(str(trace), 3, "xong")
    first = start_worker()
    wait_for(result.id, TaskResultStatus.RUNNING)

    first.send_signal(signal.SIGKILL)  # no chance to clean up, as with a crash
    first.wait(timeout=10)
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.RUNNING
    start_worker()

    stored = wait_for(result.id, TaskResultStatus.SUCCESSFUL, seconds=40)
    assert len(stored.worker_ids) == 2 and stored.worker_ids[0] != stored.worker_ids[1]
    assert trace.read_text(encoding="utf-8") == "xong\n"  # the killed run never finished


def test_a_failed_task_records_why_and_the_admin_retries_it(start_worker, tmp_path):
    needed = tmp_path / "needed.txt"
    result = worker_tasks.needs_file.enqueue(str(needed))
    start_worker()
    failed = wait_for(result.id, TaskResultStatus.FAILED)
    assert failed.exception_class_path == "builtins.FileNotFoundError"
    assert "needed.txt" in failed.traceback
    admin = logged_in(UserFactory(username="quantri", is_staff=True, is_superuser=True))
    changelist = reverse("admin:django_tasks_database_dbtaskresult_changelist")
    assert "builtins.FileNotFoundError" in admin.get(changelist).content.decode()
    needed.write_text("có rồi", encoding="utf-8")

    admin.post(changelist, {"action": "retry", "_selected_action": [result.id]})

    stored = wait_for(result.id, TaskResultStatus.SUCCESSFUL)
    assert stored.return_value == "có rồi"


def test_editors_may_not_retry_tasks(editor_client):
    result = worker_tasks.needs_file.enqueue("/nonexistent")
    changelist = reverse("admin:django_tasks_database_dbtaskresult_changelist")

    response = editor_client.post(changelist, {"action": "retry", "_selected_action": [result.id]})

    assert response.status_code == 403
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.READY
