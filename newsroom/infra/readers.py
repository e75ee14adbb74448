"""One anonymous browser, known by a random signed cookie: for "once per browser" rules.

Likes, reports and read counts need to tell one browser from another without an account and
without making pages personal: the cookie holds nothing but a random id, pages look the same
with or without it, so it is not one of `PAGE_CACHE_SKIP_COOKIES`. Tables keep a hash of it
(`browser_key`), never the cookie's value.
"""

import hashlib
import secrets

from django.conf import settings

SALT = "newsroom.reader"
MAX_AGE = 365 * 24 * 3600


def browser_key(request, response=None) -> str | None:
    """This browser's key (32 hex digits). With `response`, a browser without the cookie is
    given one (and its key returned); without it, such a browser has no key (None)."""
    token = getattr(request, "_reader_token", None) or request.get_signed_cookie(
        settings.READER_COOKIE, default=None, salt=SALT, max_age=MAX_AGE
    )
    if not token and response is not None:
        token = secrets.token_urlsafe(18)
        response.set_signed_cookie(
            settings.READER_COOKIE,
            token,
            salt=SALT,
            max_age=MAX_AGE,
            httponly=True,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
    if not token:
        return None
    request._reader_token = token
    return hashlib.blake2b(f"{SALT}:{token}".encode(), digest_size=16).hexdigest()
