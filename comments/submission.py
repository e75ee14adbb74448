"""Taking a reader's comment: assess it, store it, remember it in that browser, tell moderators."""

import time
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from comments import moderation, notify, own, policy, ratelimit, spam
from comments.models import Comment
from newsroom import sqlite


def submit(form, request) -> Comment:
    """Save a valid form's comment with the policy's verdict; bots are stored as spam."""
    comment = form.save(commit=False)
    comment.article = form.article
    comment.parent = form.cleaned_data.get("parent")
    comment.ip_address = ratelimit.client_ip(request)
    user_agent = request.META.get("HTTP_USER_AGENT", "")
    comment.user_agent = "".join(c for c in user_agent if c.isprintable())[:300]  # no NUL
    bot_reason = spam.bot_trap(
        form.cleaned_data.get("website", ""), form.cleaned_data.get("rendered", ""), time.time()
    )
    verdict = policy.assess(comment, bot_reason)
    comment.status, comment.held_reason = verdict.status, verdict.reason
    with sqlite.serialized_writes(), transaction.atomic():
        comment.save()
        if comment.status == Comment.Status.APPROVED:
            moderation.recount([comment.article_id])
    ratelimit.record(comment.ip_address)
    if comment.status == Comment.Status.PENDING:
        transaction.on_commit(lambda: notify.comment_waiting(comment))
    return comment


def editable(request, comment) -> bool:
    """Its author's browser may edit or withdraw a pending comment for a few minutes."""
    window = timedelta(minutes=settings.COMMENTS_EDIT_MINUTES)
    return (
        comment.pk in own.ids(request)
        and comment.status == Comment.Status.PENDING
        and timezone.now() - comment.created < window
    )
