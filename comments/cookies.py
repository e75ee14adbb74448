"""The reader's cookies: which comments this browser posted, and its remembered name and email.

Both are signed and HttpOnly, and both are this browser's alone. The first lists the ids and
times of its own comments (a cookie rather than the session, so that posting a comment writes
one row and pages need no session lookup to show a reader their own pending comments); the
second is the optional "remember my name and email".

Only personal answers read them, all under PERSONAL_PREFIX (`/cua-ban/`): a shared cache in
front of the site passes that prefix and may drop the cookies everywhere else, since no other
page changes with them. A third cookie, HINT_COOKIE, readable by scripts and holding nothing
but "1", tells the story page's script that this browser has comments waiting for a moderator,
to fetch and put in place (a remembered name needs no request: the script keeps it in the
browser's own storage too); a fourth, POSTED_COOKIE, the same kind, that a post of this
browser's just landed on the shared page (a message for the script, which the shared page
cannot carry).
"""

import json
import time

from django.conf import settings
from django.utils.cache import add_never_cache_headers

OWN_SALT = "comments.own"
OWN_MAX_AGE = 7 * 24 * 3600
OWN_MAX_REMEMBERED = 50
REMEMBER_SALT = "comments.remember"
REMEMBER_MAX_AGE = 365 * 24 * 3600
HINT_COOKIE = "newsroom_has_personal"
POSTED_COOKIE = "newsroom_posted"  # "1" for a minute: the script says thanks, then drops it
POSTED_MAX_AGE = 60
PERSONAL_PREFIX = "/cua-ban/"


def own_ids(request) -> dict[int, float]:
    """{comment id: posted at (epoch seconds)} for this browser; empty when none or forged."""
    if not hasattr(request, "_own_comments"):
        raw = request.get_signed_cookie(
            settings.COMMENTS_OWN_COOKIE, default=None, salt=OWN_SALT, max_age=OWN_MAX_AGE
        )
        try:
            request._own_comments = {int(k): float(v) for k, v in json.loads(raw or "{}").items()}
        except (ValueError, AttributeError):
            request._own_comments = {}
    return request._own_comments


def remember_own(request, response, comment) -> None:
    own = {**own_ids(request), comment.pk: comment.created.timestamp()}
    _store_own(response, own)
    if comment.is_pending:
        update_hint(request, response, waiting=True)


def forget_own(request, response, comment) -> None:
    """Forget `comment` (withdrawn); with it the hint, when no other comment is left."""
    own = {k: v for k, v in own_ids(request).items() if k != comment.pk}
    _store_own(response, own)
    if not own:
        update_hint(request, response, waiting=False)


def _store_own(response, own):
    cutoff = time.time() - OWN_MAX_AGE
    recent = sorted((v, k) for k, v in own.items() if v > cutoff)[-OWN_MAX_REMEMBERED:]
    if not recent:
        response.delete_cookie(settings.COMMENTS_OWN_COOKIE, samesite="Lax")
        return
    response.set_signed_cookie(
        settings.COMMENTS_OWN_COOKIE,
        json.dumps({str(k): round(v) for v, k in recent}, separators=(",", ":")),
        salt=OWN_SALT,
        max_age=OWN_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def remembered(request) -> dict:
    raw = request.get_signed_cookie(
        settings.COMMENTS_REMEMBER_COOKIE,
        default=None,
        salt=REMEMBER_SALT,
        max_age=REMEMBER_MAX_AGE,
    )
    if not raw:
        return {}
    try:
        data = json.loads(raw)
    except ValueError:
        return {}
    return {k: str(data[k])[:254] for k in ("name", "email") if k in data}


def apply_remember(request, response, form) -> None:
    """Set the cookie when the reader ticked the box; otherwise make sure none is left."""
    if form.cleaned_data.get("remember"):
        value = json.dumps({"name": form.cleaned_data["name"], "email": form.cleaned_data["email"]})
        response.set_signed_cookie(
            settings.COMMENTS_REMEMBER_COOKIE,
            value,
            salt=REMEMBER_SALT,
            max_age=REMEMBER_MAX_AGE,
            httponly=True,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
    else:
        response.delete_cookie(settings.COMMENTS_REMEMBER_COOKIE, samesite="Lax")


def note_posted(response, story_url) -> None:
    """POSTED_COOKIE for the story's page alone (its path): no other page thanks the reader."""
    response.set_cookie(
        POSTED_COOKIE,
        "1",
        max_age=POSTED_MAX_AGE,
        path=story_url,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def update_hint(request, response, *, waiting: bool) -> None:
    """Set HINT_COOKIE while this browser has comments `waiting` for a moderator (for as long
    as it remembers its own comments); delete it once none is left."""
    if waiting:
        response.set_cookie(
            HINT_COOKIE,
            "1",
            max_age=OWN_MAX_AGE,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
    elif HINT_COOKIE in request.COOKIES:
        response.delete_cookie(HINT_COOKIE, samesite="Lax")


class PersonalPagesMiddleware:
    """Every answer under PERSONAL_PREFIX, the only pages that read the reader's cookies, is
    private and stored by no cache, whatever its view said."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith(PERSONAL_PREFIX):
            add_never_cache_headers(response)  # private, no-store
        return response
