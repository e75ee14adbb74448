"""Readers' likes on approved comments (the rule is `comments.likes`).

With JavaScript (Accept: application/json) a like answers {"liked": bool, "count": n}; without,
it redirects to the personal copy of the story (`views_personal`) at the comment, with a
message and the fresh count. The like form carries no per-reader token: likes are taken only
from this site's pages (`newsroom.infra.origin`).
"""

from django.contrib import messages
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from articles.models import Article
from comments import likes, threads
from comments.views_personal import personal_copy
from newsroom.infra import pagecache, readers, throttle
from newsroom.infra.origin import cross_origin_protected

COUNTS_MAX_AGE = 10  # seconds a shared cache may keep a story's like counts


@cross_origin_protected
@require_POST
def like_comment(request, pk):
    carrier = HttpResponse()  # takes the browser cookie, for a browser that has none yet
    browser = readers.browser_key(request, carrier)
    try:
        target, outcome = likes.like(pk, browser, throttle.client_ip(request))
    except likes.Refused as refusal:
        response = _refused(request, pk, refusal)
    else:
        response = _liked(request, target, outcome)
    response.cookies.update(carrier.cookies)
    return response


def _wants_json(request):
    return request.get_preferred_type(["text/html", "application/json"]) == "application/json"


def _liked(request, target, outcome):
    if _wants_json(request):
        return JsonResponse({"liked": outcome.liked, "count": outcome.count})
    if outcome.liked:
        messages.success(request, _("Bạn đã thích bình luận này."))
    else:
        messages.success(request, _("Bạn đã bỏ thích bình luận này."))
    return redirect(personal_copy(_back_to(request, target)))


def _refused(request, pk, refusal):
    if _wants_json(request):
        return JsonResponse({"error": refusal.message}, status=refusal.status)
    try:
        back = _back_to(request, likes.target(pk))
    except Http404:
        back = ""
    context = {"message": refusal.message, "back": back}
    return render(request, "comments/thread/like_refused.html", context, status=refusal.status)


def _back_to(request, target):
    """The story, in the order the reader was reading it, at the comment (a redirect goes to
    its personal copy, which shows the message and the fresh count)."""
    query = threads.sort_query(threads.sort_order(request.POST))
    return f"{target.story_url}{query}#binh-luan-{target.pk}"


@require_GET
def like_counts(request, slug):
    """The current like counts of a published story's comments, for likes.js."""
    article = get_object_or_404(
        Article.objects.published().only("pk", "section_id"),
        slug=slug,
    )
    pagecache.expire_within(request, 0)  # fresh from the database; shared caches keep it briefly
    response = JsonResponse({"likes": likes.counts(article)})
    patch_cache_control(response, public=True, max_age=COUNTS_MAX_AGE)
    return response


urlpatterns = [
    path("binh-luan/<int:pk>/thich/", like_comment, name="like"),
    path("bai-viet/<slug:slug>/binh-luan/luot-thich/", like_counts, name="counts"),
]
