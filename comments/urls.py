from django.urls import include, path

from comments import cookies, views, views_likes, views_personal, views_reports

app_name = "comments"

# Under `/cua-ban/` (cookies.PERSONAL_PREFIX): the only pages that read the reader's cookies.
personal = [
    *views_personal.urlpatterns,
    path("binh-luan/<int:pk>/sua/", views.edit_comment, name="edit"),
    path("binh-luan/<int:pk>/rut-lai/", views.withdraw_comment, name="withdraw"),
]

urlpatterns = [
    path("bai-viet/<slug:slug>/binh-luan/", views.post_comment, name="post"),
    path(cookies.PERSONAL_PREFIX.lstrip("/"), include(personal)),
    *views_likes.urlpatterns,
    *views_reports.urlpatterns,
]
