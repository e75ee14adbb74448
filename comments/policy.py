"""The moderation policy: when a story takes comments, and what becomes of each comment.

`refusal()` says why a post is not taken now, by the rule in force (`comments.rules`): the
mode (off, read-only), closing (by hand or by age) and quiet hours. Staff speak for the
newsroom: they may post in read-only mode and during quiet hours (their comments need no
moderator), never when comments are off or the story is closed.

`assess()` is the one entry point that decides a new or edited comment's status and the
reason a moderator sees: a bot (the hidden field filled, or sent too fast after the page was
drawn) and disallowed words make it spam, too many links hold it with that reason, a known
commenter may be approved at once (in the mode "known commenters published at once"),
everything else waits for a moderator. The link limit and the mode come from the story's rule.

`refuse_repeat()` is the rule against the same comment twice: one address's identical text is
stored once per story. Each comment carries a fingerprint of its address (any case) and its
text (any line endings); the reader's form, the edit page and the admin all ask this function,
and a unique index on (story, fingerprint) refuses the copy when two arrive at the same moment.
Comments bulk-imported from another site, erased ones and copies stored before the rule carry no
fingerprint.

Word rules understand Vietnamese. Text is NFC-normalized and split into whole words; a rule
matches a word typed exactly (any case), and also the same word typed with no diacritics at
all ("đần" catches "dan"), but never a different accented word ("đần" does not hit "dân", a
rule for "bi" does not hit "bí" or "bìa").
"""

import hashlib
import re
import time
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.text import fold, strip_diacritics
from comments import rules
from comments.models import Comment, DisallowedWord

Status = Comment.Status
WORD = re.compile(r"\w+")
LINK = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|net|org|vn|info|biz|io|xyz)\b", re.I)
TIMESTAMP_SALT = "comments.form-rendered"


@dataclass(frozen=True)
class Verdict:
    status: str  # a Comment.Status value
    reason: str  # for people, in their language
    kind: str  # the same as a fixed word, for the metrics: bot, word, links, known, moderation


class Duplicate(Exception):
    """This address sent this text to this story before."""


def comments_open(article, now=None) -> bool:
    """Whether a reader may post on `article` now, by the rule in force (`comments.rules`)."""
    return rules.accepts_comments(article, rules.in_force(article), now)


def may_comment_as_staff(user) -> bool:
    """Logged-in staff post as themselves (`comments.staff`), published at once."""
    return user.is_authenticated and user.is_active and user.is_staff


def may_post(user, article, now=None) -> bool:
    """Whether `user` (a reader, or staff commenting as themselves) may post on `article` now."""
    return refusal(article, now, as_staff=may_comment_as_staff(user)) is None


def refusal(article, now=None, *, as_staff=False) -> str | None:
    """Why a post on `article` is not taken now, or None when it is (see the module's doc)."""
    in_force = rules.in_force(article)
    if not in_force.shows_thread:
        return _("Bài viết này không nhận bình luận.")
    if not article.is_published:  # staff previewing a draft: nothing to answer yet
        return _("Bài viết chưa được đăng nên chưa nhận bình luận.")
    if rules.is_closed(article, in_force, now):
        return _("Bình luận đã đóng. Bài viết này không nhận thêm bình luận.")
    if as_staff:
        return None
    if not in_force.takes_comments:
        return _("Bình luận ở bài viết này chỉ để đọc: không nhận thêm bình luận mới.")
    if (when := rules.reopens_at(in_force, now)) is not None:
        return quiet_message(when)
    return None


def quiet_message(when) -> str:
    """'Bình luận sẽ mở lại lúc 06:00.' (`when` in local time)."""
    return _("Bình luận sẽ mở lại lúc %(time)s.") % {"time": f"{timezone.localtime(when):%H:%M}"}


