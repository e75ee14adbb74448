"""The "Bị báo cáo" tab of the moderation queue and the official-request form (mixed into
CommentAdmin, comments/admin.py).

For users with `comments.change_commentreport` (moderators, superusers). The tab's buttons work
without JavaScript (a POST, then a redirect to the next reported comment); its script
(static/comments/js/reported.js) asks for JSON instead. The rules are in `comments.reports`.
"""

import re

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext, gettext_lazy, pgettext_lazy

from comments import reports
from comments.admin_queue import queue_tabs
from comments.models import Comment

PAGE_SIZE = 50
PERMISSION = "comments.change_commentreport"

# URL action -> what it does; and how the buttons are drawn: (URL action, key, label).
ACTIONS = {"keep": reports.keep, "reject": reports.reject, "spam": reports.mark_spam}
BUTTONS = [
    ("keep", "g", pgettext_lazy("moderation decision", "Giữ lại")),
    ("reject", "r", gettext_lazy("Từ chối")),
    ("spam", "s", gettext_lazy("Spam")),
]
DONE = {
    "keep": gettext_lazy("Đã giữ lại bình luận của %(name)s: bình luận hiện lại với bạn đọc."),
    "reject": gettext_lazy("Đã từ chối bình luận của %(name)s."),
    "spam": gettext_lazy("Đã đánh dấu bình luận của %(name)s là spam."),
}
# A comment's number in what a moderator pastes: "123", "#123", its address on the site
# (…#binh-luan-123, /binh-luan/123/bao-cao/) or in the admin (/comment/123/change/).
NUMBER_PATTERNS = [
    re.compile(r"^#?\s*(\d{1,18})$"),
    re.compile(r"binh-luan[-/](\d{1,18})\b"),
    re.compile(r"/comments?/comment/(\d{1,18})/"),
]


def comment_number(text) -> int | None:
    text = (text or "").strip()
    for pattern in NUMBER_PATTERNS:
        if match := pattern.search(text):
            return int(match.group(1))
    return None


