"""The admin login resists guessing: too many failures lock that account, or that address.

After LOGIN_FAILURES_PER_ACCOUNT failed logins for one username, or LOGIN_FAILURES_PER_IP from
one client address, within LOGIN_FAILURE_WINDOW_SECONDS, logins for that username (from
anywhere) or from that address (for any username) are refused for LOGIN_LOCKOUT_SECONDS, even
with the right password. Other accounts, other addresses, people already logged in and the
public site are not affected. A success clears the account's count, not the address's.

Counters live in the "shared" cache (Redis, or a file cache every worker on the machine sees),
so several workers do not multiply an attacker's tries; without that alias, in "default".
"""

import hashlib
import math
import time

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.utils.translation import ngettext

from comments.ratelimit import client_ip


def _cache():
    return caches["shared" if "shared" in settings.CACHES else "default"]


def _key(what, kind, value):
    digest = hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return f"login:{what}:{kind}:{digest}"


def _subjects(username, ip):
    """(kind, value, limit) for the account and the client address of one attempt."""
    return [
        ("account", (username or "").strip().casefold(), settings.LOGIN_FAILURES_PER_ACCOUNT),
        ("ip", ip or "unknown", settings.LOGIN_FAILURES_PER_IP),
    ]


def seconds_locked(username, ip) -> int:
    """How long until this username and this address may try again (0: now)."""
    keys = [_key("locked", kind, value) for kind, value, _limit in _subjects(username, ip)]
    until = max(_cache().get_many(keys).values(), default=0)
    return max(0, math.ceil(until - time.time()))


def record_failure(username, ip) -> None:
    cache = _cache()
    window, lockout = settings.LOGIN_FAILURE_WINDOW_SECONDS, settings.LOGIN_LOCKOUT_SECONDS
    for kind, value, limit in _subjects(username, ip):
        key = _key("failures", kind, value)
        cache.add(key, 0, timeout=window)
        try:
            failures = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, failures := 1, timeout=window)
        if failures >= limit:
            cache.set(_key("locked", kind, value), time.time() + lockout, timeout=lockout)
            cache.delete(key)


def record_success(username) -> None:
    kind, value, _limit = _subjects(username, None)[0]
    _cache().delete(_key("failures", kind, value))


def lockout_message(seconds) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    return ngettext(
        "Đăng nhập sai quá nhiều lần nên tạm thời bị khóa. Hãy thử lại sau %(n)d phút. "
        "Nếu quên mật khẩu, hãy liên hệ quản trị viên của tòa soạn.",
        "Đăng nhập sai quá nhiều lần nên tạm thời bị khóa. Hãy thử lại sau %(n)d phút. "
        "Nếu quên mật khẩu, hãy liên hệ quản trị viên của tòa soạn.",
        minutes,
    ) % {"n": minutes}


class ThrottledAdminLoginForm(AdminAuthenticationForm):
    """The admin's login form, refusing locked accounts and addresses before any check."""

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        ip = client_ip(self.request) if self.request else None
        if wait := seconds_locked(username, ip):
            raise ValidationError(lockout_message(wait), code="locked")
        try:
            cleaned = super().clean()
        except ValidationError:
            record_failure(username, ip)
            raise
        record_success(username)
        return cleaned
