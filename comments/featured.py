"""Featured comments ("Ý kiến nổi bật"): moderators pin at most MAX_FEATURED per story.

Only an approved comment that is not hidden for review may be pinned. A pin counts, and is
shown, only while its comment is approved: a pinned comment later rejected or marked spam
leaves the thread and the featured block with it, frees its place at once, and loses its pin
for good the next time a comment of that story is pinned. A pinned comment hidden for review
after readers' reports keeps its pin and its place, but is not shown until a moderator keeps
it. Who pinned and when is kept on the comment (`featured_by`, `featured_at`) and in the
audit log. Writes go through `Comment.objects`, so cached story pages show the change.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles import audit
from articles.models import Article, AuditEntry
from comments.models import Comment
from newsroom.infra import sqlite

MAX_FEATURED = 3


class Refused(Exception):
    """A pin that may not be made; `str()` is the Vietnamese reason, naming the story."""


def pinned(article):
    """The story's pins that count (approved comments), first pinned first."""
    return (
        Comment.objects.approved()
        .filter(article=article, featured_at__isnull=False)
        .order_by("featured_at", "pk")
    )


def refusal(comment) -> str:
    """Why `comment` may not be pinned now ("" when it may)."""
    if not comment.is_approved:
        return _("Bình luận của %(name)s chưa được duyệt: chỉ ghim được bình luận đã duyệt.") % {
            "name": comment.name
        }
    if comment.is_hidden_for_review:
        return _(
            "Bình luận của %(name)s đang bị ẩn để xem xét lại sau báo cáo: chưa ghim được."
        ) % {"name": comment.name}
    return ""


def pin(comment, user) -> bool:
    """Pin `comment` on its story; False when it was pinned already. Raises Refused."""
    with sqlite.serialized_writes(), transaction.atomic():
        # One pinning at a time per story (a row lock; SQLite has one writer anyway).
        article = (
            Article.objects.select_for_update()
            .only("pk", "title", "section_id")
            .get(pk=comment.article_id)
        )
        current = Comment.objects.filter(pk=comment.pk).first()
        if current is None:
            raise Refused(_("Bình luận này không còn nữa (có thể đã bị xóa)."))
        if reason := refusal(current):
            raise Refused(reason)
        if current.is_featured:
            return False
        _drop_stale_pins(article, user)
        if pinned(article).count() >= MAX_FEATURED:
            raise Refused(
                _(
                    "Bài “%(story)s” đã có %(max)d ý kiến nổi bật. Hãy bỏ ghim một ý kiến "
                    "trước khi ghim thêm."
                )
                % {"story": article.title, "max": MAX_FEATURED}
            )
        now = timezone.now()
        Comment.objects.filter(pk=current.pk).update(featured_at=now, featured_by=user)
        current.article = article
        audit.record(AuditEntry.Action.COMMENT_FEATURED, user, comment=current)
    comment.featured_at, comment.featured_by = now, user
    return True


def unpin(comment, user, why="") -> bool:
    """Take `comment` out of its story's featured comments; False when it was not pinned."""
    with sqlite.serialized_writes(), transaction.atomic():
        changed = Comment.objects.filter(pk=comment.pk, featured_at__isnull=False).update(
            featured_at=None, featured_by=None
        )
        if changed:
            current = (
                Comment.objects.select_related("article")
                .defer("article__body", "article__search_text")
                .get(pk=comment.pk)
            )
            audit.record(AuditEntry.Action.COMMENT_UNFEATURED, user, summary=why, comment=current)
    comment.featured_at, comment.featured_by = None, None
    return bool(changed)


def pin_all(comments, user) -> tuple[int, list[str]]:
    """Pin each of `comments` in turn: how many were pinned, and why the others were not."""
    done, refusals = 0, []
    for comment in comments:
        try:
            done += pin(comment, user)
        except Refused as refused:
            refusals.append(str(refused))
    return done, refusals


def unpin_all(comments, user) -> int:
    return sum(unpin(comment, user) for comment in comments)


def _drop_stale_pins(article, user):
    """Pins left on the story's comments that are no longer approved end here, recorded."""
    stale = list(
        Comment.objects.filter(article=article, featured_at__isnull=False).exclude(
            status=Comment.Status.APPROVED
        )
    )
    if not stale:
        return
    why = _("Bình luận không còn được duyệt")
    for comment in stale:
        comment.article = article
    audit.record_many(
        audit.entry(AuditEntry.Action.COMMENT_UNFEATURED, user, summary=why, comment=comment)
        for comment in stale
    )
    Comment.objects.filter(pk__in=[c.pk for c in stale]).update(featured_at=None, featured_by=None)
