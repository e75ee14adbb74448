"""Readers' likes ("Thích") on approved comments: one per browser, a second click takes it back.

A browser is `newsroom.infra.readers.browser_key`. The like row and the comment's `like_count`
change together in one transaction, queued behind the other SQLite writers, so the count always
equals the rows. The count is written through `Comment._base_manager`: a like retires no cached
page (pages show counts at most COMMENTS_LIKES_FRESH_SECONDS old, `comments.threads`).

Each client address may toggle COMMENTS_LIKE_RATE_LIMITS times per window (off, like comment
posts' limits, when COMMENTS_RATE_LIMIT_ENABLED is off).
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.db import IntegrityError, connection, transaction
from django.db.models import Exists, F, OuterRef
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from articles.models import Article
from comments import rules
from comments.models import Comment, CommentLike
from newsroom.infra import retire, sqlite, throttle

ARTICLE_FIELDS = ("article__slug", "article__section_id")


@dataclass(frozen=True)
class Outcome:
    liked: bool
    count: int


@dataclass(frozen=True)
class Target:
    """A comment readers can see, as a like needs it."""

    pk: int
    story_url: str
    hidden: bool  # hidden for review: shown as a placeholder, not likeable


class Refused(Exception):
    """The like was not taken; `message` tells the reader why, `status` is the HTTP answer."""

    def __init__(self, message, status):
        super().__init__(message)
        self.message, self.status = message, status


def target(pk) -> Target:
    """The approved comment `pk` on a published story that shows its thread; Http404 for
    anything readers cannot see.

    A burst of likes costs no query for this: what was found is kept in the default cache
    under the site's content version, which every change readers could see (a comment
    approved, rejected or hidden, a story unpublished, a rule) moves on, as
    `submission.story_for` does for stories.
    """
    key = f"comments:like-target:{retire.content_version()}:{pk}"
    cache = caches["default"]
    if (found := cache.get(key)) is not None:
        return Target(*found)
    comment = (
        Comment.objects.approved()
        .filter(pk=pk)
        .filter(Exists(Article.objects.published().filter(pk=OuterRef("article_id"))))
        .select_related("article")
        .only("pk", "report_state", "article_id", *ARTICLE_FIELDS)
        .first()
    )
    if comment is None or not rules.for_post(comment.article).shows_thread:
        raise Http404
    found = (comment.pk, comment.article.get_absolute_url(), comment.is_hidden_for_review)
    cache.set(key, found, timeout=settings.PAGE_CACHE_SECONDS)
    return Target(*found)


def like(pk, browser, ip) -> tuple[Target, Outcome]:
    """Toggle this browser's like on comment `pk`: the rule, from the rate limit to the count.

    Raises Refused (too many from this address, or a comment hidden for review) or Http404."""
    if limit := rate_exceeded(ip):
        raise Refused(rate_limit_message(*limit), status=429)
    shown = target(pk)
    if shown.hidden:
        raise Refused(_("Bình luận này đang được xem xét lại nên chưa thể thích."), status=403)
    return shown, toggle(shown.pk, browser)


def toggle(comment_id, browser) -> Outcome:
    """Like, or take the like back; the row and the count in one transaction."""
    try:
        return _toggle(comment_id, browser)
    except IntegrityError:  # the same browser's other click won (PostgreSQL): toggle again
        return _toggle(comment_id, browser)


def _toggle(comment_id, browser):
    delete, insert, count = _statements()
    created = connection.ops.adapt_datetimefield_value(timezone.now())
    with sqlite.serialized_writes(), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(delete, [comment_id, browser])
        removed = cursor.rowcount > 0
        if not removed:
            cursor.execute(insert, [comment_id, browser, created])
        Comment._base_manager.filter(pk=comment_id).update(  # retires no cached page
            like_count=F("like_count") + (-1 if removed else 1)
        )
    with connection.cursor() as cursor:  # once the writers' queue is free: the count now
        cursor.execute(count, [comment_id])
        return Outcome(liked=not removed, count=cursor.fetchone()[0])


def _statements():
    """This browser's like row taken away and put in, and the comment's count read. Written
    out, as `policy.refuse_repeat` is: likes come in bursts, the first two run while every
    other writer waits, and the ORM took longer to build them than the database to run them."""
    quote = connection.ops.quote_name
    like, comment = CommentLike._meta, Comment._meta

    def column(meta, name):
        return quote(meta.get_field(name).column)

    table = quote(like.db_table)
    on, by, at = (column(like, name) for name in ("comment", "browser", "created"))
    return (
        f"DELETE FROM {table} WHERE {on} = %s AND {by} = %s",
        f"INSERT INTO {table} ({on}, {by}, {at}) VALUES (%s, %s, %s)",
        f"SELECT {column(comment, 'like_count')} FROM {quote(comment.db_table)}"
        f" WHERE {quote(comment.pk.column)} = %s",
    )


def counts(article) -> dict[str, int]:
    """{comment id: likes} of the story's likeable comments (none when its thread is off)."""
    if not rules.for_post(article).shows_thread:
        return {}
    rows = (
        Comment.objects.approved()
        .filter(article=article)
        .exclude(report_state=Comment.ReportState.HIDDEN)
        .values_list("pk", "like_count")
    )
    return {str(pk): likes for pk, likes in rows}


def rate_exceeded(ip):
    """Count this toggle against `ip`; the (limit, window in seconds) it went over, or None."""
    if not settings.COMMENTS_RATE_LIMIT_ENABLED:
        return None
    over = None
    for limit, window in settings.COMMENTS_LIKE_RATE_LIMITS:
        key = throttle.counter_key(f"comments:likes:{window}", ip)
        if throttle.hit(key, window) > limit and over is None:
            over = (limit, window)
    return over


def rate_limit_message(limit, window):
    if window <= 60:
        return ngettext(
            "Bạn bấm thích nhanh quá: tối đa %(n)d lượt mỗi %(s)d giây. Hãy đợi một chút rồi "
            "thử lại.",
            "Bạn bấm thích nhanh quá: tối đa %(n)d lượt mỗi %(s)d giây. Hãy đợi một chút rồi "
            "thử lại.",
            limit,
        ) % {"n": limit, "s": window}
    return ngettext(
        "Bạn đã bấm thích quá nhiều: tối đa %(n)d lượt mỗi %(m)d phút. Hãy thử lại sau.",
        "Bạn đã bấm thích quá nhiều: tối đa %(n)d lượt mỗi %(m)d phút. Hãy thử lại sau.",
        limit,
    ) % {"n": limit, "m": window // 60}
