"""What search engines and social networks are told about a story and its video.

`news_article` and `video_object` are the schema.org JSON-LD of the story and watch pages;
`video_facts` is what the video sitemap says about a story's video, and `open_graph_video`
the Open Graph tags of a page that plays it (templates/articles/video_meta.html).

Media URLs come from the storage: a path under a local MEDIA_URL ("/media/…"), or a full URL
on S3 or its custom domain. Every URL given out here is absolute: a path is joined to the
site's address, a full URL is kept as it is.
"""

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urljoin

from django.conf import settings

# Google's video sitemap: "a description of at most 2048 characters", "a duration of 1 to
# 28800 seconds" (longer clips go without one).
DESCRIPTION_MAX = 2048
DURATION_MAX = 8 * 60 * 60
YOUTUBE_EMBED = "https://www.youtube-nocookie.com/embed/{id}"
YOUTUBE_SIZE = (1280, 720)


def news_article(request, article) -> dict:
    absolute = request.build_absolute_uri
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title[:110],
        "description": article.standfirst,
        "mainEntityOfPage": absolute(article.get_absolute_url()),
        "datePublished": article.publish_at.isoformat(),
        "dateModified": article.updated.isoformat(),
        "articleSection": article.section.name,
        "inLanguage": "vi",
        "author": [
            {"@type": "Person", "name": b.author.name, "url": absolute(b.author.get_absolute_url())}
            for b in article.bylines.all()
        ],
        "publisher": {"@type": "Organization", "name": settings.SITE_NAME},
    }
    if article.image:
        data["image"] = [absolute(article.image_src)]
    video = video_object(request, article)
    if video is not None:
        del video["@context"]
        data["video"] = video
    notes = article.corrections.all()
    if notes:
        data["correction"] = [
            {
                "@type": "CorrectionComment",
                "text": f"{note.get_kind_display()}: {note.text}",
                "datePublished": note.published.isoformat(),
            }
            for note in notes
        ]
    return data


def hosted_video(article):
    """The story's processed upload (MP4 renditions we serve), or None: nothing yet, still
    queued or processing, failed, or a YouTube embed (YouTube hosts that file, not us)."""
    video = getattr(article, "playable_video", None)
    if video is None or video.is_youtube or not video.renditions:
        return None
    return video


@dataclass(frozen=True)
class VideoFacts:
    """A hosted video as search engines are told about it, every URL absolute."""

    title: str
    description: str
    thumbnail: str
    published: datetime
    seconds: int
    content: str  # the largest MP4
    page: str  # the watch page
    width: int
    height: int
    bytes: int

    @property
    def iso_duration(self) -> str:
        return iso_duration(self.seconds)

    @property
    def sitemap_seconds(self) -> int | None:
        """The duration a video sitemap may give: none past Google's eight hours."""
        return self.seconds if self.seconds <= DURATION_MAX else None

    @property
    def upload_date(self) -> str:
        """W3C/ISO 8601 to the second, with its offset: 2026-12-04T22:40:24+00:00."""
        return self.published.replace(microsecond=0).isoformat()


def video_facts(article, absolute) -> VideoFacts | None:
    """What search engines need about `article`'s hosted video, or None unless every fact is
    known: a description (the standfirst, else the video's caption), a poster, a duration.
    `absolute` turns a path or URL into an absolute URL (`request.build_absolute_uri`)."""
    video = hosted_video(article)
    if video is None:
        return None
    description = (article.standfirst or video.caption).strip()
    if not (article.title and description and video.poster_src and video.duration):
        return None
    largest = video.sources[0]
    return VideoFacts(
        title=article.title,
        description=description[:DESCRIPTION_MAX],
        thumbnail=absolute(video.poster_src),
        published=article.publish_at,
        seconds=max(1, round(video.duration)),
        content=absolute(largest["url"]),
        page=absolute(video.get_absolute_url()),
        width=largest["width"],
        height=largest["height"],
        bytes=largest["bytes"],
    )


def video_object(request, article) -> dict | None:
    """schema.org VideoObject for a story's uploaded video, or None unless every field search
    engines need is known (a YouTube embed has no duration or file of ours: none)."""
    facts = video_facts(article, request.build_absolute_uri)
    if facts is None:
        return None
    return {
        "@context": "https://schema.org",
        "@type": "VideoObject",
        "name": facts.title,
        "description": facts.description,
        "thumbnailUrl": facts.thumbnail,
        "uploadDate": facts.upload_date,
        "duration": facts.iso_duration,
        "contentUrl": facts.content,
        "embedUrl": facts.page,
    }


def open_graph_video(request, article) -> dict | None:
    """The og:video tags' values for a page playing `article`'s video, or None.

    An upload: its largest MP4 (type video/mp4, with its size). A YouTube embed: the
    youtube-nocookie.com player (type text/html, 1280×720, as YouTube itself says), which is
    what Facebook and others play inline. `image` is the poster, absolute, or ''.
    """
    video = getattr(article, "playable_video", None)
    if video is None:
        return None
    absolute = request.build_absolute_uri
    if video.is_youtube:
        if not video.youtube_id:
            return None
        url, mime = YOUTUBE_EMBED.format(id=video.youtube_id), "text/html"
        width, height = YOUTUBE_SIZE
    elif video.renditions:
        largest = video.sources[0]
        url, mime = absolute(largest["url"]), "video/mp4"
        width, height = largest["width"], largest["height"]
    else:
        return None
    return {
        "url": url,
        "secure_url": url if url.startswith("https://") else "",
        "type": mime,
        "width": width,
        "height": height,
        "image": absolute(video.poster_src) if video.poster_src else "",
    }


def absolute_url(base: str, url: str) -> str:
    """`url` (a path, or a full URL on another host) made absolute against `base`
    ("https://example.com")."""
    return urljoin(base.rstrip("/") + "/", url)


def iso_duration(seconds: float) -> str:
    """ISO 8601: 75.4 -> 'PT1M15S', 3725 -> 'PT1H2M5S'."""
    total = max(1, round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return (
        "PT"
        + (f"{hours}H" if hours else "")
        + (f"{minutes}M" if minutes else "")
        + (f"{secs}S" if secs else "")
    )
