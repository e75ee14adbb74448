"""Per-IP rate limits for posting comments, kept in the cache (shared through Redis)."""

import hashlib
import ipaddress

from django.conf import settings
from django.core.cache import caches


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


def _key(ip, window):
    digest = hashlib.sha256((ip or "unknown").encode()).hexdigest()[:32]
    return f"comments:rate:{window}:{digest}"


def _cache():
    return caches["shared"]


def exceeded(ip):
    """The (limit, window in seconds) this address has used up, or None."""
    if not settings.COMMENTS_RATE_LIMIT_ENABLED:
        return None
    for limit, window in settings.COMMENTS_RATE_LIMITS:
        if _cache().get(_key(ip, window), 0) >= limit:
            return limit, window
    return None


def record(ip) -> None:
    if not settings.COMMENTS_RATE_LIMIT_ENABLED:
        return
    for _limit, window in settings.COMMENTS_RATE_LIMITS:
        key, cache = _key(ip, window), _cache()
        cache.add(key, 0, timeout=window)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=window)
