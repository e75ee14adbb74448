"""The comment pipeline's metrics (counted in `newsroom.infra.metrics`): what posting made of a
comment and why it waits, the moderators' decisions and how long comments waited for them,
and the queue as the database has it when scraped."""

from django.db.models import Count, Min
from django.utils import timezone

from comments.models import Comment
from newsroom.infra import metrics

Status = Comment.Status


def posted(comment, kind) -> None:
    """Count a reader's comment just stored, and why it waits (`policy.Verdict.kind`) if it does."""
    metrics.COMMENTS_POSTED.labels(comment.status).inc()
    if comment.status != Status.APPROVED:
        metrics.COMMENTS_HELD.labels(kind).inc()


def decided(comments, status) -> None:
    """Count a decision on `comments` (as they were before it); a waiting comment's first
    decision records how long it waited."""
    now = timezone.now()
    metrics.COMMENTS_DECIDED.labels(status).inc(len(comments))
    for comment in comments:
        if comment.status == Status.PENDING and status != Status.PENDING:
            waited = (now - comment.created).total_seconds()
            metrics.MODERATION_WAIT.labels(status).observe(max(0.0, waited))


class QueueCollector:
    """The moderation queue, read from the database at each scrape."""

    def collect(self):
        queue = Comment.objects.filter(status=Status.PENDING).aggregate(
            n=Count("pk"), oldest=Min("created")
        )
        oldest = queue["oldest"]
        age = (timezone.now() - oldest).total_seconds() if oldest else 0.0
        yield metrics.gauge(
            "newsroom_comments_pending", "Comments waiting for a moderator.", queue["n"]
        )
        yield metrics.gauge(
            "newsroom_comments_oldest_pending_age_seconds",
            "How long the oldest waiting comment has waited (0: none waits).",
            max(0.0, age),
        )
