"""Taking a reader's comment: assess it, store it, remember it in that browser, tell moderators."""

import time
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from comments import moderation, notify, policy, ratelimit, spam
from comments.models import Comment

SESSION_KEY = "comments_own"


def submit(form, request) -> Comment:
    """Save a valid form's comment with the policy's verdict; bots are stored as spam."""
    comment = form.save(commit=False)
    comment.article = form.article
    comment.parent = form.cleaned_data.get("parent")
    comment.ip_address = ratelimit.client_ip(request)
    comment.user_agent = request.META.get("HTTP_USER_AGENT", "")[:300]
    bot_reason = spam.bot_trap(
        form.cleaned_data.get("website", ""), form.cleaned_data.get("rendered", ""), time.time()
    )
    verdict = policy.assess(comment, bot_reason)
    comment.status, comment.held_reason = verdict.status, verdict.reason
    with transaction.atomic():
        comment.save()
        if comment.status == Comment.Status.APPROVED:
            moderation.recount([comment.article_id])
    ratelimit.record(comment.ip_address)
    if bot_reason is None:
        remember_own(request, comment)
    if comment.status == Comment.Status.PENDING:
        transaction.on_commit(lambda: notify.comment_waiting(comment))
    return comment


def remember_own(request, comment) -> None:
    own = request.session.get(SESSION_KEY, {})
    own[str(comment.pk)] = comment.created.timestamp()
    cutoff = time.time() - 7 * 24 * 3600
    request.session[SESSION_KEY] = {k: v for k, v in own.items() if v > cutoff}


def own_ids(request) -> list[int]:
    """Comments this browser posted (its session), newest last."""
    if not hasattr(request, "session"):
        return []
    return [int(pk) for pk in request.session.get(SESSION_KEY, {})]


def editable(request, comment) -> bool:
    """Its author's browser may edit or withdraw a pending comment for a few minutes."""
    window = timedelta(minutes=settings.COMMENTS_EDIT_MINUTES)
    return (
        comment.pk in own_ids(request)
        and comment.status == Comment.Status.PENDING
        and timezone.now() - comment.created < window
    )


def forget_own(request, comment) -> None:
    own = request.session.get(SESSION_KEY, {})
    own.pop(str(comment.pk), None)
    request.session[SESSION_KEY] = own
