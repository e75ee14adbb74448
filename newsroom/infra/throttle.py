"""Throttles: who a request comes from, and counters every worker shares.

`client_ip()` finds the client's address behind trusted proxies; `hit()` counts an event in a
window and `hits()` reads the count. Counters live in the "shared" cache (Redis, or a file
cache every worker on the machine sees), so several workers do not multiply anyone's tries.

The admin login resists guessing: after LOGIN_FAILURES_PER_ACCOUNT failed logins for one
username, or LOGIN_FAILURES_PER_IP from one client address, within LOGIN_FAILURE_WINDOW_SECONDS,
logins for that username (from anywhere) or from that address (for any username) are refused
for LOGIN_LOCKOUT_SECONDS, even with the right password. Other accounts, other addresses,
people already logged in and the public site are not affected. A success clears the account's
count, not the address's.
"""

import hashlib
import ipaddress
import math
import time

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.utils.translation import ngettext

from newsroom.infra import metrics


def client_ip(request) -> str | None:
    """The client's address; behind N trusted proxies, the Nth address from the right.

    Only a well-formed IP address is returned (a forged header could hold anything)."""
    proxies = settings.NUM_TRUSTED_PROXIES
    if proxies:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [a for a in forwarded if a]
        if len(forwarded) >= proxies and (ip := _valid_ip(forwarded[-proxies])):
            return ip
    return _valid_ip(request.META.get("REMOTE_ADDR", ""))


def _valid_ip(value) -> str | None:
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def counter_key(prefix, value) -> str:
    """A cache key for `value` (an address, a username) that keeps the value itself out."""
    digest = hashlib.sha256((value or "unknown").encode("utf-8", "surrogatepass")).hexdigest()
    return f"{prefix}:{digest[:32]}"


def hits(key) -> int:
    return _cache().get(key, 0)


def hit(key, window) -> int:
    """Count one event under `key`; the count starts when the first event of a window does."""
    cache = _cache()
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        return 1


def _cache():
    return caches["shared"]


def _key(what, kind, value):
    return counter_key(f"login:{what}:{kind}", value)


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
        if hit(key, window) >= limit:
            cache.set(_key("locked", kind, value), time.time() + lockout, timeout=lockout)
            metrics.LOGIN_LOCKOUTS.labels(kind).inc()
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
