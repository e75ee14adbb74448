from functools import partial

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap
from django.urls import reverse

from articles import page_keys, structured_data
from articles.models import Article, Section, Video
from newsroom.infra import pagecache


class ArticleSitemap(Sitemap):
    changefreq = "daily"
    limit = 5000

    def items(self):
        return Article.objects.published().only("slug", "updated").newest_first()

    def lastmod(self, item):
        return item.updated


class SectionSitemap(Sitemap):
    changefreq = "hourly"
    priority = 0.6

    def items(self):
        return Section.objects.all()


class VideoSitemap(Sitemap):
    """Google's video sitemap: a story's watch page, with its hosted video's facts under
    `url.video` for templates/sitemaps/sitemap.xml.

    Only published stories with a processed upload; never a YouTube embed (its file is not
    ours), and never a video lacking a fact Google needs (`structured_data.video_facts`).
    There is no player_loc: Google wants it to differ from <loc>, and our only player is the
    watch page itself; content_loc (the MP4) is the one location Google requires.
    """

    changefreq = "daily"
    limit = 5000

    def items(self):
        return (
            Article.objects.published()
            .filter(video__source=Video.Source.UPLOAD, video__state=Video.State.READY)
            .select_related("video")
            .defer("body", "search_text")
            .newest_first()
        )

    def location(self, item):
        return reverse("articles:watch", kwargs={"slug": item.slug})

    def lastmod(self, item):
        return max(filter(None, [item.updated, item.video.processed]))

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        base = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        absolute = partial(structured_data.absolute_url, base)
        for url in urls:
            url["video"] = structured_data.video_facts(url["item"], absolute)
        return [url for url in urls if url["video"]]


SITEMAPS = {"articles": ArticleSitemap, "sections": SectionSitemap, "videos": VideoSitemap}
# /sitemap.xml: one urlset for every sitemap, written by this template (the video namespace).
SITEMAP_TEMPLATE = "sitemaps/sitemap.xml"


def sitemap_view(request, **kwargs):
    """Django's sitemap view, its page retired with any story or video saved."""
    pagecache.tag(request, page_keys.SITEMAPS)
    return sitemap(request, **kwargs)
