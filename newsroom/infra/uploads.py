"""How large a request's body may be: a few megabytes for everyone, and the size of a video
only for logged-in staff inside the admin (story images, videos, posters, captions).

Django's own limit, DATA_UPLOAD_MAX_MEMORY_SIZE, counts the form fields only: uploaded files
go through the upload handlers, to memory and then to a temporary file, however large, and a
comment form answered with errors draws back every character it was sent. Django reads that
setting when it parses a body, with no per-view value, so the limit per request is this
middleware's: it reads the declared length (Content-Length) before anything reads the body,
and refuses a body over the limit with a readable 413 page, unread. A body without a
Content-Length (chunked) is not read by Django at all.
"""

from django.conf import settings
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _


def declared_length(request) -> int:
    """The body's length as the client declares it (0 when missing or not a number, as for
    Django, which then reads nothing)."""
    try:
        return max(0, int(request.META.get("CONTENT_LENGTH") or 0))
    except ValueError:
        return 0


def limit_for(request) -> int:
    """The largest body `request` may carry: the admin's limit for staff in the admin (their
    session is read only for a body past the everyday limit), else REQUEST_MAX_BYTES."""
    if request.path.startswith(reverse("admin:index")):
        user = getattr(request, "user", None)
        if user is not None and user.is_active and user.is_staff:
            return settings.ADMIN_REQUEST_MAX_BYTES
    return settings.REQUEST_MAX_BYTES


class RequestSizeLimitMiddleware:
    """Refuse, unread, a body larger than the request may carry (needs AuthenticationMiddleware
    before it; it runs before any middleware or view reads the body)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        size = declared_length(request)
        if size > settings.REQUEST_MAX_BYTES and size > (limit := limit_for(request)):
            return too_large(request, size, limit)
        return self.get_response(request)


def too_large(request, size, limit):
    context = {
        "heading": _("Nội dung gửi lên quá lớn"),
        "message": _(
            "Trang này nhận tối đa %(limit)s mỗi lần gửi; nội dung bạn gửi (%(size)s) chưa "
            "được nhận. Hãy rút ngắn rồi gửi lại."
        )
        % {"limit": filesizeformat(limit), "size": filesizeformat(size)},
    }
    response = render(request, "error.html", context, status=413)
    add_never_cache_headers(response)
    return response
