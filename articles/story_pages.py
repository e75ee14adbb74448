"""A story page drawn once and kept, apart from its comment section.

Around its comments, a story page (the head and its structured data, the header, body,
corrections, bylines, tags, related cards and the menu) changes only when the story, its
section, tags or authors, the menu or its comment count change. For a shared request (no
session, no pending messages: `newsroom.infra.pagecache.is_personal`), `kept()` keeps that
page for every worker (`newsroom.infra.tiered`) with a slot where the comment section goes,
one entry per story, address and language, used only while:

- the versions of the page's keys, but `thread-` (`articles.page_keys.story_page` and the
  related cards'), are those it was drawn under (`newsroom.infra.retire`);
- the story's `updated` time and comment count are those it was drawn with;
- PAGE_CACHE_SECONDS have not passed (the related cards' comment counts are at most that old,
  as on a page the cache keeps) and the next scheduled story has not gone live (the related
  list may gain it).

The comment section, which changes with each decision, is drawn for every request (from the
kept thread, `comments.thread_cache`) and set in the slot: `assemble()`.
"""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from articles import page_keys
from newsroom.infra import pagecache, retire, tiered

# Where the comment section goes: no story body can hold it (sanitised HTML keeps no comment).
SLOT = mark_safe("<!--newsroom:comment-section-->")
# What the page's light lookup loads: the kept page's checks and the comment section's needs.
ROW_FIELDS = (
    "pk",
    "slug",
    "title",
    "status",
    "publish_at",
    "allow_comments",
    "section",
    "comment_count",
    "updated",
)


@dataclass(frozen=True)
class Kept:
    """A story page drawn around its comment section: the HTML `before` and `after` the
    slot, the page's keys (with the thread's) and when the page must be drawn again."""

    before: str
    after: str
    keys: tuple
    expires: float


def kept(request, row, draw) -> Kept:
    """The page of the story `row` (loaded with ROW_FIELDS) for `request`, from the cache
    while nothing it shows changed; `draw()` renders it with SLOT in place of the comment
    section and tags `request` with its keys (`articles.views.render_article`)."""
    key = _cache_key(request, row)
    now = timezone.now().timestamp()  # the site's clock, which tests move on

    def usable(entry):
        return (
            entry["drawn_with"] == (row.updated, row.comment_count)
            and entry["expires"] > now
            and retire.versions(entry["versions"]) == entry["versions"]
        )

    entry = tiered.find(key, usable)
    if entry is not None:
        return _from_entry(entry)
    with retire.drawing() as began:  # the versions of when it began, as for the page cache
        html = draw()
        drawn_keys = getattr(request, "_page_keys", set()) | {retire.EVERYTHING}  # the menu
        versions = retire.versions_for_keeping(drawn_keys - {page_keys.thread(row.pk)}, began)
    before, found, after = html.partition(SLOT)
    lifetime = settings.PAGE_CACHE_SECONDS
    entry = {
        "before": before,
        "after": after,
        "keys": tuple(sorted(drawn_keys)),
        "versions": versions,
        "drawn_with": (row.updated, row.comment_count),
        "expires": min(now + lifetime, pagecache.pages_change_at()),
    }
    if found and lifetime >= 1 and versions is not None:
        tiered.keep(key, entry, lifetime)
    return _from_entry(entry)


def assemble(request, page: Kept, comment_section: str) -> str:
    """The whole page: the kept HTML with `comment_section` in its slot; `request` is tagged
    with the page's keys and lives no longer than the kept page."""
    pagecache.tag(request, *page.keys)
    pagecache.expire_within(request, page.expires - timezone.now().timestamp())
    return f"{page.before}{comment_section}{page.after}"


def _cache_key(request, row) -> str:
    """One entry per story, address (scheme, host, path and query: the canonical link and the
    language form's `next` show them) and language."""
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.blake2b(address.encode(), digest_size=12).hexdigest()
    return f"story-page:{row.pk}:{translation.get_language()}:{digest}"


def _from_entry(entry) -> Kept:
    return Kept(entry["before"], entry["after"], entry["keys"], entry["expires"])
