"""Finding the videos in a WordPress post body, and taking their markup out of it.

WordPress keeps a video in a post in several ways, all found here in the order they appear:
`core/video` blocks (`<!-- wp:video {"id":5} -->` around `<figure class="wp-block-video">
<video src poster><track …></video><figcaption>`), YouTube `core/embed` blocks (and the older
`core-embed/youtube`), `[video mp4="…" poster="…"]` shortcodes, plain `<video>` tags (a `src`
or `<source>` children, in a `<figure>` or not), pasted YouTube `<iframe>`s, `[embed]` shortcodes
and YouTube addresses alone on their line (WordPress's auto-embed). The story page shows the
player itself, so the markup is removed from the body: the sanitizer would leave dead wrappers.
"""

import html
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import PurePosixPath

from articles.video import youtube

# WordPress escapes "--" inside a block's JSON, so the first "-->" ends the delimiter.
_ATTRS = r"(?:\s+(\{.*?\}))?\s+"
_VIDEO_BLOCK = re.compile(rf"<!--\s+wp:video{_ATTRS}-->(.*?)<!--\s+/wp:video\s+-->", re.S)
_EMBED_BLOCK = re.compile(
    rf"<!--\s+wp:(embed|core-embed/youtube){_ATTRS}-->(.*?)<!--\s+/wp:\1\s+-->", re.S
)
_FIGURE_VIDEO = re.compile(
    r"<figure\b[^>]*>\s*<video\b.*?</video>\s*(?:<figcaption\b[^>]*>.*?</figcaption>\s*)?"
    r"</figure>",
    re.S | re.I,
)
_VIDEO_TAG = re.compile(r"<video\b[^>]*?(?:/>|>.*?</video>)", re.S | re.I)
_IFRAME = re.compile(r"<iframe\b[^>]*>.*?</iframe>", re.S | re.I)
# [video …][/video] or [video …] alone; the content (caption <track>s) never holds another.
_VIDEO_SHORTCODE = re.compile(
    r"(?<!\[)\[video\b([^\]]*)\](?:((?:(?!\[/?video\b).)*?)\[/video\])?", re.S | re.I
)
_EMBED_SHORTCODE = re.compile(r"(?<!\[)\[embed\b[^\]]*\]\s*([^\s\[]+)\s*\[/embed\]", re.I)
# WordPress's auto-embed: an address alone on its line, or alone in a paragraph.
_BARE_URL = re.compile(r"^[ \t]*(https?://[^\s<>\"]+)[ \t]*$", re.M)
_URL_PARAGRAPH = re.compile(r"<p(?:\s[^>]*)?>\s*(https?://[^\s<>\"]+)\s*</p>", re.I)
_FIGCAPTION = re.compile(r"<figcaption\b[^>]*>(.*?)</figcaption>", re.S | re.I)
_SHORTCODE_ATTR = re.compile(r"([\w-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s'\"\]]+))")
# Where a video's markup was, and a wrapper left holding nothing else.
_GONE = "\x00"
_EMPTIED_WRAPPER = re.compile(
    rf"<(p|div|figure)\b[^>]*>(?:\s|&nbsp;|<br\s*/?>)*{_GONE}(?:\s|&nbsp;|<br\s*/?>|{_GONE})*</\1>",
    re.I,
)
_TAGS_AND_CODES = re.compile(r"<!--.*?-->|<[^>]*>|\[[^\]]*\]", re.S)
# The shortcode's sources, in the order WordPress's player prefers them.
SHORTCODE_SOURCES = ("src", "mp4", "m4v", "webm", "mov", "ogv", "flv", "wmv")
PLAYABLE = {".mp4", ".m4v", ".mov", ".webm", ".mkv"}
CAPTION_KINDS = {"", "subtitles", "captions"}


@dataclass
class Track:
    src: str
    srclang: str = ""
    label: str = ""
    kind: str = ""
    is_default: bool = False


@dataclass
class Found:
    """One video in a post: an address (`url`), or a YouTube id; where it stood (`is_lead`:
    before any of the post's text)."""

    url: str = ""
    youtube_id: str = ""
    attachment_id: int | None = None
    poster: str = ""
    tracks: list[Track] = field(default_factory=list)
    caption: str = ""
    is_lead: bool = False

    @property
    def address(self):
        """For the report."""
        if self.youtube_id:
            return f"https://www.youtube.com/watch?v={self.youtube_id}"
        return self.url or f"attachment {self.attachment_id}"


class _Tags(HTMLParser):
    """The start tags of a fragment with their attributes (a bare `default` is None)."""

    def __init__(self, fragment):
        super().__init__(convert_charrefs=True)
        self.tags = []
        self.feed(fragment)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag

    def all(self, name):
        return [attrs for tag, attrs in self.tags if tag == name]


def _text(fragment) -> str:
    return " ".join(html.unescape(_TAGS_AND_CODES.sub(" ", fragment)).split())


def _json(raw) -> dict:
    try:
        value = json.loads(raw) if raw else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _caption(fragment) -> str:
    match = _FIGCAPTION.search(fragment)
    return _text(match.group(1))[:300] if match else ""


def _playable_first(urls):
    """The first address the video check could take, else the first one."""
    urls = [u for u in urls if u]
    playable = [u for u in urls if PurePosixPath(u.split("?")[0]).suffix.lower() in PLAYABLE]
    return (playable or urls or [""])[0]


