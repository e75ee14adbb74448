"""One log line per request, and the request's id on its answer and on every line logged for it.

The id comes from the proxy in front (nginx's `$request_id` in X-Request-ID) when it looks
like one, else it is made here; it goes back in the answer's X-Request-ID header and on the
500 page, so a reader's report, nginx's log and ours meet on it.

The line (logger "newsroom.request") says what was asked and how it went, never who asked or
with what: method, path without the query string, the view, status, time taken, and the user's
id for logged-in staff only. No query string, header, cookie, form field or address.
"""

import logging
import re
import time
import uuid

from newsroom.infra.logconfig import request_id

logger = logging.getLogger("newsroom.request")
SANE_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
HEADER = "X-Request-ID"


def id_for(request) -> str:
    """The proxy's id when it is sane (at most 64 of [A-Za-z0-9._-]), else a new one."""
    given = request.headers.get(HEADER, "")
    return given if SANE_ID.fullmatch(given) else uuid.uuid4().hex


def current_id(request=None) -> str | None:
    """The id of `request` (or of the request being answered)."""
    return getattr(request, "request_id", None) or request_id.get()


def staff_id(request):
    """The user's id when a logged-in staff member made the request; None otherwise."""
    try:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_staff:
            return user.pk
    except Exception:  # a broken session or database must not lose the line
        return None
    return None


class RequestLogMiddleware:
    """First in MIDDLEWARE: sees every answer, the page cache's and the error pages' too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = rid = id_for(request)
        token = request_id.set(rid)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response[HEADER] = rid
            if not logger.isEnabledFor(logging.INFO):  # LOG_LEVEL=WARNING: nothing to write
                return response
            match = getattr(request, "resolver_match", None)
            fields = {
                "method": request.method,
                "path": request.path,
                "view": match.view_name if match else None,  # None: answered from the cache
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            }
            if (user_id := staff_id(request)) is not None:
                fields["user_id"] = user_id
            logger.info(
                "%s %s %s", request.method, request.path, response.status_code, extra=fields
            )
            return response
        finally:
            request_id.reset(token)
