"""The comment pipeline's metrics (counted in `newsroom.infra.metrics`): what posting made of a
comment and why it waits, the moderators' decisions and how long comments waited for them,
and the queue as the database has it when scraped."""

from django.db.models import Count, Min
from django.utils import timezone

from comments import policy, rules
from comments.models import Comment, DisallowedWord
from newsroom.infra import metrics

Status = Comment.Status


def posted(comment) -> None:
    """Count a reader's comment just stored, with the reason it waits (if it does)."""
    metrics.COMMENTS_POSTED.labels(comment.status).inc()
    if comment.status != Status.APPROVED:
        metrics.COMMENTS_HELD.labels(held_reason(comment)).inc()


def held_reason(comment) -> str:
    """`policy.assess()`'s reason as a fixed word (its text is for people, in their language):
    the same checks again, from the shared cache and the story's remembered rule."""
    if comment.status == Status.SPAM:
        text = f"{comment.name}\n{comment.body}"
        return "word" if policy.find_disallowed(text, DisallowedWord.objects.words()) else "bot"
    if policy.count_links(comment.body) > rules.in_force(comment.article).max_links:
        return "links"
    return "moderation"


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
