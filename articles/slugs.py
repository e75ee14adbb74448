"""Slug rules for stories, sections, authors and tags."""

from collections.abc import Callable

from articles.text import vietnamese_slugify

MAX_SLUG_LENGTH = 200


def unique_slug(source: str, is_taken: Callable[[str], bool], max_length=MAX_SLUG_LENGTH) -> str:
    """A slug for `source` that `is_taken` accepts: 'slug', then 'slug-2', 'slug-3'…"""
    base = vietnamese_slugify(source)[:max_length].strip("-") or "bai-viet"
    candidate, n = base, 1
    while is_taken(candidate):
        n += 1
        suffix = f"-{n}"
        candidate = base[: max_length - len(suffix)].rstrip("-") + suffix
    return candidate
