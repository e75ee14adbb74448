"""Readers' reports on approved comments (see `comments.reports`)."""

from django.http import Http404
from django.urls import path


def report_comment(request, pk):
    raise Http404


urlpatterns = [
    path("binh-luan/<int:pk>/bao-cao/", report_comment, name="report"),
]
