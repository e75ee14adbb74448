"""What leaves for Sentry carries no reader's email or address.

Sentry gets the error, its stack and the request's method and path; `send_default_pii=False`
already keeps cookies and the user's address out, but a form's fields (a commenter's email),
a local variable or an exception's message can still hold one. `before_send` goes over the
whole event: every email address anywhere is replaced, so is every IP address, and the
fields that hold the client's address (the user's `ip_address`, `REMOTE_ADDR`,
X-Forwarded-For and its kin) are emptied whatever their form.
"""

import ipaddress
import re

EMAIL = re.compile(r"[\w.%+-]+(?:@|%40)[\w-]+(?:\.[\w-]+)+")  # also URL-encoded
IPV4 = re.compile(r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w.])")
# Anything that might be an IPv6 address; kept only when `ipaddress` agrees it is one.
IPV6 = re.compile(r"(?<![\w:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f.]{0,15}){2,8}(?![\w:])")
EMAIL_MASK = "[email]"
IP_MASK = "[ip]"
FILTERED = "[Filtered]"
# Headers and WSGI variables that hold the client's address (compared lowercased, with "-").
ADDRESS_FIELDS = {
    "remote-addr",
    "http-x-forwarded-for",
    "x-forwarded-for",
    "http-x-real-ip",
    "x-real-ip",
    "forwarded",
    "http-forwarded",
    "cf-connecting-ip",
    "http-cf-connecting-ip",
    "true-client-ip",
    "http-true-client-ip",
    "x-client-ip",
    "http-x-client-ip",
    "ip-address",
}


def _ip_or_same(match):
    text = match.group(0)
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return text
    return IP_MASK


def scrub_text(text: str) -> str:
    """`text` with every email and IP address replaced."""
    text = EMAIL.sub(EMAIL_MASK, text)
    text = IPV4.sub(_ip_or_same, text)
    if text.count(":") >= 2:
        text = IPV6.sub(_ip_or_same, text)
    return text


def _is_address_field(key) -> bool:
    return isinstance(key, str) and key.lower().replace("_", "-") in ADDRESS_FIELDS


def scrub(value):
    """A copy of `value` (an event or any part of one) without emails or IP addresses."""
    if isinstance(value, str):
        return scrub_text(value)
    if isinstance(value, dict):
        return {
            scrub(key) if isinstance(key, str) else key: (
                FILTERED if _is_address_field(key) and item else scrub(item)
            )
            for key, item in value.items()
        }
    if isinstance(value, (list, tuple)):
        return [scrub(item) for item in value]
    return value


def before_send(event, hint=None):
    """Sentry's `before_send`: the event, scrubbed (errors and messages)."""
    event = scrub(event)
    user = event.get("user")
    if isinstance(user, dict):
        user.pop("ip_address", None)
        user.pop("email", None)
    return event


def before_send_transaction(event, hint=None):
    """Sentry's `before_send_transaction`: performance events carry URLs and spans too."""
    return before_send(event, hint)
