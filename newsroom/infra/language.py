"""The site's language: Vietnamese, or the language a reader picked with the switcher."""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.views import i18n

from newsroom.infra.origin import cross_origin_protected

# The footer's switcher: Django's own view (the cookie, a safe `next`), without a per-reader
# token, since every page carries the form; posts from other sites are refused.
set_language = cross_origin_protected(i18n.set_language)


class SiteLanguageMiddleware:
    """Vietnamese unless the reader picked another language with the switcher (a cookie).

    Unlike Django's LocaleMiddleware, the browser's Accept-Language is not consulted: the
    outlet's readers get Vietnamese even on an English-language phone.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ["Cookie"])
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response
