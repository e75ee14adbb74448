"""Commenters' personal data: export it, erase it, and let old IP addresses go.

A commenter is known only by the email they typed, so comments are matched by email,
case-insensitively. The management commands `export_comments`, `erase_comments` and
`anonymize_comments` are thin wrappers around these functions.

Erasing with `delete_text` deletes the comments themselves. Replies by other readers survive:
each one moves up to its nearest ancestor that is not being deleted (a top-level comment when
there is none), so a conversation keeps its place in the thread.
"""

import secrets
from datetime import timedelta

from django.db import models, transaction
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.translation import gettext

from comments.decisions import recount
from comments.models import Comment


def comments_of(email):
    """Every comment sent with this email address, whatever its status."""
    return Comment.objects.filter(email__iexact=email.strip())


def export(email) -> list[dict]:
    """A commenter's comments, oldest first, as JSON-ready dicts (one query)."""
    comments = comments_of(email).select_related("article").order_by("created", "pk")
    return [_as_dict(comment) for comment in comments]


def _as_dict(comment) -> dict:
    return {
        "id": comment.pk,
        "story_title": comment.article.title,
        "story_url": comment.article.get_absolute_url(),
        "parent_id": comment.parent_id,
        "name": comment.name,
        "email": comment.email,
        "text": comment.body,
        "status": comment.status,
        "created": _iso(comment.created),
        "edited": _iso(comment.edited),
        "moderated_at": _iso(comment.moderated_at),
        "ip_address": comment.ip_address,
        "user_agent": comment.user_agent,
        "held_reason": comment.held_reason,
    }


def _iso(moment):
    return timezone.localtime(moment).isoformat() if moment else None


@transaction.atomic
def erase(email, *, delete_text=False) -> int:
    """Remove a commenter's personal data; return how many comments were touched.

    Without `delete_text` the comments stay, signed "Ẩn danh" (Anonymous), with a placeholder
    email and no IP address or browser. With it, the comments are deleted and replies to them
    move up the thread. Stories' comment counts are recounted either way.
    """
    doomed = {
        pk: (parent_id, article_id)
        for pk, parent_id, article_id in comments_of(email)
        .select_for_update()
        .values_list("pk", "parent_id", "article_id")
    }
    if not doomed:
        return 0
    targets = Comment.objects.filter(pk__in=doomed)
    if delete_text:
        _move_replies_up({pk: parent_id for pk, (parent_id, _) in doomed.items()})
        targets.delete()
    else:
        targets.update(
            name=gettext("Ẩn danh"),
            email=_placeholder_email(),
            fingerprint=None,  # derived from the address
            ip_address=None,
            user_agent="",
        )
    recount({article_id for _, article_id in doomed.values()})
    return len(doomed)


def _placeholder_email():
    """`erased-<id>-<random>@erased.invalid`: valid for an EmailField, never a real address.

    `.invalid` is reserved (RFC 2606); the random part keeps anyone from typing the address
    and inheriting the erased comments' history (e.g. as a "known commenter").
    """
    suffix = f"-{secrets.token_hex(4)}@erased.invalid"
    return Concat(
        models.Value("erased-"),
        Cast("pk", models.CharField()),
        models.Value(suffix),
        output_field=models.CharField(),
    )


def _move_replies_up(doomed_parents):
    """Re-parent surviving replies of doomed comments to their nearest surviving ancestor."""
    replies = (
        Comment.objects.filter(parent_id__in=doomed_parents)
        .exclude(pk__in=doomed_parents)
        .values_list("pk", "parent_id")
    )
    new_parents = {}
    for pk, parent_id in replies:
        while parent_id in doomed_parents:
            parent_id = doomed_parents[parent_id]
        new_parents.setdefault(parent_id, []).append(pk)
    for parent_id, pks in new_parents.items():
        Comment.objects.filter(pk__in=pks).update(parent_id=parent_id)


def anonymize_older_than(days) -> int:
    """Clear the IP address and browser of comments sent more than `days` days ago."""
    cutoff = timezone.now() - timedelta(days=days)
    return (
        Comment.objects.filter(created__lt=cutoff)
        .exclude(ip_address__isnull=True, user_agent="")
        .update(ip_address=None, user_agent="")
    )
