from django.http import HttpResponseRedirect
from django.templatetags.static import static
from django.utils.cache import patch_cache_control


def root_icon(request, name):
    """/favicon.ico and /apple-touch-icon.png, asked for by browsers that never read the
    page's <link>s: sent on to the hashed static file (cached for a day, not forever, so a
    new icon takes over)."""
    response = HttpResponseRedirect(static(f"img/{name}"))
    patch_cache_control(response, public=True, max_age=86400)
    return response
