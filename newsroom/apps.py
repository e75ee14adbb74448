from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    """The site's composition: the demo content, and which writes retire cached pages (the
    move from WordPress is an app of its own, `newsroom.wordpress`)."""

    name = "newsroom"
    verbose_name = "Newsroom"

    def ready(self):
        from articles.models import (
            Article,
            Author,
            Byline,
            CaptionTrack,
            Correction,
            Section,
            Tag,
            Video,
        )
        from comments.models import Comment, CommentRule
        from newsroom.infra import pagecache

        # Every model a reader page shows; a comment only once it is approved (a pending one
        # is shown only to its author, whose pages are never cached).
        for model in (Article, Section, Author, Tag, Byline, Correction, Video, CaptionTrack):
            pagecache.retire_pages_on_write(model)
        pagecache.retire_pages_on_write(Comment, shown=lambda comment: comment.is_approved)
        pagecache.retire_pages_on_write(CommentRule)
        pagecache.expire_pages_at(Article.objects.next_publication)
