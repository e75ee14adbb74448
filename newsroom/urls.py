from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _

from articles.sitemaps import SITEMAP_TEMPLATE, SITEMAPS, sitemap_view
from articles.views import robots_txt
from newsroom import ops, views
from newsroom.infra import health, language
from newsroom.infra.throttle import ThrottledAdminLoginForm
from newsroom.wordpress import redirects

admin.site.site_header = _("Quản trị %(site)s") % {"site": settings.SITE_NAME}
admin.site.site_title = _("Quản trị")
admin.site.index_title = _("Tòa soạn")
admin.site.login_form = ThrottledAdminLoginForm
# The site has few admin pages (the breadcrumbs and the index reach them all); the sidebar's
# 300 px are worth more to the moderators' comment list on a laptop screen.
admin.site.enable_nav_sidebar = False
# The 500 page shows the request's id, which its error log line carries too.
handler500 = "newsroom.views.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    # Probes and Prometheus (newsroom/infra/health.py answers the first two before the stack).
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("metrics", ops.metrics_view, name="metrics"),
    path("i18n/setlang/", language.set_language, name="set_language"),
    path(
        "sitemap.xml",
        sitemap_view,
        {"sitemaps": SITEMAPS, "template_name": SITEMAP_TEMPLATE},
        name="sitemap",
    ),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("favicon.ico", views.root_icon, {"name": "favicon.ico"}, name="favicon"),
    path(
        "apple-touch-icon.png",
        views.root_icon,
        {"name": "apple-touch-icon.png"},
        name="apple_touch_icon",
    ),
    path("", include("comments.urls")),
    # Old WordPress links: `/?p=123` in front of the home page, the rest after the articles app
    # (newsroom/wordpress/): its `/slug/` catch-all must stay the last pattern.
    path("", redirects.home, name="home"),
    path("", include("articles.urls")),
    path("", include("newsroom.wordpress.urls")),
]

if settings.SERVE_MEDIA:
    # Uploads, with byte ranges so that video players can seek (newsroom/infra/media.py).
    from newsroom.infra import media

    prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [
        re_path(rf"^{prefix}(?P<path>.*)$", media.serve, {"document_root": settings.MEDIA_ROOT}),
    ]
