"""/metrics: the site's metrics for Prometheus (README, "Health and metrics").

The counters of every process (`newsroom.infra.metrics`), and what the database holds when
scraped: the comment queue (`comments.metrics`), the task queue by status and the age of the
task workers' last heartbeat. Only for METRICS_ALLOWED_IPS or the bearer token: anyone else
gets the site's 404. Never cached.
"""

from django.db.models import Count
from django.http import Http404, HttpResponse
from django_tasks_db.models import DBTaskResult

from comments.metrics import QueueCollector
from newsroom.infra import metrics, tasks


class TaskCollector:
    """The task queue (every status, including tasks that failed) and the workers' heartbeat."""

    def collect(self):
        rows = DBTaskResult.objects.order_by().values_list("status").annotate(n=Count("pk"))
        counts = {status: 0 for status in ("READY", "RUNNING", "SUCCESSFUL", "FAILED")}
        counts.update({status: n for status, n in rows})
        yield metrics.gauge(
            "newsroom_tasks",
            "Tasks in the database queue, by status (ready, running, successful, failed).",
            {status.lower(): n for status, n in counts.items()},
            labels="status",
        )
        age = tasks.heartbeat_age()
        yield metrics.gauge(
            "newsroom_task_worker_heartbeat_age_seconds",
            "Seconds since a task worker last said it was alive (-1: none in the last day).",
            -1 if age is None else age,
        )


def metrics_view(request):
    if not metrics.allowed(request):
        raise Http404
    body = metrics.exposition(QueueCollector(), TaskCollector())
    response = HttpResponse(body, content_type=metrics.CONTENT_TYPE)
    response["Cache-Control"] = "no-store"
    return response
