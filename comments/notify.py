"""Tell moderators that comments are waiting: at once, then at most once per interval."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.translation import gettext as _

from comments.models import Comment

logger = logging.getLogger(__name__)
MODERATORS_GROUP = "Moderators"
THROTTLE_KEY = "comments:moderators-notified"


def moderator_emails():
    users = get_user_model().objects.filter(is_active=True, groups__name=MODERATORS_GROUP)
    return sorted({email for email in users.values_list("email", flat=True) if email})


def comment_waiting(comment) -> bool:
    """Email the moderators about `comment`, unless they were told within the interval."""
    shared = caches["shared"]
    told_recently = shared.get(THROTTLE_KEY) is not None  # the common case: a plain read
    if told_recently or not shared.add(THROTTLE_KEY, 1, timeout=settings.COMMENTS_NOTIFY_INTERVAL):
        return False
    recipients = moderator_emails()
    if not recipients:
        return False
    waiting = Comment.objects.pending().count()
    queue = settings.SITE_URL.rstrip("/") + reverse("admin:comments_comment_queue")
    try:
        _send(comment, waiting, queue, recipients)
    except Exception:  # the comment is safely stored; a mail outage must not fail the reader
        logger.exception("Could not email moderators about comment %s", comment.pk)
        return False
    return True


def _send(comment, waiting, queue, recipients):
    send_mail(
        _("[%(site)s] %(n)d bình luận đang chờ duyệt") % {"site": settings.SITE_NAME, "n": waiting},
        _(
            "Bình luận mới nhất, của %(name)s về “%(title)s”:\n\n%(body)s\n\n"
            "Lý do giữ lại: %(reason)s\nHàng chờ duyệt: %(url)s"
        )
        % {
            "name": comment.name,
            "title": comment.article.title,
            "body": comment.body,
            "reason": comment.held_reason,
            "url": queue,
        },
        None,
        recipients,
    )
