"""schema.org NewsArticle data for a story page."""

from django.conf import settings


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


def video_object(request, article) -> dict | None:
    """schema.org VideoObject for a story's uploaded video, or None unless every field search
    engines need is known (a YouTube embed has no duration or file of ours: none)."""
    video = getattr(article, "playable_video", None)
    if video is None or video.is_youtube or not video.sources:
        return None
    absolute = request.build_absolute_uri
    fields = {
        "name": article.title,
        "description": article.standfirst or video.caption,
        "thumbnailUrl": absolute(video.poster_src) if video.poster_src else "",
        "uploadDate": (article.publish_at or video.created).isoformat(),
        "duration": iso_duration(video.duration) if video.duration else "",
        "contentUrl": absolute(video.sources[0]["url"]),
        "embedUrl": absolute(video.get_absolute_url()),
    }
    if not all(fields.values()):
        return None
    return {"@context": "https://schema.org", "@type": "VideoObject", **fields}


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
