"""Moderators' decisions: recorded (who, when, why), with the stories' counts kept in step."""

from django.db import transaction
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext

from articles import audit
from articles.models import Article, AuditEntry
from comments import metrics
from comments.models import Comment
from newsroom.infra.logconfig import event_on_commit

LOGGED_AS = {
    Comment.Status.APPROVED: AuditEntry.Action.COMMENT_APPROVED,
    Comment.Status.REJECTED: AuditEntry.Action.COMMENT_REJECTED,
    Comment.Status.SPAM: AuditEntry.Action.COMMENT_SPAM,
    Comment.Status.PENDING: AuditEntry.Action.COMMENT_PENDING,
}


@transaction.atomic
def moderate(comments, status, moderator, note="") -> int:
    """Set `status` on `comments` (a queryset or list), record the decision (on the comment and
    in the audit log), recount stories."""
    ids = [comment.pk for comment in comments]
    targets = Comment.objects.filter(pk__in=ids).exclude(status=status)
    decided = list(targets.select_related("article"))
    article_ids = {comment.article_id for comment in decided}
    # The comment by its number, never its author: the log is kept for good, and a commenter
    # may ask to be erased.
    audit.record_many(
        audit.entry(LOGGED_AS[status], moderator, summary=note, comment=c) for c in decided
    )
    if status != Comment.Status.APPROVED:  # only approved comments stay pinned
        unpinned = [c for c in decided if c.featured_at is not None]
        why = note or gettext("Bình luận không còn được duyệt")
        audit.record_many(
            audit.entry(AuditEntry.Action.COMMENT_UNFEATURED, moderator, summary=why, comment=c)
            for c in unpinned
        )
        targets.filter(pk__in=[c.pk for c in unpinned]).update(featured_at=None, featured_by=None)
    changed = targets.update(
        status=status,
        moderated_by=moderator,
        moderated_at=timezone.now(),
        moderation_note=note[:300],
    )
    recount(article_ids)
    metrics.decided(decided, status)
    for c in decided:  # in the log once committed: numbers only
        event_on_commit(
            f"comment.{status}",
            comment_id=c.pk,
            article_id=c.article_id,
            by=getattr(moderator, "pk", None),
        )  # not the note: moderators quote readers in it (the audit log keeps it)
    return changed


def approve(comments, moderator, note=""):
    return moderate(comments, Comment.Status.APPROVED, moderator, note)


def reject(comments, moderator, note=""):
    return moderate(comments, Comment.Status.REJECTED, moderator, note)


def mark_spam(comments, moderator, note=""):
    return moderate(comments, Comment.Status.SPAM, moderator, note)


def recount(article_ids) -> None:
    """Store each story's number of approved comments (lists show it without a join)."""
    if not article_ids:
        return
    approved = (
        Comment.objects.approved()
        .filter(article=OuterRef("pk"))
        .order_by()
        .values("article")
        .annotate(n=Count("pk"))
        .values("n")
    )
    # Past the retiring manager: the decision retires the stories' pages (their threads), and
    # lists show the counts at most COMMENT_COUNTS_FRESH_SECONDS old (`articles.page_keys`).
    Article._base_manager.filter(pk__in=article_ids).update(
        comment_count=Coalesce(Subquery(approved), 0)
    )
