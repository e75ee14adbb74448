"""Taking a reader's comment: check the sender's rate, assess the comment, store it once,
and tell the moderators that comments wait (at once, then at most once per interval)."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404
from django.utils import timezone

from articles.models import Article
from comments import cookies, decisions, metrics, policy, tasks
from comments.models import Comment
from newsroom.infra import retire, sqlite, throttle

MODERATORS_GROUP = "Moderators"
NOTIFIED_KEY = "comments:moderators-notified"


def story_for(slug) -> Article:
    """The published story a comment is sent to, or Http404.

    A burst of comments on a breaking story costs no query for the story: its few fields are
    kept in the default cache under the site's content version, which every save or deletion
    of a story changes. A story unpublished, closed or deleted stops taking comments at once
    in this process and within retire.MEMO_SECONDS in the others.
    """
    cache = caches["default"]
    key = f"comment-story:{retire.content_version()}:{slug}"
    if stored := cache.get(key):
        return Article.from_db("default", *stored)
    article = get_object_or_404(Article.objects.published().for_comment_post(), slug=slug)
    names = [f.attname for f in Article._meta.concrete_fields if f.attname in article.__dict__]
    values = [article.__dict__[name] for name in names]  # plain values: safe across deploys
    cache.set(key, (names, values), timeout=settings.PAGE_CACHE_SECONDS)
    return article


def submit(form, request) -> Comment:
    """Save a valid form's comment with the policy's verdict; bots are stored as spam.

    Raises Duplicate, with nothing stored, when the comment was already sent.
    """
    comment = form.save(commit=False)
    comment.article = form.article
    comment.parent = form.cleaned_data.get("parent")
    comment.ip_address = throttle.client_ip(request)
    user_agent = request.META.get("HTTP_USER_AGENT", "")
    comment.user_agent = "".join(c for c in user_agent if c.isprintable())[:300]  # no NUL
    verdict = policy.assess(
        comment,
        honeypot=form.cleaned_data.get("website", ""),
        render_token=form.cleaned_data.get("rendered", ""),
    )
    comment.status, comment.held_reason = verdict.status, verdict.reason
    try:
        _save_once(comment)
    finally:  # a refused copy counts against the sender's rate limit too
        record_post(comment.ip_address)
    metrics.posted(comment, verdict.kind)
    if comment.is_pending:
        transaction.on_commit(lambda: tell_moderators(comment))
    return comment


def save_edit(form) -> Comment:
    """Store its author's changes; the text is assessed again and waits for a moderator.

    Raises Duplicate, with nothing changed, when the new text repeats another of their comments.
    """
    comment = form.save(commit=False)
    verdict = policy.assess(comment, editing=True)
    comment.status, comment.held_reason = verdict.status, verdict.reason
    comment.edited = timezone.now()
    _save_once(comment)
    return comment


def _save_once(comment):
    """Save `comment` unless it repeats another (policy.refuse_repeat). Most copies (a resend, a
    replay) are found before queueing to write; the unique index refuses two sent at once."""
    policy.refuse_repeat(comment)
    try:
        with sqlite.serialized_writes(), transaction.atomic():
            comment.save()
            if comment.is_approved:
                decisions.recount([comment.article_id])
    except IntegrityError:
        policy.refuse_repeat(comment)  # the twin arrived meanwhile: say so
        raise


def editable(request, comment) -> bool:
    """Its author's browser may edit or withdraw a pending comment for a few minutes."""
    window = timedelta(minutes=settings.COMMENTS_EDIT_MINUTES)
    return (
        comment.pk in cookies.own_ids(request)
        and comment.is_pending
        and timezone.now() - comment.created < window
    )


def rate_exceeded(ip):
    """The (limit, window in seconds) this address has used up posting comments, or None."""
    if not settings.COMMENTS_RATE_LIMIT_ENABLED:
        return None
    for limit, window in settings.COMMENTS_RATE_LIMITS:
        if throttle.hits(_rate_key(ip, window)) >= limit:
            return limit, window
    return None


def record_post(ip) -> None:
    if settings.COMMENTS_RATE_LIMIT_ENABLED:
        for _limit, window in settings.COMMENTS_RATE_LIMITS:
            throttle.hit(_rate_key(ip, window), window)


def _rate_key(ip, window):
    return throttle.counter_key(f"comments:rate:{window}", ip)


def moderator_emails():
    users = get_user_model().objects.filter(is_active=True, groups__name=MODERATORS_GROUP)
    return sorted({email for email in users.values_list("email", flat=True) if email})


def tell_moderators(comment) -> bool:
    """Queue an email to the moderators about `comment`, unless they were told within the
    interval (the task worker sends it: the reader never waits for a mail server)."""
    shared = caches["shared"]
    told_recently = shared.get(NOTIFIED_KEY) is not None  # the common case: a plain read
    if told_recently or not shared.add(NOTIFIED_KEY, 1, timeout=settings.COMMENTS_NOTIFY_INTERVAL):
        return False
    recipients = moderator_emails()
    if not recipients:
        return False
    tasks.alert_moderators.enqueue(comment.pk, recipients)
    return True
