"""Readers' reports on approved comments (the rules: `comments.reports`).

A small form page that works without JavaScript; `static/comments/js/reports.js` opens the
same form under the comment and posts it asking for JSON. The form page is the same for every
reader (the page cache may keep it): it carries no per-reader token, and reports are taken only
from this site's pages (`newsroom.infra.origin`). Answers to a POST are never cached.
"""

from django import forms
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import path
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from comments import reports
from comments.forms import WithinLimits, within
from newsroom.infra import errors, throttle
from newsroom.infra.origin import cross_origin_protected
from newsroom.infra.readers import browser_key

NOTE_MAX_LENGTH = 300


class ReportForm(WithinLimits, forms.Form):
    reason = forms.ChoiceField(
        label=_("Lý do báo cáo"),
        choices=reports.READER_REASONS,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Hãy chọn một lý do."),
            "invalid_choice": _("Lý do này không có trong danh sách: hãy chọn một lý do bên dưới."),
        },
    )
    note = forms.CharField(
        label=_("Ghi chú (không bắt buộc)"),
        max_length=NOTE_MAX_LENGTH,
        required=False,
        help_text=_("Tối đa 300 ký tự. Báo cáo của bạn được giữ kín, không hiện cho ai khác."),
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
        error_messages={
            "max_length": _(
                "Ghi chú dài tối đa %(limit_value)d ký tự (bạn đã viết %(show_value)d)."
            )
        },
    )

    def __init__(self, *args, comment, **kwargs):
        # Ids of their own: several comments' forms may open on one story page.
        super().__init__(*args, auto_id=f"bao-cao-{comment.pk}-%s", **kwargs)
        self.cut_to_limits()  # a note drawn back is never longer than it may be


def from_another_site(request, why, pk):
    """A report sent from another site: refused, saying why, with the reader's note to copy."""
    back = reports.reportable(pk).get_absolute_url()
    kept = within(request.POST.get("note", ""), NOTE_MAX_LENGTH)
    return errors.cross_origin_failure(request, why, kept=kept, back=back)


@cross_origin_protected(refused=from_another_site)
@require_http_methods(["GET", "HEAD", "POST"])
def report_comment(request, pk):
    comment = reports.reportable(pk)
    if request.method == "POST":
        return take_report(request, comment)
    context = page_context(comment, ReportForm(comment=comment))
    return render(request, "comments/report.html", context)


def take_report(request, comment):
    form = ReportForm(request.POST, comment=comment)
    ip = throttle.client_ip(request)
    if limit := reports.rate_exceeded(ip):
        response = answer(request, comment, form, rate_limit_message(*limit), status=429)
    elif not form.is_valid():
        response = answer(request, comment, form, gettext("Báo cáo chưa được gửi."), status=400)
    else:
        reports.record_attempt(ip)
        cookies = HttpResponse()  # carries a new browser's cookie over to the answer
        reports.report(
            comment,
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
            browser=browser_key(request, cookies),
            ip=ip,
        )
        thanks = gettext("Cảm ơn bạn đã báo cáo. Ban biên tập sẽ xem xét bình luận này.")
        response = answer(request, comment, None, thanks, status=200)
        response.cookies.update(cookies.cookies)
    add_never_cache_headers(response)
    return response


def answer(request, comment, form, message, status):
    """JSON for the page's script; otherwise the page, with the form (and the reader's text)
    again when it was not taken, or the thanks."""
    if request.get_preferred_type(["text/html", "application/json"]) == "application/json":
        found = form.errors.get_json_data() if form else {}
        errors = {name: [error["message"] for error in errs] for name, errs in found.items()}
        return JsonResponse(
            {"ok": status == 200, "id": comment.pk, "message": message, "errors": errors},
            status=status,
            json_dumps_params={"ensure_ascii": False},
        )
    context = {**page_context(comment, form), "message": message, "thanked": status == 200}
    return render(request, "comments/report.html", context, status=status)


def page_context(comment, form):
    return {"comment": comment, "article": comment.article, "form": form}


def rate_limit_message(limit, window):
    if window < 120:
        rule = ngettext(
            "Bạn gửi báo cáo nhanh quá: tối đa %(n)d báo cáo mỗi %(s)d giây. Hãy đợi rồi gửi lại.",
            "Bạn gửi báo cáo nhanh quá: tối đa %(n)d báo cáo mỗi %(s)d giây. Hãy đợi rồi gửi lại.",
            limit,
        ) % {"n": limit, "s": window}
    else:
        rule = ngettext(
            "Bạn đã gửi quá nhiều báo cáo: tối đa %(n)d báo cáo mỗi %(m)d phút. Hãy thử lại sau.",
            "Bạn đã gửi quá nhiều báo cáo: tối đa %(n)d báo cáo mỗi %(m)d phút. Hãy thử lại sau.",
            limit,
        ) % {"n": limit, "m": window // 60}
    kept = gettext("Ghi chú của bạn vẫn còn nguyên bên dưới.")
    return f"{rule} {kept}"


urlpatterns = [
    path("binh-luan/<int:pk>/bao-cao/", report_comment, name="report"),
]
