"""Spam rules: links, disallowed words, honeypot and timing. Each verdict carries a reason.

Word rules understand Vietnamese. Text is NFC-normalized and split into whole words; a rule
matches a word typed exactly (any case), and also the same word typed with no diacritics at
all ("đần" catches "dan"), but never a different accented word ("đần" does not hit "dân", a
rule for "bi" does not hit "bí" or "bìa").
"""

import re
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.utils.translation import gettext as _

from articles.text import fold, strip_diacritics

WORD = re.compile(r"\w+")
LINK = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|net|org|vn|info|biz|io|xyz)\b", re.I)
TIMESTAMP_SALT = "comments.form-rendered"


@dataclass(frozen=True)
class Verdict:
    status: str  # a Comment.Status value
    reason: str


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


def sign_render_time(now: float) -> str:
    return signing.dumps(round(now, 3), salt=TIMESTAMP_SALT)


def seconds_since_render(token: str, now: float) -> float | None:
    """Seconds between rendering the form and posting it; None when the token is forged."""
    try:
        rendered = float(signing.loads(token, salt=TIMESTAMP_SALT))
    except (signing.BadSignature, TypeError, ValueError):
        return None
    return now - rendered


def bot_trap(honeypot: str, render_token: str, now: float) -> str | None:
    """Why the post looks automated (hidden field filled, posted too fast), or None."""
    if honeypot:
        return _("Trường ẩn (honeypot) đã bị điền")
    elapsed = seconds_since_render(render_token, now)
    if elapsed is None:
        return _("Thiếu hoặc sai dấu thời gian của biểu mẫu")
    if elapsed < settings.COMMENTS_MIN_SECONDS_TO_POST:
        return _("Gửi quá nhanh sau khi mở trang (%(s).1f giây)") % {"s": max(elapsed, 0)}
    return None
