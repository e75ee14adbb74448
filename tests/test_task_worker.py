"""The task queue with a real `manage.py worker` process: tasks run, survive a killed worker,
and a failed one records why and can be retried from the admin."""

import signal

import pytest
from django.tasks import TaskResultStatus
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from tests import worker_tasks
from tests.clients import logged_in
from tests.factories import UserFactory
from tests.workers import wait_for

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("database_queue"),
]


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
