"""The moderation policy: when comments are open, and what becomes of a new comment."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from comments import spam
from comments.models import Comment, DisallowedWord

Status = Comment.Status


def closes_at(article):
    return article.publish_at + timedelta(days=settings.COMMENTS_CLOSE_AFTER_DAYS)


def comments_open(article, now=None) -> bool:
    return article.allow_comments and (now or timezone.now()) < closes_at(article)


def assess(comment: Comment, bot_reason: str | None = None) -> spam.Verdict:
    """Spam, held with a reason, or (for a known commenter, when enabled) approved."""
    if bot_reason:
        return spam.Verdict(Status.SPAM, bot_reason)
    rules = DisallowedWord.objects.words()
    if hit := spam.find_disallowed(f"{comment.name}\n{comment.body}", rules):
        return spam.Verdict(Status.SPAM, _("Chứa từ bị cấm: “%(word)s”") % {"word": hit})
    links = spam.count_links(comment.body)
    if links > settings.COMMENTS_MAX_LINKS:
        limit = settings.COMMENTS_MAX_LINKS
        reason = _("Có %(n)d liên kết (tối đa %(max)d)") % {"n": links, "max": limit}
        return spam.Verdict(Status.PENDING, reason)
    if settings.COMMENTS_AUTO_APPROVE_KNOWN and _is_known_commenter(comment.email):
        return spam.Verdict(Status.APPROVED, _("Người bình luận đã có bình luận được duyệt"))
    return spam.Verdict(Status.PENDING, _("Bình luận mới chờ kiểm duyệt"))


def _is_known_commenter(email):
    return Comment.objects.approved().filter(email__iexact=email).exists()
