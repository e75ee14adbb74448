"""Vietnamese-aware text folding: the one place that knows how to drop diacritics.

Slugs and accent-insensitive search both build on `fold`, so "Đảng bộ",
"dang bo" and "DANG BO" all meet at "dang bo".
"""

import re
import unicodedata

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
