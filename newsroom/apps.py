import time

from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    """The site's composition: the demo content, and which writes retire cached pages (the
    move from WordPress is an app of its own, `newsroom.wordpress`)."""

    name = "newsroom"
    verbose_name = "Newsroom"

    def ready(self):
        from articles import page_keys
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
        from comments import page_keys as comment_keys
        from comments.models import Comment, CommentRule
        from newsroom.infra import pagecache, retire

        # Every model a reader page shows, with the pages each write retires
        # (`newsroom.infra.retire`). A new comment only once it is approved: a pending one is
        # shown only to its author, on personal pages that are never cached.
        for model, keys in (
            (Article, page_keys.of_article),
            (Section, page_keys.of_section),
            (Author, page_keys.of_author),
            (Tag, page_keys.of_tag),
            (Byline, page_keys.of_byline),
            (Correction, page_keys.of_correction),
            (Video, page_keys.of_video),
            (CaptionTrack, page_keys.of_caption_track),
            (CommentRule, comment_keys.of_rule),
        ):
            retire.retire_on_write(model, keys)
        retire.retire_on_write(
            Comment, comment_keys.of_comment, new_shown=lambda comment: comment.is_approved
        )
        pagecache.expire_pages_at(next_publication)


def next_publication() -> float:
    """When the next scheduled story goes live, remembered while no story is saved (any story
    saved retires the home page) and until that moment has come."""
    from articles import page_keys
    from articles.models import Article
    from newsroom.infra import retire

    return retire.remembered(
        "next-publication",
        [page_keys.HOME],
        Article.objects.next_publication,
        still=lambda when: when > time.time(),
    )
