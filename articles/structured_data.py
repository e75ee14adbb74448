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
