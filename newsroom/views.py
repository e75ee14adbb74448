from django.http import HttpResponseRedirect, HttpResponseServerError
from django.template import loader
from django.templatetags.static import static
from django.utils.cache import patch_cache_control
from django.utils.html import escape
from django.views.decorators.csrf import requires_csrf_token

from newsroom.infra import requestlog


def root_icon(request, name):
    """/favicon.ico and /apple-touch-icon.png, asked for by browsers that never read the
    page's <link>s: sent on to the hashed static file (cached for a day, not forever, so a
    new icon takes over)."""
    response = HttpResponseRedirect(static(f"img/{name}"))
    patch_cache_control(response, public=True, max_age=86400)
    return response


@requires_csrf_token
def server_error(request, template_name="500.html"):
    """The 500 page, with the request's id for the reader to quote (the error's log line has
    the same). Drawn without context processors: the database may be what failed."""
    context = {"request_id": requestlog.current_id(request)}
    try:
        body = loader.get_template(template_name).render(context)
    except Exception:  # the page itself failed: still answer, plainly
        body = f"<h1>Server Error (500)</h1><p>Request ID: {escape(context['request_id'])}</p>"
    response = HttpResponseServerError(body)
    patch_cache_control(response, no_store=True)
    return response
