"""The optional "remember my name and email" cookie: signed, HttpOnly, this browser only."""

import json

from django.conf import settings

SALT = "comments.remember"
MAX_AGE = 365 * 24 * 3600


def read(request) -> dict:
    raw = request.get_signed_cookie(
        settings.COMMENTS_REMEMBER_COOKIE, default=None, salt=SALT, max_age=MAX_AGE
    )
    if not raw:
        return {}
    try:
        data = json.loads(raw)
    except ValueError:
        return {}
    return {k: str(data[k])[:254] for k in ("name", "email") if k in data}


def apply(response, form) -> None:
    """Set the cookie when the reader ticked the box; otherwise make sure none is left."""
    if form.cleaned_data.get("remember"):
        value = json.dumps({"name": form.cleaned_data["name"], "email": form.cleaned_data["email"]})
        response.set_signed_cookie(
            settings.COMMENTS_REMEMBER_COOKIE,
            value,
            salt=SALT,
            max_age=MAX_AGE,
            httponly=True,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
    else:
        response.delete_cookie(settings.COMMENTS_REMEMBER_COOKIE, samesite="Lax")
