"""Which comments this browser posted: a signed, HttpOnly cookie of ids and times.

A cookie rather than the session, so that posting a comment writes one row (the comment)
and pages need no session lookup to show a reader their own pending comments.
"""

import json
import time

from django.conf import settings

SALT = "comments.own"
MAX_AGE = 7 * 24 * 3600
MAX_REMEMBERED = 50


def ids(request) -> dict[int, float]:
    """{comment id: posted at (epoch seconds)} for this browser; empty when none or forged."""
    if not hasattr(request, "_own_comments"):
        raw = request.get_signed_cookie(
            settings.COMMENTS_OWN_COOKIE, default=None, salt=SALT, max_age=MAX_AGE
        )
        try:
            request._own_comments = {int(k): float(v) for k, v in json.loads(raw or "{}").items()}
        except (ValueError, AttributeError):
            request._own_comments = {}
    return request._own_comments


def remember(request, response, comment) -> None:
    own = {**ids(request), comment.pk: comment.created.timestamp()}
    _store(response, own)


def forget(request, response, comment) -> None:
    own = {k: v for k, v in ids(request).items() if k != comment.pk}
    _store(response, own)


def _store(response, own):
    cutoff = time.time() - MAX_AGE
    recent = sorted((v, k) for k, v in own.items() if v > cutoff)[-MAX_REMEMBERED:]
    if not recent:
        response.delete_cookie(settings.COMMENTS_OWN_COOKIE, samesite="Lax")
        return
    response.set_signed_cookie(
        settings.COMMENTS_OWN_COOKIE,
        json.dumps({str(k): round(v) for v, k in recent}, separators=(",", ":")),
        salt=SALT,
        max_age=MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
