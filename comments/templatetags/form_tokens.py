"""`{% form_token %}`: Django's CSRF field for logged-in users only.

Anonymous readers' forms carry no token (`newsroom.infra.origin` checks where their posts come
from), so their pages are the same bytes for everyone and set no `csrftoken` cookie. A
logged-in user's pages are personal anyway, and their posts must carry Django's token.
"""

from django import template
from django.middleware.csrf import get_token
from django.utils.html import format_html

register = template.Library()


@register.simple_tag(takes_context=True)
def form_token(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return ""
    return format_html(
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request)
    )
