"""Readers' likes on approved comments (see `comments.likes`)."""

urlpatterns = []
