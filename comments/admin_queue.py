"""The moderators' fast queue: every pending comment on one screen, one click (or key) each.

Mixed into CommentAdmin (comments/admin.py). The buttons work without JavaScript (a POST, then
a redirect to the next pending comment); the queue's script asks for JSON instead. Every
decision goes through `comments.decisions`. Under each comment, "Trả lời với tư cách tòa soạn"
approves it (if still pending) and publishes the newsroom's answer under it
(`comments.staff.post_as_staff`), without opening the story.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext, gettext_lazy

from comments import decisions, policy, reports, staff
from comments.models import Comment

Status = Comment.Status

QUEUE_PAGE_SIZE = 50
REPLY_MAX_LENGTH = 5000

# The queue's three buttons: URL action -> (moderation function, status it sets).
QUEUE_ACTIONS = {
    "approve": (decisions.approve, Status.APPROVED),
    "reject": (decisions.reject, Status.REJECTED),
    "spam": (decisions.mark_spam, Status.SPAM),
}
# How they are drawn under each comment: (URL action, key, label), in order.
QUEUE_BUTTONS = [
    ("approve", "a", gettext_lazy("Duyệt")),
    ("reject", "r", gettext_lazy("Từ chối")),
    ("spam", "s", gettext_lazy("Spam")),
]
REPLY_KEY = "t"


def queue_tabs(current, *, pending=None, reported=None):
    """The tabs above the moderation queue, "Chờ duyệt (n)" and "Bị báo cáo (n)": a dict each
    (key, label, url, count, current). A count not given costs one COUNT query. Drawn by
    `{% include "admin/comments/comment/tab.html#queue-tabs" %}`."""
    if pending is None:
        pending = Comment.objects.pending().count()
    if reported is None:
        reported = reports.in_queue().count()
    tabs = [
        ("pending", gettext("Chờ duyệt"), "admin:comments_comment_queue", pending),
        ("reported", gettext("Bị báo cáo"), "admin:comments_comment_reported", reported),
    ]
    return [
        {"key": key, "label": label, "url": reverse(url), "count": n, "current": key == current}
        for key, label, url, n in tabs
    ]


def reply_problem(body) -> str:
    """Why the newsroom's answer `body` cannot be published ("" when it can)."""
    text = body.strip()
    if not text:
        return gettext("Câu trả lời đang trống: hãy viết nội dung rồi gửi lại.")
    if len(text) > REPLY_MAX_LENGTH:
        return gettext("Câu trả lời dài %(length)d ký tự, tối đa %(max)d ký tự.") % {
            "length": len(text),
            "max": REPLY_MAX_LENGTH,
        }
    return ""


