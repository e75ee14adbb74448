from django.urls import path, re_path

from articles import feeds, legacy, views

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("bai-viet/<slug:slug>/", views.article_detail, name="detail"),
    path("chuyen-muc/<slug:slug>/", views.SectionView.as_view(), name="section"),
    path("chuyen-muc/<slug:slug>/rss/", feeds.SectionFeed(), name="section_feed"),
    path("the/<slug:slug>/", views.TagView.as_view(), name="tag"),
    path("tac-gia/<slug:slug>/", views.AuthorView.as_view(), name="author"),
    path("tim-kiem/", views.SearchView.as_view(), name="search"),
    path("rss/", feeds.LatestStoriesFeed(), name="feed"),
    # Old WordPress addresses: 301 to where they moved, else 404 (articles/legacy.py).
    # `/?p=123` is answered by the home view. The `/slug/` catch-all must stay the last pattern.
    path("feed/", legacy.feed, name="legacy_feed"),
    re_path(r"^category/(?P<path>.+?)/feed/$", legacy.section_feed, name="legacy_section_feed"),
    re_path(r"^category/(?P<path>.+?)(?:/page/[0-9]+)?/$", legacy.section, name="legacy_section"),
    re_path(r"^tag/(?P<slug>[^/]+)(?:/page/[0-9]+)?/$", legacy.tag, name="legacy_tag"),
    re_path(
        r"^(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/(?:(?P<day>[0-9]{2})/)?(?P<slug>[^/]+)/$",
        legacy.post_by_slug,
        name="legacy_dated",
    ),
    re_path(r"^(?P<slug>[^/.]+)/$", legacy.post_by_slug, name="legacy_slug"),
]
