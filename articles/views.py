from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.generic import ListView

from articles import cards, page_keys, readership, story_pages, structured_data
from articles.forms import SearchForm
from articles.models import Article, ArticleSlugHistory, Author, Correction, Section, Tag
from articles.text import search_words
from newsroom.infra import pagecache

RELATED_COUNT = 4
COMMENT_SECTION = "articles/article_detail.html#comment_section"


def home(request):
    """The lead, "Tin mới", "Đọc nhiều" and each section's newest, drawn by `articles.cards`.
    "Đọc nhiều" lists only published stories: any story saved retires the home page."""
    page = cards.home()
    pagecache.tag(request, page_keys.HOME, *map(page_keys.story, page.pks))
    pagecache.expire_within(request, page.fresh_for())  # its comment counts
    context = {"home": page, "most_read": readership.most_read()}
    return render(request, "articles/home.html", context)


def tag_list_page(request, *keys_and_stories):
    """A list page: retired with its own keys and with any story on it (the last argument);
    the comment counts on its cards are at most COMMENT_COUNTS_FRESH_SECONDS old."""
    *keys, stories = keys_and_stories
    pagecache.tag(request, *keys, *page_keys.cards(stories))
    pagecache.expire_within(request, settings.COMMENT_COUNTS_FRESH_SECONDS)


def article_detail(request, slug):
    if not pagecache.is_personal(request):  # a shared page: drawn around its comment section
        row = Article.objects.published().filter(slug=slug).only(*story_pages.ROW_FIELDS).first()
        if row is not None:
            return shared_article(request, row)
    visible = Article.objects.visible_to(request.user)
    article = visible.with_page_data().filter(slug=slug).first()
    if article is None:
        old = ArticleSlugHistory.objects.filter(slug=slug, article__in=visible).first()
        if old is None:
            return withdrawn(request, slug)
        return redirect(
            reverse("articles:detail", kwargs={"slug": old.article.slug}), permanent=True
        )
    return render_article(request, article)


def shared_article(request, row):
    """A published story for a reader with no session: the page around its comments kept by
    `articles.story_pages`, the comment section drawn now."""

    def draw():
        article = Article.objects.with_page_data().get(pk=row.pk)
        context = {"comment_slot": story_pages.SLOT}
        return render_article(request, article, context).content.decode()

    page = story_pages.kept(request, row, draw)
    section = render_to_string(COMMENT_SECTION, {"article": row}, request=request)
    return HttpResponse(story_pages.assemble(request, page, section))


def withdrawn(request, slug):
    """A story the editor-in-chief took down answers 410 Gone with a page saying so."""
    story = Article.objects.withdrawn().filter(slug=slug).only("title").first()
    if story is None:
        story = Article.objects.withdrawn().filter(slug_history__slug=slug).only("title").first()
    if story is None:
        raise Http404
    return render(request, "articles/withdrawn.html", {"title": story.title}, status=410)


def render_article(request, article, extra_context=None, status=200):
    """The story page; the comments app calls it too, to show a form with errors in place."""
    related = cards.drawn(
        list(
            Article.objects.published()
            .for_cards()
            .filter(section_id=article.section_id)
            .exclude(pk=article.pk)
            .newest_first()[:RELATED_COUNT]
        )
    )
    pagecache.tag(request, *page_keys.story_page(article), *page_keys.cards(related))
    context = {
        "article": article,
        "related": related,
        "is_preview": not article.is_published,
        "json_ld": structured_data.news_article(request, article),
        **(extra_context or {}),
    }
    response = render(request, "articles/article_detail.html", context, status=status)
    if not article.is_published:
        add_never_cache_headers(response)
    return response


class StoryListView(ListView):
    """A paginated list of published stories; subclasses say which and under what heading."""

    paginate_by = 12
    template_name = "articles/story_list.html"
    context_object_name = "stories"
    card_kind = "listed"  # its cards, as `articles.cards.PIECES` names them

    def stories(self):
        return Article.objects.published().for_cards().newest_first()

    def get_queryset(self):
        return self.stories()

    def list_keys(self) -> set[str]:
        """What retires this list besides the stories on it (`articles.page_keys`)."""
        return set()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        stories = cards.drawn(list(context["object_list"]), self.card_kind)
        context["object_list"] = context[self.context_object_name] = stories
        tag_list_page(self.request, *self.list_keys(), stories)
        return context


class OneOwnersStoriesView(StoryListView):
    """The stories of one section, tag or author (`owner_model`), found by its slug."""

    owner_model = None
    owner_lookup = ""  # how a story reaches its owner: "section", "tags"...

    def stories(self):
        self.owner = get_object_or_404(self.owner_model, slug=self.kwargs["slug"])
        return super().stories().filter(**{self.owner_lookup: self.owner})

    def get_context_data(self, **kwargs):
        owner = self.owner
        context = {"heading": owner.name, "canonical_url": owner.get_absolute_url()}
        return super().get_context_data(**context, **self.owner_context(owner), **kwargs)

    def owner_context(self, owner):
        return {}


class SectionView(OneOwnersStoriesView):
    owner_model, owner_lookup = Section, "section"

    def list_keys(self):
        return {page_keys.section(self.owner.pk)}

    def owner_context(self, section):
        feed_url = reverse("articles:section_feed", kwargs={"slug": section.slug})
        return {
            "section": section,
            "description": section.description,
            "feed_url": feed_url,
            "most_read": readership.most_read(section.pk),
        }


class TagView(OneOwnersStoriesView):
    owner_model, owner_lookup = Tag, "tags"

    def list_keys(self):
        return {page_keys.tag(self.owner.pk), page_keys.TAG_LISTS}


class AuthorView(OneOwnersStoriesView):
    template_name = "articles/author_detail.html"
    owner_model, owner_lookup = Author, "bylines__author"

    def list_keys(self):
        return {page_keys.author(self.owner.pk), page_keys.AUTHOR_LISTS}

    def owner_context(self, author):
        return {"author": author}


class SearchView(StoryListView):
    template_name = "articles/search.html"
    card_kind = "found"

    def list_keys(self):
        return {page_keys.SEARCH}

    def stories(self):
        form = SearchForm(self.request.GET)
        self.query = form.cleaned_data["q"] if form.is_valid() else ""
        return super().stories().search(self.query)

    def get_context_data(self, **kwargs):
        capped = self.object_list.capped  # more stories match than are ranked
        return super().get_context_data(query=self.query, search_capped=capped, **kwargs)


class CorrectionListView(ListView):
    """Every note published on a story readers can see, newest first; searchable."""

    paginate_by = 20
    template_name = "articles/corrections.html"
    context_object_name = "corrections"

    def get_queryset(self):
        form = SearchForm(self.request.GET)
        self.query = form.cleaned_data["q"] if form.is_valid() else ""
        notes = Correction.objects.published().select_related("article")
        for word in search_words(self.query)[:12]:
            notes = notes.filter(search_text__contains=f" {word} ")
        return notes.order_by("-published", "-pk")

    def get_context_data(self, **kwargs):
        pagecache.tag(self.request, page_keys.CORRECTIONS)
        url = reverse("articles:corrections")
        return super().get_context_data(query=self.query, canonical_url=url, **kwargs)


def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /tim-kiem/",
        f"Sitemap: {sitemap}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