class OfficialRequestForm(forms.Form):
    comment = forms.CharField(
        label=pgettext_lazy("one comment", "Bình luận"),
        max_length=500,
        help_text=gettext_lazy(
            "Số của bình luận, hoặc địa chỉ của nó trên trang (có “#binh-luan-…” ở cuối)."
        ),
    )
    reference = forms.CharField(
        label=gettext_lazy("Số hiệu văn bản yêu cầu"),
        max_length=120,
        widget=forms.TextInput(attrs={"class": "vLargeTextField"}),  # the example fits
        help_text=gettext_lazy("Ví dụ: 123/STTTT-TTBCXB ngày 05/03/2026."),
        error_messages={"required": gettext_lazy("Hãy nhập số hiệu văn bản yêu cầu.")},
    )
    note = forms.CharField(
        label=gettext_lazy("Ghi chú"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
    )

    def clean_comment(self):
        number = comment_number(self.cleaned_data["comment"])
        if number is None:
            raise forms.ValidationError(
                gettext("Hãy nhập số của bình luận hoặc địa chỉ của nó trên trang.")
            )
        comment = found_comment(number)
        if comment is None:
            raise forms.ValidationError(gettext("Không có bình luận số %(n)d.") % {"n": number})
        if not comment.is_approved:
            raise forms.ValidationError(
                gettext(
                    "Bình luận số %(n)d không hiện với bạn đọc (%(status)s): hãy xử lý nó ở "
                    "hàng chờ duyệt."
                )
                % {"n": number, "status": comment.get_status_display()}
            )
        return comment


def found_comment(number):
    fields = ("article__body", "article__search_text")
    return Comment.objects.select_related("article").defer(*fields).filter(pk=number).first()


class ReportedQueue:
    """The tab's views, the official-request form and their URLs, for Comment's ModelAdmin."""

    def get_urls(self):
        own = [
            path(
                "reported/",
                self.admin_site.admin_view(self.reported_view),
                name="comments_comment_reported",
            ),
            path(
                "reported/<int:pk>/<str:action>/",
                self.admin_site.admin_view(self.reported_act_view),
                name="comments_comment_reported_act",
            ),
            path(
                "official/",
                self.admin_site.admin_view(self.official_view),
                name="comments_comment_official",
            ),
        ]
        return own + super().get_urls()

    def has_reports_permission(self, request):
        return request.user.has_perm(PERMISSION)

    def _tab_context(self, request, title):
        request.current_app = self.admin_site.name
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": title,
            "changelist_url": reverse("admin:comments_comment_changelist"),
            "reported_url": reverse("admin:comments_comment_reported"),
            "official_url": reverse("admin:comments_comment_official"),
        }

    def reported_view(self, request):
        """Reported comments, official requests first, then by number of reporters."""
        if not self.has_reports_permission(request):
            raise PermissionDenied
        paginator = Paginator(reports.for_tab(), PAGE_SIZE)
        page = paginator.get_page(request.GET.get("page"))
        now = timezone.now()
        context = {
            **self._tab_context(request, gettext("Bình luận bị báo cáo")),
            "page_obj": page,
            "items": [(comment, reports.summarize(comment, now)) for comment in page],
            "reported_count": paginator.count,
            "tabs": queue_tabs("reported", reported=paginator.count),
            "page_range": paginator.get_elided_page_range(page.number, on_each_side=2),
            "buttons": BUTTONS,
        }
        return TemplateResponse(request, "admin/comments/comment/reported.html", context)

    def reported_act_view(self, request, pk, action):
        """Keep, reject or mark one reported comment as spam, then go on to the next one."""
        if not self.has_reports_permission(request):
            raise PermissionDenied
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        order = list(reports.in_queue().values_list("pk", flat=True))
        if action not in ACTIONS:
            return self._reported_answer(request, pk, order, gettext("Không rõ thao tác."), 404)
        comment = found_comment(pk)
        if comment is None:
            message = gettext("Bình luận này không còn nữa (có thể đã bị xóa).")
            return self._reported_answer(request, pk, order, message, 404)
        note = request.POST.get("note", "").strip()[:300]
        if not ACTIONS[action](comment, request.user, note):
            message = gettext("Bình luận của %(name)s đã được người khác xử lý trước.") % {
                "name": comment.name
            }
            return self._reported_answer(request, pk, order, message, 409)
        message = DONE[action] % {"name": comment.name}
        return self._reported_answer(request, pk, order, message, 200)

    def _reported_answer(self, request, pk, order, message, status_code):
        """JSON for the tab's script; otherwise a message and a redirect to the next item."""
        following = following_in(order, pk)
        remaining = reports.in_queue().count()
        if request.get_preferred_type(["text/html", "application/json"]) == "application/json":
            return JsonResponse(
                {
                    "ok": status_code == 200,
                    "id": pk,
                    "message": message,
                    "next": following,
                    "reported": remaining,
                },
                status=status_code,
            )
        level = messages.SUCCESS if status_code == 200 else messages.WARNING
        self.message_user(request, message, level)
        url = reverse("admin:comments_comment_reported")
        if following is not None:
            rest = [other for other in order if other != pk]
            page = rest.index(following) // PAGE_SIZE + 1
            if page > 1:
                url += "?" + urlencode({"page": page})
            url += f"#c-{following}"
        return HttpResponseRedirect(url)

    def official_view(self, request):
        """Enter an official request to take a comment down: it is hidden at once."""
        if not self.has_reports_permission(request):
            raise PermissionDenied
        if request.method == "POST":
            form = OfficialRequestForm(request.POST)
            if form.is_valid():
                comment = form.cleaned_data["comment"]
                entered = reports.official_request(
                    comment,
                    request.user,
                    form.cleaned_data["reference"],
                    form.cleaned_data["note"],
                )
                due = date_format(timezone.localtime(reports.deadline(entered)), "DATETIME_FORMAT")
                self.message_user(
                    request,
                    gettext(
                        "Đã ẩn bình luận số %(n)d theo yêu cầu %(reference)s. Hạn xử lý: %(due)s."
                    )
                    % {"n": comment.pk, "reference": entered.reference, "due": due},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(
                    reverse("admin:comments_comment_reported") + f"#c-{comment.pk}"
                )
            status = 400
        else:
            form = OfficialRequestForm(initial={"comment": request.GET.get("comment", "")})
            status = 200
        context = {
            **self._tab_context(request, gettext("Yêu cầu của cơ quan chức năng")),
            "form": form,
            "target": self._official_target(form),
            "deadline_hours": int(reports.OFFICIAL_DEADLINE.total_seconds() // 3600),
        }
        return TemplateResponse(
            request, "admin/comments/comment/official.html", context, status=status
        )

    def _official_target(self, form):
        """The comment the form is about, when it names one that can be hidden."""
        if form.is_bound:
            target = getattr(form, "cleaned_data", {}).get("comment")
            return target if isinstance(target, Comment) else None
        number = comment_number(form.initial.get("comment"))
        target = found_comment(number) if number is not None else None
        return target if target is not None and target.is_approved else None


def following_in(order, pk):
    """The comment to go on to after `pk`: the next in the tab, else the one before."""
    if pk not in order:
        return order[0] if order else None
    index = order.index(pk)
    rest = order[index + 1 :] + order[:index][::-1]
    return rest[0] if rest else None
