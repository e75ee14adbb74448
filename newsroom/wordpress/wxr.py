"""Reading a WordPress export (WXR 1.x, RSS 2.0 with wp:, content:, excerpt:, dc: namespaces).

The file is streamed with `iterparse`: each top-level element of the channel (an author, a
category, a tag, an item) is turned into a small dataclass and then dropped from the tree, so
memory stays flat however large the export is.
"""

import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from urllib.parse import unquote
from zoneinfo import ZoneInfo

from django.utils.html import strip_tags

from articles.text import vietnamese_slugify

# The site's own clock, used when WordPress left the UTC date empty (drafts).
WORDPRESS_TIME_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
_ASCII_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
_POSITION = re.compile(r":\s*line \d+, column \d+$")
# The namespaces besides WordPress's own ("http://wordpress.org/export/1.x/" and "…/excerpt/").
NAMESPACES = {
    "http://purl.org/rss/1.0/modules/content/": "content:",
    "http://purl.org/dc/elements/1.1/": "dc:",
}


class ExportError(Exception):
    """The file cannot be imported (not XML, truncated, not a WordPress export)."""


@dataclass
class WpAuthor:
    login: str
    name: str


@dataclass
class WpTerm:
    kind: str  # "category" or "tag"
    slug: str
    name: str
    description: str = ""


@dataclass
class WpComment:
    wp_id: int
    parent_id: int
    name: str
    email: str
    ip: str
    date: datetime | None
    body: str
    approved: str  # "1", "0", "spam", "trash", "post-trashed"
    type: str  # "comment" (or "" before WordPress 5.5), "pingback", "trackback"…


@dataclass
class WpPost:
    wp_id: int
    post_type: str
    title: str = ""
    slug: str = ""
    status: str = ""
    date: datetime | None = None
    content: str = ""
    excerpt: str = ""
    creator: str = ""
    comment_status: str = "open"
    password: str = ""
    categories: list[tuple[str, str]] = field(default_factory=list)  # (slug, name)
    tags: list[tuple[str, str]] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    comments: list[WpComment] = field(default_factory=list)


@dataclass
class Attachment:
    """What a featured image needs from an attachment item."""

    file: str
    alt: str
    caption: str


@dataclass
class Scan:
    posts: int
    attachments: dict[int, Attachment]


@dataclass
class WxrVersion:
    version: str


@cache
def _name(tag: str) -> str:
    """'{http://wordpress.org/export/1.2/}post_id' -> 'wp:post_id' (any WXR version)."""
    uri, _, local = tag[1:].rpartition("}") if tag.startswith("{") else ("", "", tag)
    if uri.startswith("http://wordpress.org/export/"):
        return ("excerpt:" if uri.endswith("/excerpt/") else "wp:") + local
    return NAMESPACES.get(uri, "") + local


def _fields(elem) -> dict[str, str]:
    """An element's simple children by name: {'wp:comment_id': '13', …} (one pass)."""
    return {_name(child.tag): (child.text or "").strip() for child in elem}


