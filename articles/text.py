"""Vietnamese-aware text folding: the one place that knows how to drop diacritics.

Slugs and accent-insensitive search both build on `fold`, so "Đảng bộ",
"dang bo" and "DANG BO" all meet at "dang bo".
"""

import functools
import html
import re
import unicodedata

from django.utils.html import strip_tags
from django.utils.text import slugify

# Letters that Unicode decomposition does not reduce to ASCII.
_EXTRA = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ł": "l", "Ł": "L", "ø": "o"})
_SPACES = re.compile(r"\s+")
_WORDS = re.compile(r"\w+")


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
    """What a reader reads in an HTML fragment: tags dropped, entities decoded."""
    return html.unescape(strip_tags(markup.replace("<", " <")))


def index_text(title: str, standfirst: str, body: str) -> str:
    """A story as search indexes it: title, standfirst and body (plain text) as folded words,
    one part a line: ('Đảng bộ', 'Sapo', 'Nội dung') -> 'dang bo\\nsapo\\nnoi dung'."""
    return "\n".join(" ".join(search_words(part)) for part in (title, standfirst, body))


@functools.cache
def _spellings() -> dict[str, str]:
    """Each folded letter and the Latin characters that fold to it: 'd' -> 'DdĐđ…'."""
    found = {}
    for start, end in ((0x20, 0x250), (0x1E00, 0x1F00)):
        for ch in map(chr, range(start, end)):
            folded = fold(ch)
            if len(folded) == 1 and folded.isalnum():
                found.setdefault(folded, {folded}).add(ch)
    return {letter: "".join(sorted(chars)) for letter, chars in found.items()}


def word_pattern(words) -> re.Pattern:
    """Finds `words` (folded, as `search_words` gives them) whole in the text readers see,
    whatever its accents and case: ['dang'] finds 'Đảng', 'đang' and 'DANG', as whole words.
    Run it on NFC text (`unicodedata.normalize`): a letter and its marks are one character."""
    spellings = _spellings()

    def spelled(word):
        return "".join(
            f"[{re.escape(spellings[ch])}]" if ch in spellings else re.escape(ch) for ch in word
        )

    alternatives = "|".join(spelled(w) for w in sorted(set(words), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
