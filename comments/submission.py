"""Taking a reader's comment: assess it, store it, remember it in that browser, tell moderators."""

import time
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.db import IntegrityError, connection, transaction
from django.shortcuts import get_object_or_404
from django.utils import timezone

from articles.models import Article
from comments import duplicates, moderation, notify, own, policy, ratelimit, spam
from comments.models import Comment
from newsroom import pagecache, sqlite


def story_for(slug) -> Article:
    """The published story a comment is sent to, or Http404.

    A burst of comments on a breaking story costs no query for the story: its few fields are
    kept in the default cache under the site's content version, which every save or deletion
    of a story changes. A story unpublished, closed or deleted stops taking comments at once
    in this process and within pagecache.VERSION_MEMO_SECONDS in the others.
    """
    cache = caches["default"]
    key = f"comment-story:{pagecache.content_version()}:{slug}"
    if stored := cache.get(key):
        return Article.from_db("default", *stored)
    article = get_object_or_404(Article.objects.published().for_comment_post(), slug=slug)
    names = [f.attname for f in Article._meta.concrete_fields if f.attname in article.__dict__]
    values = [article.__dict__[name] for name in names]  # plain values: safe across deploys
    cache.set(key, (names, values), timeout=settings.PAGE_CACHE_SECONDS)
    return article


class Duplicate(Exception):
    """This address sent this text to this story before (see comments.duplicates)."""


def submit(form, request) -> Comment:
    """Save a valid form's comment with the policy's verdict; bots are stored as spam.

    Raises Duplicate, with nothing stored, when the comment was already sent.
    """
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
    try:
        _refuse_if_sent_before(comment)
        with _refusing_duplicates(), sqlite.serialized_writes(), transaction.atomic():
            comment.save()
            if comment.status == Comment.Status.APPROVED:
                moderation.recount([comment.article_id])
    finally:  # a refused copy counts against the sender's rate limit too
        ratelimit.record(comment.ip_address)
    if comment.status == Comment.Status.PENDING:
        transaction.on_commit(lambda: notify.comment_waiting(comment))
    return comment


def save_edit(form) -> Comment:
    """Store its author's changes; the text is assessed again and waits for a moderator.

    Raises Duplicate, with nothing changed, when the new text repeats another of their comments.
    """
    comment = form.save(commit=False)
    verdict = policy.assess(comment)
    spam_found = verdict.status == Comment.Status.SPAM
    comment.status = Comment.Status.SPAM if spam_found else Comment.Status.PENDING
    comment.held_reason = verdict.reason
    comment.edited = timezone.now()
    _refuse_if_sent_before(comment)
    with _refusing_duplicates(), sqlite.serialized_writes(), transaction.atomic():
        comment.save()
    return comment


def _refuse_if_sent_before(comment):
    """Most copies (a resend, a replay) are found by the index before queueing to write; the
    unique index itself catches two sent at the same moment (_refusing_duplicates).

    Every post runs this lookup, so it is written out: the ORM took several times longer to
    build the query than the database took to answer it (`make bench`, comment posting).
    """
    quote = connection.ops.quote_name
    meta = Comment._meta
    sql = (
        f"SELECT 1 FROM {quote(meta.db_table)} WHERE {quote(meta.get_field('article').column)}"
        f" = %s AND {quote(meta.get_field('fingerprint').column)} = %s"
        f" AND {quote(meta.pk.column)} <> %s LIMIT 1"
    )
    params = [comment.article_id, duplicates.fingerprint(comment.email, comment.body)]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, comment.pk or 0])
        if cursor.fetchone():
            raise Duplicate


@contextmanager
def _refusing_duplicates():
    try:
        yield
    except IntegrityError as error:
        if duplicates.is_duplicate(error):
            raise Duplicate from error
        raise


def editable(request, comment) -> bool:
    """Its author's browser may edit or withdraw a pending comment for a few minutes."""
    window = timedelta(minutes=settings.COMMENTS_EDIT_MINUTES)
    return (
        comment.pk in own.ids(request)
        and comment.status == Comment.Status.PENDING
        and timezone.now() - comment.created < window
    )
