"""Readers' reports on approved comments (see `comments.reports`)."""

urlpatterns = []