def _tracks(tags: _Tags):
    return [
        Track(
            src=(t.get("src") or "").strip(),
            srclang=t.get("srclang") or "",
            label=t.get("label") or "",
            kind=(t.get("kind") or "").lower(),
            is_default="default" in t,
        )
        for t in tags.all("track")
    ]


def _from_video_tag(fragment, fallback=None) -> Found:
    tags = _Tags(fragment)
    video = (tags.all("video") or [{}])[0]
    sources = [video.get("src") or ""] + [s.get("src") or "" for s in tags.all("source")]
    found = Found(url=_playable_first(s.strip() for s in sources))
    found.poster = (video.get("poster") or "").strip()
    found.tracks = _tracks(tags)
    found.caption = _caption(fragment)
    return found


def _video_block(match) -> Found:
    attrs = _json(match.group(1))
    found = _from_video_tag(match.group(2))
    found.attachment_id = attrs["id"] if isinstance(attrs.get("id"), int) else None
    found.poster = found.poster or str(attrs.get("poster") or "")
    if not found.tracks:  # the block's attributes hold them when the HTML lost them
        for track in attrs.get("tracks") or []:
            if isinstance(track, dict) and track.get("src"):
                found.tracks.append(
                    Track(
                        src=str(track["src"]),
                        srclang=str(track.get("srcLang") or ""),
                        label=str(track.get("label") or ""),
                        kind=str(track.get("kind") or "").lower(),
                        is_default=bool(track.get("default")),
                    )
                )
    return found


def _embed_block(match) -> Found | None:
    attrs, inner = _json(match.group(2)), match.group(3)
    is_youtube = (
        match.group(1) == "core-embed/youtube" or attrs.get("providerNameSlug") == "youtube"
    )
    url = str(attrs.get("url") or "") or next(iter(_BARE_URL.findall(_text_lines(inner))), "")
    video_id = youtube.video_id(url)
    if not video_id or not (is_youtube or attrs.get("providerNameSlug") in (None, "")):
        return None  # another provider (or a YouTube playlist): left as it is
    return Found(youtube_id=video_id, url=url, caption=_caption(inner))


def _text_lines(fragment):
    return "\n".join(_text(line) for line in fragment.splitlines())


def _shortcode(match) -> Found:
    attrs = {
        m.group(1).lower(): html.unescape(next(v for v in m.groups()[1:] if v is not None))
        for m in _SHORTCODE_ATTR.finditer(match.group(1))
    }
    found = Found(url=_playable_first(attrs.get(k, "").strip() for k in SHORTCODE_SOURCES))
    found.poster = attrs.get("poster", "").strip()
    found.tracks = _tracks(_Tags(match.group(2) or ""))
    return found


def _youtube_url(match) -> Found | None:
    video_id = youtube.video_id(html.unescape(match.group(1)))
    return Found(youtube_id=video_id, url=match.group(1)) if video_id else None


def _iframe(match) -> Found | None:
    src = (_Tags(match.group(0)).all("iframe") or [{}])[0].get("src") or ""
    video_id = youtube.video_id("https:" + src if src.startswith("//") else src)
    return Found(youtube_id=video_id, url=src) if video_id else None


# Outer forms first: a block's <video> and a figure's are not found again on their own.
_FORMS = [
    (_VIDEO_BLOCK, _video_block),
    (_EMBED_BLOCK, _embed_block),
    (_FIGURE_VIDEO, lambda m: _from_video_tag(m.group(0))),
    (_VIDEO_TAG, lambda m: _from_video_tag(m.group(0))),
    (_IFRAME, _iframe),
    (_VIDEO_SHORTCODE, _shortcode),
    (_EMBED_SHORTCODE, _youtube_url),
    (_URL_PARAGRAPH, _youtube_url),
    (_BARE_URL, _youtube_url),
]


@dataclass
class Taken:
    body: str  # the content without the videos' markup
    videos: list[Found]  # in order of appearance
    empty: int = 0  # <video> tags or [video] shortcodes with no address: removed, reported


def take(content: str) -> Taken:
    """Find the post's videos and take their markup out of its content."""
    spans = []  # (start, end, Found or None for markup with no address)
    for pattern, make in _FORMS:
        for match in pattern.finditer(content):
            start, end = match.span()
            if any(start < e and s < end for s, e, _found in spans):
                continue
            found = make(match)
            if found is not None:  # None: not a video (another provider's embed, a link)
                usable = found.url or found.youtube_id or found.attachment_id
                spans.append((start, end, found if usable else None))
    if not spans:
        return Taken(content, [])
    spans.sort(key=lambda span: span[0])
    pieces, taken, position = [], Taken("", []), 0
    for start, end, found in spans:
        pieces.append(content[position:start])
        if found is None:
            taken.empty += 1
        else:
            found.is_lead = not taken.videos and not _text("".join(pieces).replace(_GONE, ""))
            taken.videos.append(found)
        pieces.append(_GONE)
        position = end
    pieces.append(content[position:])
    body = "".join(pieces)
    while (emptied := _EMPTIED_WRAPPER.sub(_GONE, body)) != body:
        body = emptied  # a <p> or <figure> that held only the video goes too
    taken.body = body.replace(_GONE, "")
    return taken
