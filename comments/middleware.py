from django.conf import settings
from django.utils.cache import patch_cache_control

from comments import own


class PersonalPagesMiddleware:
    """Pages that may show a reader's own pending comments or remembered email are private.

    Shared caches (a CDN, nginx, the site's page cache) must never keep them for others.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method in {"GET", "HEAD"} and self.personal(request):
            patch_cache_control(response, private=True)
        return response

    def personal(self, request):
        return bool(request.COOKIES.get(settings.COMMENTS_REMEMBER_COOKIE)) or bool(
            own.ids(request)
        )