class ModerationQueue:
    """The queue's views (the list, a decision, an answer) and their URLs, for a ModelAdmin
    of Comment."""

    def get_urls(self):
        queue = [
            path(
                "queue/",
                self.admin_site.admin_view(self.queue_view),
                name="comments_comment_queue",
            ),
            path(
                "queue/<int:pk>/reply/",
                self.admin_site.admin_view(self.queue_reply_view),
                name="comments_comment_queue_reply",
            ),
            path(
                "queue/<int:pk>/<str:action>/",
                self.admin_site.admin_view(self.queue_act_view),
                name="comments_comment_queue_act",
            ),
        ]
        return queue + super().get_urls()

    def queue_queryset(self):
        return (
            Comment.objects.pending()
            .select_related("article__section", "parent")
            .defer("article__body", "article__search_text")
            .order_by("created", "pk")
        )

    def queue_view(self, request, refused=None):
        """Every pending comment, oldest first, with what a moderator needs to decide.

        `refused`: (comment, text, why) when the newsroom's answer to `comment` was not
        published; the page shows the comment with the answer's text and why (status 400).
        """
        if not self.has_change_permission(request):
            raise PermissionDenied
        paginator = Paginator(self.queue_queryset(), QUEUE_PAGE_SIZE)
        number = request.GET.get("page")
        if refused and refused[0].is_pending:
            number = self._page_of(refused[0])
        page = paginator.get_page(number)
        comments = list(page.object_list)
        if refused:
            comments = self._with_refused_answer(comments, *refused)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Hàng chờ duyệt bình luận"),
            "page_obj": page,
            "comments": comments,
            "pending_count": paginator.count,
            "tabs": queue_tabs("pending", pending=paginator.count),
            "queue_url": reverse("admin:comments_comment_queue"),
            "reply_key": REPLY_KEY,
            "page_range": paginator.get_elided_page_range(page.number, on_each_side=2),
            "changelist_url": reverse("admin:comments_comment_changelist"),
            "buttons": QUEUE_BUTTONS,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(
            request,
            "admin/comments/comment/queue.html",
            context,
            status=400 if refused else 200,
        )

    def _with_refused_answer(self, comments, comment, text, why):
        """`comments` with `comment` (added on top if it is not among them) carrying the
        refused answer's text and why."""
        shown = next((c for c in comments if c.pk == comment.pk), None)
        if shown is None:
            shown = (
                Comment.objects.select_related("article__section", "parent")
                .defer("article__body", "article__search_text")
                .get(pk=comment.pk)
            )
            comments = [shown, *comments]
        shown.reply_text, shown.reply_error = text, why
        return comments

    def queue_reply_view(self, request, pk):
        """Approve a pending comment and publish the newsroom's answer under it."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        comment = Comment.objects.select_related("article", "moderated_by").filter(pk=pk).first()
        if comment is None:
            message = gettext("Bình luận này không còn nữa (có thể đã bị xóa).")
            return self._queue_answer(request, None, message, 404, pk=pk)
        if comment.status not in {Status.PENDING, Status.APPROVED}:
            return self._queue_answer(request, comment, self._already_message(comment), 409)
        text = request.POST.get("body", "")
        if why := reply_problem(text):
            if self._wants_json(request):
                return self._queue_answer(request, comment, why, 400)
            self.message_user(request, why, messages.ERROR)
            return self.queue_view(request, refused=(comment, text, why))
        with translation.override(settings.LANGUAGE_CODE):  # the note is stored
            note = gettext("Duyệt và trả lời với tư cách tòa soạn")
        approved_now = comment.is_pending and decisions.approve([comment], request.user, note)
        if comment.is_pending and not approved_now:  # someone else was a moment faster
            comment.refresh_from_db()
            if not comment.is_approved:
                return self._queue_answer(request, comment, self._already_message(comment), 409)
        try:
            answer = staff.post_as_staff(
                article=comment.article,
                user=request.user,
                body=text,
                parent=comment,
                as_newsroom=True,
            )
        except policy.Duplicate:  # a double click: the first answer is there
            message = gettext("Câu trả lời này đã được đăng rồi.")
            return self._queue_answer(request, comment, message, 409)
        comment.status = Status.APPROVED
        if approved_now:
            message = gettext("Đã duyệt bình luận của %(name)s và đăng câu trả lời của tòa soạn.")
        else:
            message = gettext("Đã đăng câu trả lời của tòa soạn dưới bình luận của %(name)s.")
        extra = {"reply": answer.pk, "reply_url": answer.get_absolute_url()}
        return self._queue_answer(request, comment, message % {"name": comment.name}, 200, extra)

    def queue_act_view(self, request, pk, action):
        """Approve, reject or mark one comment as spam, then go on to the next pending one."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if action not in QUEUE_ACTIONS:
            return self._queue_answer(request, None, gettext("Không rõ thao tác."), 404)
        decide, status = QUEUE_ACTIONS[action]
        comment = Comment.objects.select_related("moderated_by").filter(pk=pk).first()
        if comment is None:
            message = gettext("Bình luận này không còn nữa (có thể đã bị xóa).")
            return self._queue_answer(request, None, message, 404, pk=pk)
        if comment.status != Status.PENDING:
            return self._queue_answer(request, comment, self._already_message(comment), 409)
        if not decide([comment], request.user):  # someone else was a moment faster
            comment.refresh_from_db()
            return self._queue_answer(request, comment, self._already_message(comment), 409)
        comment.status = status
        message = self._done_message(comment)
        return self._queue_answer(request, comment, message, 200)

    def _done_message(self, comment):
        if comment.status == Status.APPROVED:
            text = gettext("Đã duyệt bình luận của %(name)s.")
        elif comment.status == Status.REJECTED:
            text = gettext("Đã từ chối bình luận của %(name)s.")
        else:
            text = gettext("Đã đánh dấu bình luận của %(name)s là spam.")
        return text % {"name": comment.name}

    def _already_message(self, comment):
        moderator = comment.moderated_by
        who = (moderator.get_full_name() or moderator.get_username()) if moderator else ""
        who = who or gettext("người khác")
        when = (
            date_format(timezone.localtime(comment.moderated_at), "DATETIME_FORMAT")
            if comment.moderated_at
            else ""
        )
        return gettext(
            "Bình luận của %(name)s đã được %(who)s xử lý trước (%(status)s, %(when)s)."
        ) % {
            "name": comment.name,
            "who": who,
            "status": comment.get_status_display(),
            "when": when,
        }

    def _wants_json(self, request):
        return request.get_preferred_type(["text/html", "application/json"]) == "application/json"

    def _queue_answer(self, request, comment, message, status_code, extra=None, pk=None):
        """JSON for the queue's script; otherwise a message and a redirect to the next item."""
        following = self._next_pending(comment)
        pending = Comment.objects.pending().count()
        if self._wants_json(request):
            return JsonResponse(
                {
                    "ok": status_code == 200,
                    "id": comment.pk if comment else pk,
                    "status": comment.status if comment else None,
                    "message": message,
                    "next": following.pk if following else None,
                    "pending": pending,
                    **(extra or {}),
                },
                status=status_code,
            )
        level = messages.SUCCESS if status_code == 200 else messages.WARNING
        self.message_user(request, message, level)
        url = reverse("admin:comments_comment_queue")
        page = self._page_of(following) if following else request.POST.get("page", "")
        if str(page).isdigit() and int(page) > 1:
            url += "?" + urlencode({"page": page})
        if following:
            url += f"#c-{following.pk}"
        return HttpResponseRedirect(url)

    def _next_pending(self, comment):
        """The pending comment after `comment` in queue order, else the last one before it."""
        queue = Comment.objects.pending().order_by("created", "pk").only("pk", "created")
        if comment is None:
            return queue.first()
        after = Q(created__gt=comment.created) | Q(created=comment.created, pk__gt=comment.pk)
        return queue.filter(after).first() or queue.filter(~after).exclude(pk=comment.pk).last()

    def _page_of(self, comment):
        before = (
            Comment.objects.pending()
            .filter(Q(created__lt=comment.created) | Q(created=comment.created, pk__lt=comment.pk))
            .count()
        )
        return before // QUEUE_PAGE_SIZE + 1