def _int(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        return 0


def parse_date(gmt: str, local: str) -> datetime | None:
    """WordPress's UTC date if set, else its site-time date in Asia/Ho_Chi_Minh, else None."""
    for value, zone in ((gmt, UTC), (local, WORDPRESS_TIME_ZONE)):
        try:
            return datetime.fromisoformat(value).replace(tzinfo=zone)
        except ValueError:
            continue  # empty, or WordPress's "0000-00-00 00:00:00"
    return None


def plain(text: str) -> str:
    """WordPress text that may hold tags and entities, as plain text."""
    if "<" in text:
        text = strip_tags(text)
    return html.unescape(text).strip() if "&" in text else text.strip()


def clean_slug(value: str) -> str:
    """A WordPress slug made usable here: percent-decoded; folded to ASCII only if it must be.

    'ha-noi' stays 'ha-noi'; 'h%c3%a0-n%e1%bb%99i' -> 'hà-nội' -> 'ha-noi' (URLs here are
    ASCII slugs). Used by the import and by the old-link redirects alike.
    """
    decoded = unquote(value.strip()).strip("/")
    if not decoded or _ASCII_SLUG.fullmatch(decoded):
        return decoded.lower()
    return vietnamese_slugify(decoded)


def _comment(elem) -> WpComment:
    f = _fields(elem)
    return WpComment(
        wp_id=_int(f.get("wp:comment_id", "")),
        parent_id=_int(f.get("wp:comment_parent", "")),
        name=f.get("wp:comment_author", ""),
        email=f.get("wp:comment_author_email", ""),
        ip=f.get("wp:comment_author_IP", ""),
        date=parse_date(f.get("wp:comment_date_gmt", ""), f.get("wp:comment_date", "")),
        body=f.get("wp:comment_content", ""),
        approved=f.get("wp:comment_approved", ""),
        type=f.get("wp:comment_type") or "comment",
    )


def _post(item, comments=True) -> WpPost:
    post, values = WpPost(wp_id=0, post_type=""), {}
    for child in item:
        name = _name(child.tag)
        if name == "category":
            kind = {"category": "categories", "post_tag": "tags"}.get(child.get("domain"))
            if kind:
                getattr(post, kind).append((child.get("nicename", ""), (child.text or "").strip()))
        elif name == "wp:postmeta":
            meta = _fields(child)
            post.meta[meta.get("wp:meta_key", "")] = meta.get("wp:meta_value", "")
        elif name == "wp:comment":
            if comments:
                post.comments.append(_comment(child))
        else:
            values[name] = (child.text or "").strip()
    post.wp_id, post.post_type = _int(values.get("wp:post_id", "")), values.get("wp:post_type", "")
    post.title = values.get("title", "")
    post.slug = values.get("wp:post_name", "")
    post.status = values.get("wp:status", "")
    post.date = parse_date(values.get("wp:post_date_gmt", ""), values.get("wp:post_date", ""))
    post.content = values.get("content:encoded", "")
    post.excerpt = values.get("excerpt:encoded", "")
    post.creator = values.get("dc:creator", "")
    post.comment_status = values.get("wp:comment_status", "open")
    post.password = values.get("wp:post_password", "")
    return post


def _parse(elem, comments=True) -> WpAuthor | WpTerm | WpPost | WxrVersion | None:
    name = _name(elem.tag)
    if name == "item":
        return _post(elem, comments)
    if name == "wp:wxr_version":
        return WxrVersion((elem.text or "").strip())
    if name not in {"wp:author", "wp:category", "wp:tag"}:
        return None  # wp:term (repeats categories and tags), channel title, generator…
    f = _fields(elem)
    if name == "wp:author":
        login = f.get("wp:author_login", "")
        return WpAuthor(login, f.get("wp:author_display_name") or login)
    if name == "wp:category":
        slug, label = f.get("wp:category_nicename", ""), f.get("wp:cat_name", "")
        return WpTerm("category", slug, label, f.get("wp:category_description", ""))
    return WpTerm("tag", f.get("wp:tag_slug", ""), f.get("wp:tag_name", ""))


def read(path, comments=True) -> Iterator[WpAuthor | WpTerm | WpPost | WxrVersion]:
    """Yield the export's authors, categories, tags and items (with their comments unless
    `comments` is false), in file order.

    Raises ExportError with the line and the reason when the XML is malformed or truncated.
    """
    depth, channel = 0, None
    try:
        for event, elem in ET.iterparse(path, events=("start", "end")):
            if event == "start":
                depth += 1
                if depth == 2:
                    channel = elem
                continue
            depth -= 1
            if depth == 2 and channel is not None:  # a direct child of <channel> is complete
                parsed = _parse(elem, comments)
                elem.clear()
                channel.remove(elem)
                if parsed is not None:
                    yield parsed
    except ET.ParseError as error:
        line, column = error.position
        reason = _POSITION.sub("", str(error))
        raise ExportError(
            f"{path}: not a complete, well-formed XML file: line {line}, column {column}: "
            f"{reason}. Nothing was imported."
        ) from None


def scan(path) -> Scan:
    """A first, read-only pass: checks the whole file and collects the attachments.

    Featured images point at attachment items that usually come after their posts, so
    they are gathered first; the pass also counts posts for the progress bar.
    """
    posts, attachments, is_wxr = 0, {}, False
    for entry in read(path, comments=False):
        if isinstance(entry, WxrVersion):
            is_wxr = True
        elif isinstance(entry, WpPost) and entry.post_type == "post":
            posts += 1
        elif isinstance(entry, WpPost) and entry.post_type == "attachment":
            attachments[entry.wp_id] = Attachment(
                file=entry.meta.get("_wp_attached_file", ""),
                alt=entry.meta.get("_wp_attachment_image_alt", ""),
                caption=entry.excerpt,
            )
    if not is_wxr:
        raise ExportError(
            f"{path}: not a WordPress export (no <wp:wxr_version>). Nothing was imported."
        )
    return Scan(posts=posts, attachments=attachments)