def assess(comment: Comment, *, honeypot="", render_token=None, editing=False) -> Verdict:
    """Spam, held with a reason, or (a known commenter's new comment, in that mode) approved.

    A new comment also answers for the form it came in: `honeypot` is the hidden field's
    value, `render_token` the signed time the form was drawn. An edit is never approved at
    once: it waits for a moderator again, unless it is spam.
    """
    if not editing and (reason := _bot_trap(honeypot, render_token, time.time())):
        return Verdict(Status.SPAM, reason, "bot")
    if hit := find_disallowed(f"{comment.name}\n{comment.body}", DisallowedWord.objects.words()):
        return Verdict(Status.SPAM, _("Chứa từ bị cấm: “%(word)s”") % {"word": hit}, "word")
    in_force = rules.in_force(comment.article)
    links = count_links(comment.body)
    if links > in_force.max_links:
        reason = _("Có %(n)d liên kết (tối đa %(max)d)") % {"n": links, "max": in_force.max_links}
        return Verdict(Status.PENDING, reason, "links")
    if in_force.publishes_known_commenters and _is_known_commenter(comment.email):
        status = Status.PENDING if editing else Status.APPROVED
        return Verdict(status, _("Người bình luận đã có bình luận được duyệt"), "known")
    return Verdict(Status.PENDING, _("Bình luận mới chờ kiểm duyệt"), "moderation")


def _is_known_commenter(email):
    return Comment.objects.approved().filter(email__iexact=email).exists()


def _bot_trap(honeypot: str, render_token, now: float) -> str | None:
    """Why the post looks automated (hidden field filled, posted too fast), or None."""
    if honeypot:
        return _("Trường ẩn (honeypot) đã bị điền")
    elapsed = seconds_since_render(render_token, now)
    if elapsed is None:
        return _("Thiếu hoặc sai dấu thời gian của biểu mẫu")
    if elapsed < settings.COMMENTS_MIN_SECONDS_TO_POST:
        return _("Gửi quá nhanh sau khi mở trang (%(s).1f giây)") % {"s": max(elapsed, 0)}
    return None


def sign_render_time(now: float) -> str:
    """The comment form's hidden timestamp: when it was drawn, signed."""
    return signing.dumps(round(now, 3), salt=TIMESTAMP_SALT)


def seconds_since_render(token, now: float) -> float | None:
    """Seconds between rendering the form and posting it; None when the token is forged."""
    try:
        rendered = float(signing.loads(token, salt=TIMESTAMP_SALT))
    except (signing.BadSignature, TypeError, ValueError):
        return None
    return now - rendered


def words(text: str) -> list[str]:
    return WORD.findall(unicodedata.normalize("NFC", text).casefold())


def _word_matches(rule_word: str, word: str) -> bool:
    if word == rule_word:
        return True
    has_no_diacritics = strip_diacritics(word) == word
    return has_no_diacritics and fold(word) == fold(rule_word)


def find_disallowed(text: str, rules) -> str | None:
    """The first rule (a word or phrase) that `text` contains, or None."""
    tokens = words(text)
    for rule in rules:
        rule_tokens = words(rule)
        n = len(rule_tokens)
        if not n:
            continue
        for start in range(len(tokens) - n + 1):
            window = tokens[start : start + n]
            if all(_word_matches(r, t) for r, t in zip(rule_tokens, window, strict=True)):
                return rule
    return None


def count_links(text: str) -> int:
    return len(LINK.findall(text))


def fingerprint(email: str, body: str) -> str:
    body = body.replace("\r\n", "\n").strip()
    text = f"{email.strip().lower()}\n{body}"
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def refuse_repeat(comment: Comment) -> None:
    """Give `comment` the fingerprint of its address and text; raise Duplicate when another
    comment on the same story already has it.

    Every post runs this lookup, so it is written out: the ORM's `.exists()` took longer to
    build the query than the database took to answer it (README, "Speed and scale").
    """
    comment.fingerprint = fingerprint(comment.email, comment.body)
    quote = connection.ops.quote_name
    meta = Comment._meta
    sql = (
        f"SELECT 1 FROM {quote(meta.db_table)} WHERE {quote(meta.get_field('article').column)}"
        f" = %s AND {quote(meta.get_field('fingerprint').column)} = %s"
        f" AND {quote(meta.pk.column)} <> %s LIMIT 1"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [comment.article_id, comment.fingerprint, comment.pk or 0])
        if cursor.fetchone():
            raise Duplicate
