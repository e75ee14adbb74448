"""Old WordPress addresses: a 301 to the story, section, tag or feed they became, else 404.

Only stories readers may see are ever redirected to (`Article.objects.published()`), so an old
link never reveals that a draft or a scheduled story exists. The patterns are in `urls.py`,
except the home page's (`home`), which `newsroom/urls.py` puts in front of the articles app's.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from articles import views
from articles.models import Article, ArticleSlugHistory, Section, Tag
from newsroom.wordpress.models import ImportedStory
from newsroom.wordpress.wxr import clean_slug

ID_PARAMETERS = ("p", "page_id")


def _moved(url):
    return redirect(url, permanent=True)


def home(request):
    """The home page, where `/?p=123` or `/?page_id=123` moves to that post."""
    for name in ID_PARAMETERS:
        value = request.GET.get(name, "")
        if value.isascii() and value.isdigit() and len(value) < 11:
            return post_by_id(request, int(value))
    return views.home(request)


def post_by_id(request, wp_id):
    imported = ImportedStory.objects.filter(wp_id=wp_id).values("article_id")
    article = Article.objects.published().filter(pk__in=imported).only("slug").first()
    if article is None:
        raise Http404
    return _moved(article.get_absolute_url())


def post_by_slug(request, slug, **date):
    """`/slug/` and `/2025/01/20/slug/`: the story with that slug (or that used to have it)."""
    slug = clean_slug(slug)
    published = Article.objects.published()
    article = published.filter(slug=slug).only("slug").first()
    if article is None:
        old = (
            ArticleSlugHistory.objects.filter(slug=slug, article__in=published)
            .select_related("article")
            .first()
        )
        if old is None:
            raise Http404
        article = old.article
    return _moved(article.get_absolute_url())


def _section(path):
    """`/category/parent/child/` names the child: the last part is the slug."""
    return get_object_or_404(Section, slug=clean_slug(path.rsplit("/", 1)[-1]))


def section(request, path):
    return _moved(_section(path).get_absolute_url())


def section_feed(request, path):
    return _moved(reverse("articles:section_feed", kwargs={"slug": _section(path).slug}))


def tag(request, slug):
    return _moved(get_object_or_404(Tag, slug=clean_slug(slug)).get_absolute_url())


def feed(request):
    return _moved(reverse("articles:feed"))
