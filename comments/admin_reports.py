"""The "Bị báo cáo" tab of the moderation queue (mixed into CommentAdmin)."""


class ReportedQueue:
    pass
