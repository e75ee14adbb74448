"""Background work of the comments app (run by `manage.py worker`; at once in tests)."""

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.urls import reverse
from django.utils.translation import gettext as _

from comments.models import Comment
from newsroom.infra.tasks import retried


@retried
@task
def alert_moderators(comment_id: int, recipients: list[str]) -> bool:
    """Tell the moderators how many comments wait, quoting the newest (`comment_id`).

    A failure (a mail outage) is recorded on the task, which the worker runs again later
    (`newsroom.infra.tasks.retried`); after the last attempt the admin can retry it.
    """
    comment = Comment.objects.select_related("article").filter(pk=comment_id).first()
    if comment is None:  # withdrawn or erased since
        return False
    waiting = Comment.objects.pending().count()
    queue = settings.SITE_URL.rstrip("/") + reverse("admin:comments_comment_queue")
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
    return True
