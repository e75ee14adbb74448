"""Old WordPress addresses (see `redirects.py`); `/?p=123` is answered by `redirects.home`.

Included after the articles app's patterns: the `/slug/` catch-all must stay the last pattern.
"""

from django.urls import path, re_path

from newsroom.wordpress import redirects

app_name = "wordpress"

urlpatterns = [
    path("feed/", redirects.feed, name="feed"),
    re_path(r"^category/(?P<path>.+?)/feed/$", redirects.section_feed, name="section_feed"),
    re_path(r"^category/(?P<path>.+?)(?:/page/[0-9]+)?/$", redirects.section, name="section"),
    re_path(r"^tag/(?P<slug>[^/]+)(?:/page/[0-9]+)?/$", redirects.tag, name="tag"),
    re_path(
        r"^(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/(?:(?P<day>[0-9]{2})/)?(?P<slug>[^/]+)/$",
        redirects.post_by_slug,
        name="dated",
    ),
    re_path(r"^(?P<slug>[^/.]+)/$", redirects.post_by_slug, name="slug"),
]
