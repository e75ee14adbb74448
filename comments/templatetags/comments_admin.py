"""Admin-side template tags: how many comments wait for a moderator."""

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from comments.models import Comment

register = template.Library()


@register.simple_tag
def pending_comment_count():
    """The number of pending comments (one COUNT on the status/created index)."""
    return Comment.objects.pending().count()


@register.simple_tag
def with_pending_count(app_list, pending):
    """`app_list` with the comments entry named "Bình luận (N chờ duyệt)" when N > 0."""
    if not pending:
        return app_list
    marked = []
    for app in app_list:
        if app.get("app_label") == "comments":
            models = [
                {
                    **model,
                    "name": _("%(name)s (%(n)d chờ duyệt)") % {"name": model["name"], "n": pending},
                }
                if model.get("object_name") == "Comment"
                else model
                for model in app["models"]
            ]
            app = {**app, "models": models}
        marked.append(app)
    return marked


@register.filter
def waited(moment):
    """How long ago, in the largest whole unit: '5 phút trước', '3 giờ trước', '2 ngày trước'."""
    if not moment:
        return ""
    minutes = max(int((timezone.now() - moment).total_seconds() // 60), 0)
    if minutes < 60:
        return ngettext("%d phút trước", "%d phút trước", minutes) % minutes
    if minutes < 48 * 60:
        return ngettext("%d giờ trước", "%d giờ trước", minutes // 60) % (minutes // 60)
    days = minutes // (24 * 60)
    return ngettext("%d ngày trước", "%d ngày trước", days) % days
