"""Moderation at a glance (mixed into CommentAdmin)."""


class ModerationStats:
    pass
