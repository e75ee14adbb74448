"""Refusing cross-site posts without a per-reader token, as Go 1.25's CrossOriginProtection does.

Pages for anonymous readers are the same bytes for everyone, so their forms carry no CSRF
token. A view decorated with `@cross_origin_protected` checks instead where an unsafe request
comes from, with what every browser sends (OWASP, "Fetch Metadata"):

- `Sec-Fetch-Site` present (every browser since 2023): only `same-origin` or `none` (typed,
  a bookmark) pass; `same-site` (a sibling subdomain) and `cross-site` are refused;
- otherwise an `Origin` header, when present, must name this host (`request.get_host()`);
- neither header: not a browser's form post (curl, a feed reader); other defences remain.

An origin listed in CSRF_TRUSTED_ORIGINS (`https://*.example.vn` names its subdomains) passes
either check. A logged-in user's request must also carry Django's CSRF token, checked here as
CsrfViewMiddleware would (the decorator exempts the view from the middleware): staff pages are
personal anyway and carry the token (`{% form_token %}`).
"""

from dataclasses import dataclass
from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.middleware.csrf import CsrfViewMiddleware
from django.utils.http import is_same_domain
from django.views.decorators.csrf import csrf_exempt

from newsroom.infra import errors

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
ALLOWED_FETCH_SITES = frozenset({"same-origin", "none"})


@dataclass(frozen=True)
class CrossSite:
    """Why a request was refused: `fetch_site` is its Sec-Fetch-Site ('' when absent),
    `origin` its Origin header ('' when absent)."""

    fetch_site: str
    origin: str


def cross_site(request) -> CrossSite | None:
    """Why an unsafe request looks sent from another site, or None when it may go on."""
    if request.method in SAFE_METHODS:
        return None
    fetch_site = request.headers.get("Sec-Fetch-Site", "").strip().lower()
    origin = request.headers.get("Origin", "").strip()
    if fetch_site:
        if fetch_site in ALLOWED_FETCH_SITES or trusted(origin):
            return None
        return CrossSite(fetch_site, origin)
    if not origin or _host_of(origin) == request.get_host().lower() or trusted(origin):
        return None
    return CrossSite("", origin)


def _split(origin):
    """(scheme, host[:port]) of an origin, lower case; ('', '') when it is not one."""
    try:
        parts = urlsplit(origin.lower())
    except ValueError:
        return "", ""
    return parts.scheme, parts.netloc


def _host_of(origin):
    return _split(origin)[1]


def trusted(origin) -> bool:
    """Whether `origin` is one of CSRF_TRUSTED_ORIGINS (with Django's `*.` for subdomains)."""
    scheme, host = _split(origin)
    if not host:
        return False
    for allowed in settings.CSRF_TRUSTED_ORIGINS:
        allowed_scheme, allowed_host = _split(allowed)
        if scheme != allowed_scheme:
            continue
        if host == allowed_host or (
            allowed_host.startswith("*.") and is_same_domain(host, allowed_host[1:])
        ):
            return True
    return False


def _logged_in(request):
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated


def django_csrf_refusal(request):
    """Django's own CSRF check (token and Origin), run on a view the middleware skipped:
    its refusal (the CSRF_FAILURE_VIEW page), or None."""
    check = CsrfViewMiddleware(lambda request: None)
    check.process_request(request)
    return check.process_view(request, None, (), {})


def cross_origin_protected(view=None, *, refused=None):
    """Take unsafe requests to `view` only from this site's pages, without a token for
    anonymous readers (see the module's doc); CSRF-exempts the view.

    `refused(request, why, *args, **kwargs)` draws the 403 answer to a cross-site request
    (by default `errors.cross_origin_failure`, which says why).
    """

    def decorate(view):
        @wraps(view)
        def protected(request, *args, **kwargs):
            if why := cross_site(request):
                if refused is not None:
                    return refused(request, why, *args, **kwargs)
                return errors.cross_origin_failure(request, why)
            if _logged_in(request) and (refusal := django_csrf_refusal(request)):
                return refusal
            return view(request, *args, **kwargs)

        return csrf_exempt(protected)

    return decorate(view) if view is not None else decorate
