from django.urls import path

from articles import feeds, views, views_reads, views_video

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("bai-viet/<slug:slug>/", views.article_detail, name="detail"),
    path("luot-doc/<int:pk>/", views_reads.read, name="read"),
    path("chuyen-muc/<slug:slug>/", views.SectionView.as_view(), name="section"),
    path("chuyen-muc/<slug:slug>/rss/", feeds.SectionFeed(), name="section_feed"),
    path("the/<slug:slug>/", views.TagView.as_view(), name="tag"),
    path("tac-gia/<slug:slug>/", views.AuthorView.as_view(), name="author"),
    path("tim-kiem/", views.SearchView.as_view(), name="search"),
    path("rss/", feeds.LatestStoriesFeed(), name="feed"),
    path("cai-chinh/", views.CorrectionListView.as_view(), name="corrections"),
    path("video/", views_video.VideoListView.as_view(), name="videos"),
    path("video/<slug:slug>/", views_video.watch, name="watch"),
    path("video/<slug:slug>/phu-de/<slug:lang>.vtt", views_video.captions, name="captions"),
]
