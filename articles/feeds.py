from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.contrib.syndication.views import Feed, add_domain
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Enclosure
from django.utils.translation import gettext_lazy as _

from articles import page_keys, structured_data
from articles.models import Article, Byline, Section
from newsroom.infra import pagecache

FEED_SIZE = 30


class LatestStoriesFeed(Feed):
    description = _("Tin mới nhất")

    def __call__(self, request, *args, **kwargs):
        pagecache.tag(request, page_keys.FEEDS)  # any story saved retires every feed
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return settings.SITE_NAME

    def link(self):
        return reverse("articles:home")

    def stories(self):
        return (
            Article.objects.published()
            .select_related("section", "video")
            .prefetch_related(
                Prefetch("bylines", queryset=Byline.objects.select_related("author")),
                "corrections",
            )
            .newest_first()
        )

    def items(self):
        return self.stories()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        """The standfirst, then each correction note (kind, time and text)."""
        notes = [
            f"{n.get_kind_display()} ({timezone.localtime(n.published):%H:%M %d/%m/%Y}): {n.text}"
            for n in item.corrections.all()
        ]
        return "\n\n".join([item.standfirst, *notes]) if notes else item.standfirst

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated

    def item_author_name(self, item):
        return ", ".join(b.author.name for b in item.bylines.all()) or None

    def item_categories(self, item):
        return [item.section.name]

    def item_enclosures(self, item):
        """A story's hosted video: its largest MP4 (RSS allows one enclosure per item).
        The URL may be a path under MEDIA_URL: `get_feed` makes it absolute."""
        video = structured_data.hosted_video(item)
        if video is None:
            return []
        largest = video.sources[0]
        return [Enclosure(largest["url"], str(largest["bytes"]), "video/mp4")]

    def get_feed(self, obj, request):
        """The feed, with each enclosure's URL absolute like the items' links (this Feed
        object serves every request: the request is not kept on it)."""
        feed = super().get_feed(obj, request)
        domain, secure = get_current_site(request).domain, request.is_secure()
        for item in feed.items:
            item["enclosures"] = [
                Enclosure(add_domain(domain, e.url, secure), e.length, e.mime_type)
                for e in item["enclosures"]
            ]
        return feed


class SectionFeed(LatestStoriesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Section, slug=slug)

    def title(self, obj):
        return f"{obj.name} – {settings.SITE_NAME}"

    def link(self, obj):
        return obj.get_absolute_url()

    def description(self, obj):
        return obj.description or obj.name

    def items(self, obj):
        return self.stories().filter(section=obj)[:FEED_SIZE]
