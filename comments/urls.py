from django.urls import path

from comments import views, views_likes, views_reports

app_name = "comments"

urlpatterns = [
    path("bai-viet/<slug:slug>/binh-luan/", views.post_comment, name="post"),
    path("binh-luan/<int:pk>/sua/", views.edit_comment, name="edit"),
    path("binh-luan/<int:pk>/rut-lai/", views.withdraw_comment, name="withdraw"),
    *views_likes.urlpatterns,
    *views_reports.urlpatterns,
]
