"""A story's drawn comment thread, kept until its comments change.

Drawing 200 comments costs about 100 ms of CPU, and a shared story page (no reader's own
comments, no form sent back, no `?reply_to=`) draws the same bytes for every reader. So
`drawn()` keeps them for every worker (`newsroom.infra.tiered`), one entry per story, order,
open or closed, and language. An entry is used only while the versions of the keys that retire
a story's comments (`thread-`, `story-`, `section-` and `all`: approvals, rejections, edits,
reports, badges, featuring, rules; `newsroom.infra.retire`) are those it was drawn under, for
at most COMMENTS_LIKES_FRESH_SECONDS (likes retire nothing) and never past the story's next
rule change (`comments.rules.seconds_until_change`, given as `seconds`).

When a thread is drawn again (a comment approved, a reply, a badge), `subtrees_drawn()` draws
only the top-level comments whose own thread changed: each one's HTML, with its replies, is kept
per story beside a fingerprint of everything it shows, so approving one reply under a story
with 200 comments draws that one thread, not all of them.

`form_drawn()` keeps a reader's empty form the same way (crispy draws it in about 2.5 ms),
while the story and its rule are unchanged; `comments.threads` writes each page's own render
time into it.
"""

import hashlib
from dataclasses import asdict, dataclass

from django.conf import settings
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from articles import page_keys
from newsroom.infra import retire, tiered


@dataclass(frozen=True)
class Drawn:
    """A thread drawn: `head` (the featured comments and the sort links) and `comments` (the
    thread's <li>s) as HTML, how many top-level threads, and when its like counts were read."""

    head: SafeString
    comments: SafeString
    threads: int
    has_comments: bool  # approved comments, shown or hidden for review
    at: float

    def fresh_for(self, now=None) -> float:
        """Seconds its like counts may still be shown."""
        return self.at + settings.COMMENTS_LIKES_FRESH_SECONDS - (now or clock())


def clock() -> float:
    """Now, as the epoch time of the site's clock (`timezone.now()`, which tests move on)."""
    return timezone.now().timestamp()


def keys(article) -> list[str]:
    """What retires a story's drawn thread."""
    return [page_keys.thread(article.pk), *_story_keys(article)]


def _story_keys(article) -> list[str]:
    """What retires a story's own fields and its comment rule."""
    return [page_keys.story(article.pk), page_keys.section(article.section_id), retire.EVERYTHING]


def drawn(article, order, is_open, draw, seconds=None) -> Drawn:
    """The story's thread in `order` as `draw()` returns it, from the cache while nothing it
    shows changed; `seconds`: until the story's rule changes by itself (None: never)."""
    key = f"thread:{article.pk}:{order}:{int(is_open)}:{translation.get_language()}"
    lifetime = min(settings.COMMENTS_LIKES_FRESH_SECONDS, _or_never(seconds))
    entry = _kept(key, keys(article), lambda: _to_entry(draw()), lifetime)
    return _from_entry(entry)


def form_drawn(article, draw, seconds=None) -> str:
    """A reader's empty comment form on the story as `draw()` returns it (HTML), from the cache
    while the story and its rule are unchanged; `seconds` as for `drawn()`."""
    key = f"comment-form:{article.pk}:{translation.get_language()}"
    lifetime = min(settings.PAGE_CACHE_SECONDS, _or_never(seconds))
    return _kept(key, _story_keys(article), lambda: {"html": str(draw())}, lifetime)["html"]


def _or_never(seconds):
    return 1e9 if seconds is None else seconds


def _kept(key, retired_by, draw, lifetime) -> dict:
    """`draw()`'s entry (a dict of plain values) under `key`, drawn again once a key of
    `retired_by` is retired or `lifetime` seconds have passed."""
    versions = retire.versions(retired_by)  # before drawing: a write meanwhile retires it
    now = clock()
    entry = tiered.find(key, lambda kept: kept["versions"] == versions and kept["expires"] > now)
    if entry is not None:
        return entry
    entry = draw()
    if lifetime >= 1:
        tiered.keep(key, {**entry, "versions": versions, "expires": now + lifetime}, lifetime)
    return entry


def _to_entry(thread) -> dict:
    return {**asdict(thread), "head": str(thread.head), "comments": str(thread.comments)}


def _from_entry(entry) -> Drawn:
    return Drawn(
        head=mark_safe(entry["head"]),
        comments=mark_safe(entry["comments"]),
        threads=entry["threads"],
        has_comments=entry["has_comments"],
        at=entry["at"],
    )


# What a comment's drawing shows (comments/comment.html and its parts), besides its node's place.
SHOWN_FIELDS = (
    "pk",
    "status",
    "name",
    "body",
    "created",
    "badge",
    "by_story_author",
    "featured_at",
    "report_state",
    "like_count",
)


def subtrees_drawn(article, roots, shape, draw, private=None) -> str:
    """The HTML of `roots` (`comments.threads.Node`s, each with its replies) in order, each drawn
    by `draw(node)` unless the story's kept drawing of it shows the same (`SHOWN_FIELDS` of
    every comment in it, and their places) and is at most PAGE_CACHE_SECONDS old. One entry per
    story, language, `shape` (what else a drawing depends on: the order's reply links, open or
    closed) and versions of the story's own keys (a story, section or the site retired).
    A root for which `private(node)` holds (a reader's own comments in it) is drawn for this
    page alone: neither taken from the kept drawings nor kept."""
    versions = sorted(retire.versions(_story_keys(article)).items())
    variant = hashlib.blake2b(repr((shape, versions)).encode(), digest_size=12).hexdigest()
    key = f"subtrees:{article.pk}:{translation.get_language()}:{variant}"
    kept = tiered.find(key) or {}
    now = clock()
    drawn, parts = {}, []
    for node in roots:
        if private is not None and private(node):
            parts.append(str(draw(node)))
            if node.comment.pk in kept:
                drawn[node.comment.pk] = kept[node.comment.pk]
            continue
        fingerprint = _fingerprint(node)
        found = kept.get(node.comment.pk)
        if found is None or found[0] != fingerprint or now - found[2] > settings.PAGE_CACHE_SECONDS:
            found = (fingerprint, str(draw(node)), now)
        drawn[node.comment.pk] = found
        parts.append(found[1])
    if drawn != kept:
        tiered.keep(key, drawn, settings.PAGE_CACHE_SECONDS)
    return mark_safe("".join(parts))


def _fingerprint(node) -> str:
    shown = []
    stack = [node]
    while stack:
        current = stack.pop()
        comment = current.comment
        shown.append(
            (
                tuple(getattr(comment, name) for name in SHOWN_FIELDS),
                current.depth,
                current.replying_to,
                current.own,
                current.editable,
                tuple(child.comment.pk for child in current.children),
            )
        )
        stack.extend(current.children)
    digest = hashlib.blake2b(repr(shown).encode(), digest_size=16)
    return digest.hexdigest()
