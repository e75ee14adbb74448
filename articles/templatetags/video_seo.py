"""Open Graph video tags for the pages that play a story's video (articles/video_meta.html)."""

from django import template

from articles import structured_data

register = template.Library()

# Pages whose own <head> never writes og:image: the video's poster is their image.
PAGES_WITHOUT_OG_IMAGE = {"articles:watch"}


@register.simple_tag(takes_context=True)
def open_graph_video(context, article):
    """The og:video values (see `structured_data.open_graph_video`); `image` is left empty
    where the page already wrote an og:image (the story page does for a story with a photo)."""
    request = context["request"]
    og = structured_data.open_graph_video(request, article)
    if og is None:
        return None
    match = request.resolver_match
    page_writes_image = bool(article.image) and (
        match is None or match.view_name not in PAGES_WITHOUT_OG_IMAGE
    )
    return {**og, "image": "" if page_writes_image else og["image"]}
