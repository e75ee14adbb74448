"""Vietnamese-aware text folding: the one place that knows how to drop diacritics.

Slugs and accent-insensitive search both build on `fold`, so "Đảng bộ",
"dang bo" and "DANG BO" all meet at "dang bo".
"""

import functools
import heapq
import html
import operator
import re
import unicodedata

from django.utils.text import slugify

# Letters that Unicode decomposition does not reduce to ASCII.
_EXTRA = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ł": "l", "Ł": "L", "ø": "o"})
_SPACES = re.compile(r"\s+")
_WORDS = re.compile(r"\w+")
_TAG = re.compile(r"""<(?:[^>"']|"[^"]*"|'[^']*')*>""")


def strip_diacritics(text: str) -> str:
    """Return `text` with Vietnamese (and other Latin) diacritics removed, case kept."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_EXTRA))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """Lower-case, diacritic-free, single-spaced form of `text` for matching."""
    return _SPACES.sub(" ", strip_diacritics(text).casefold()).strip()


def vietnamese_slugify(text: str) -> str:
    """'Đảng bộ tỉnh Kon Tum' -> 'dang-bo-tinh-kon-tum' (Django's slugify loses the đ)."""
    return slugify(strip_diacritics(text))


def search_words(text: str) -> list[str]:
    """The folded words of `text`: 'Đảng bộ, tỉnh!' -> ['dang', 'bo', 'tinh']."""
    return _WORDS.findall(fold(text))


def search_document(*parts: str) -> str:
    """' w1 w2 … ': folded words between spaces, so a word is found whole with ' w '."""
    return " " + " ".join(word for part in parts for word in search_words(part)) + " "


def plain_text(markup: str) -> str:
    """What a reader reads in a story's HTML (sanitised: `articles.sanitize`): tags dropped,
    each for a space, entities decoded. A pattern, not a parser (Django's `strip_tags`, ten
    times slower): sanitised HTML has no stray `<`, and attribute values are quoted."""
    return html.unescape(_TAG.sub(" ", markup))


def index_text(title: str, standfirst: str, body: str) -> str:
    """A story as search indexes it: title, standfirst and body (plain text) as folded words,
    one part a line: ('Đảng bộ', 'Sapo', 'Nội dung') -> 'dang bo\\nsapo\\nnoi dung'."""
    return "\n".join(" ".join(search_words(part)) for part in (title, standfirst, body))


@functools.cache
def _folding_table() -> dict[int, str]:
    """Each Latin character that folds (`fold`) to one letter or digit, mapped to it."""
    table = {}
    for start, end in ((0x20, 0x250), (0x1E00, 0x1F00)):
        for ch in map(chr, range(start, end)):
            folded = fold(ch)
            if len(folded) == 1 and folded.isalnum():
                table[ord(ch)] = folded
    return table


@functools.cache
def _spellings(folded: str) -> str:
    """A pattern for every character that folds to `folded` (one character) on its own: the
    table's, else lowered: 'd' -> '[DdĎďĐđ…]'."""
    table = _folding_table()
    same = {folded} | {chr(k) for k, v in table.items() if v == folded}
    upper = folded.upper()  # outside the table, a character is only lowered
    if len(upper) == 1 and ord(upper) not in table and upper.lower() == folded:
        same.add(upper)
    if len(same) == 1:
        return re.escape(folded)
    return "[" + "".join(map(re.escape, sorted(same))) + "]"


_start = operator.methodcaller("start")


@functools.lru_cache(maxsize=1024)  # the words people look for repeat: compiling costs
def _word_pattern(word: str) -> re.Pattern:
    return re.compile(rf"(?<!\w){''.join(map(_spellings, word))}(?!\w)")


class WordFinder:
    """Finds `words` (folded, as `search_words` gives them) whole in the text readers see,
    whatever its accents and case: ['dang'] finds 'Đảng', 'đang' and 'DANG', as whole words.
    `finditer(text)` (NFC text: a letter and its marks are one character) reads `text` as it
    is, each letter of a word matched by its spellings (`_spellings`; nothing folded: that
    costs ten times more), in the order they come; `word(match)` is the word a match found."""

    def __init__(self, words):
        self.words = {_word_pattern(word): word for word in sorted(set(words))}

    def finditer(self, text):
        if len(self.words) == 1:
            return next(iter(self.words)).finditer(text)
        # A span folds to one word only, and every match is a whole word: none overlap. Merged
        # as they come, so that a reader stopping early reads no further into `text`.
        return heapq.merge(*(p.finditer(text) for p in self.words), key=_start)

    def word(self, match) -> str:
        return self.words[match.re]
