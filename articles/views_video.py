"""Video pages: the latest videos, a watch page where the video is the story, caption files."""

from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views.generic import ListView

from articles import page_keys, structured_data
from articles.models import Article, CaptionTrack, Video
from articles.models.stories import may_preview
from newsroom.infra import pagecache

MORE_VIDEOS = 4


class VideoListView(ListView):
    paginate_by = 12
    template_name = "articles/video_list.html"
    context_object_name = "stories"

    def get_queryset(self):
        return (
            Article.objects.published()
            .for_cards()
            .filter(video__in=Video.objects.playable())
            .select_related("video")
            .newest_first()
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pagecache.tag(self.request, page_keys.VIDEOS, *page_keys.cards(context["object_list"]))
        return context


def watch(request, slug):
    # The watch page shows no byline, tags, notes or body: only the story's card fields,
    # its video and the caption tracks (their WebVTT is served by `captions`, not here).
    tracks = CaptionTrack.objects.defer("webvtt")
    article = (
        Article.objects.visible_to(request.user)
        .for_cards()
        .select_related("video")
        .prefetch_related(Prefetch("video__captions", queryset=tracks))
        .filter(slug=slug, video__isnull=False)
        .first()
    )
    if article is None or not (article.video.is_playable or may_preview(request.user)):
        raise Http404
    is_preview = not (article.is_published and article.video.is_playable)
    more = (
        Article.objects.published()
        .for_cards()
        .filter(video__in=Video.objects.playable())
        .exclude(pk=article.pk)
        .select_related("video")
        .newest_first()[:MORE_VIDEOS]
    )
    more = list(more)
    pagecache.tag(request, page_keys.story(article.pk), page_keys.VIDEOS, *page_keys.cards(more))
    context = {
        "article": article,
        "video": article.video,
        "more": more,
        "is_preview": is_preview,
        "json_ld": structured_data.video_object(request, article),
    }
    response = render(request, "articles/watch.html", context)
    if is_preview:
        add_never_cache_headers(response)
    return response


def captions(request, slug, lang):
    """A caption track as WebVTT, for the player's <track> (same origin as the page)."""
    visible = Article.objects.visible_to(request.user)
    track = (
        CaptionTrack.objects.filter(
            video__article__in=visible.values("pk"), video__article__slug=slug, language=lang
        )
        .select_related("video")
        .only("webvtt", "video__article_id")
        .first()
    )
    if track is None:
        raise Http404
    pagecache.tag(request, page_keys.story(track.video.article_id))
    response = HttpResponse(track.webvtt, content_type="text/vtt; charset=utf-8")
    patch_cache_control(response, public=True, max_age=300)
    return response
