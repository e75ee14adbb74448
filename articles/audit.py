"""The newsroom's audit log: one entry per action, written in the action's transaction."""

from articles.models import AuditEntry


def record(action, user, article=None, summary="", *, comment=None) -> AuditEntry:
    """Append who did `action` to which story (or comment), now, with a short summary.

    Call it inside the action's `transaction.atomic()`: a failed action leaves no entry.
    """
    return AuditEntry.objects.create(**entry(action, user, article, summary, comment=comment))


def record_many(entries) -> None:
    """Append several entries (built with `entry`) in one query."""
    AuditEntry.objects.bulk_create(AuditEntry(**fields) for fields in entries)


def entry(action, user, article=None, summary="", *, comment=None) -> dict:
    article = article if article is not None else getattr(comment, "article", None)
    return {
        "action": action,
        "actor": user if user is not None and user.is_authenticated else None,
        "article_id": article.pk if article is not None else None,
        "section_id": article.section_id if article is not None else None,
        "comment_id": comment.pk if comment is not None else None,
        "subject": (str(article) if article is not None else "")[:250],
        "summary": summary[:500],
    }
