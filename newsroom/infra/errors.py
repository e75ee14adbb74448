"""Readable refusals: every 4xx answer carries a page, and a failed CSRF check or a post from
another site (`newsroom.infra.origin`) explains itself."""

from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _


def message_for(status):
    if status == 405:
        return _("Thao tác không được hỗ trợ"), _(
            "Địa chỉ này không nhận kiểu yêu cầu vừa gửi. Hãy quay lại trang trước và dùng "
            "các nút trên trang."
        )
    return _("Yêu cầu không hợp lệ"), _(
        "Máy chủ không thể xử lý yêu cầu này. Hãy tải lại trang rồi thử lại."
    )


class ReadableErrorsMiddleware:
    """Give an empty 4xx response (e.g. Django's 405 for a GET to a POST-only view) a page.

    Only the body is filled in: status and headers (Allow, Cache-Control...) stay."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not 400 <= response.status_code < 500 or response.streaming or response.content:
            return response
        heading, message = message_for(response.status_code)
        context = {"heading": heading, "message": message}
        response.content = render_to_string("error.html", context, request=request)
        response["Content-Type"] = "text/html; charset=utf-8"
        return response


def csrf_failure(request, reason=""):
    """A forged, missing or expired CSRF token: say so in plain Vietnamese, with a 403.

    The refused post is gone: this page cannot show the reader's text again, and says so.
    """
    return render(request, "403_csrf.html", status=403)


def cross_origin_failure(request, why, kept="", back=""):
    """A post sent from another site (`why`: its Sec-Fetch-Site and Origin), refused with a 403
    that says so; `kept` is the reader's text shown back to copy, `back` the page to go back to.
    """
    context = {"origin": why.origin if why.origin != "null" else "", "kept": kept, "back": back}
    return render(request, "403_cross_origin.html", context, status=403)
