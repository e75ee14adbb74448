"""What one reader's browser alone sees, all under `/cua-ban/` (`cookies.PERSONAL_PREFIX`).

The story page is shared by every reader (a cache in front of the site keeps it); a reader's
own parts come from here, private and stored by no cache:

- `/cua-ban/binh-luan/<slug>/`, JSON for `static/comments/js/personal.js` on the shared page:
  the remembered name and email, a fresh signed form time (so the "too fast" check holds on
  a page drawn minutes ago) and the reader's pending comments, drawn as the thread draws them,
  with where each goes;
- `/cua-ban/bai-viet/<slug>/`, the story page itself with those parts in place: where a post
  lands, so that it works without JavaScript.
"""

import logging
import time
from functools import wraps

from django.conf import settings
from django.http import Http404, JsonResponse
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from articles import story_pages
from articles.models import Article
from articles.views import render_article
from comments import cookies, policy, rules, threads
from comments.models import Comment

logger = logging.getLogger(__name__)


def personal(view):
    """The answer is this browser's alone: private, stored by no cache."""

    @wraps(view)
    def answer(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    return answer


def personal_copy(story_url) -> str:
    """The personal copy of a story page: its address (and `?query#anchor`) under `/cua-ban/`."""
    return cookies.PERSONAL_PREFIX.rstrip("/") + story_url


@personal
@require_GET
def story_page(request, slug):
    """The story with the reader's pending comments in place and their remembered name and
    email in the form."""
    article = Article.objects.published().with_page_data().filter(slug=slug).first()
    if article is None:
        raise Http404
    response = render_article(request, article, {"comment_personal": True})
    response["X-Robots-Tag"] = "noindex"
    return response


@personal
@require_GET
def comments_json(request, slug):
    """{"name", "email", "remember", "rendered", "pending": [{"id", "parent", "before",
    "html"}]}: what personal.js puts into the shared story page."""
    stories = Article.objects.published().filter(slug=slug)
    own = cookies.own_ids(request)  # without any, the story is only looked for (cheaper)
    article = stories.only(*story_pages.ROW_FIELDS).first() if own else None
    if article is None and (own or not stories.exists()):
        return JsonResponse({"error": _("Không tìm thấy bài viết.")}, status=404)
    remembered = cookies.remembered(request)
    answer = {
        "name": remembered.get("name", ""),
        "email": remembered.get("email", ""),
        "remember": bool(remembered),
        "rendered": policy.sign_render_time(time.time()),
        "pending": [],
    }
    try:
        answer["pending"] = _pending(request, article) if article else []
    except Exception:  # the shared page works without them: never a 500 for this
        logger.exception("The reader's pending comments on %s could not be drawn", slug)
    response = JsonResponse(answer, json_dumps_params={"ensure_ascii": False})
    # Once a moderator has decided on each of them, the page's script stops asking.
    waiting = bool(own) and Comment.objects.pending().filter(pk__in=own).exists()
    cookies.update_hint(request, response, waiting=waiting)
    return response


def _pending(request, article):
    if not cookies.own_ids(request) or not rules.in_force(article).shows_thread:
        return []
    context = {"Badge": Comment.Badge, "edit_minutes": settings.COMMENTS_EDIT_MINUTES}
    return [
        {
            "id": placed.node.comment.pk,
            "parent": placed.parent,
            "before": placed.before,
            "html": render_to_string(
                "comments/comment.html", {**context, "node": placed.node}, request=request
            ).strip(),
        }
        for placed in threads.own_placed(request, article)
    ]


def story_address(article, anchor="") -> str:
    return reverse("comments:personal_story", kwargs={"slug": article.slug}) + anchor


urlpatterns = [
    path("bai-viet/<slug:slug>/", story_page, name="personal_story"),
    path("binh-luan/<slug:slug>/", comments_json, name="personal"),
]
