import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from articles.video import probe

register = template.Library()

WEEKDAYS = [
    _("Thứ Hai"),
    _("Thứ Ba"),
    _("Thứ Tư"),
    _("Thứ Năm"),
    _("Thứ Sáu"),
    _("Thứ Bảy"),
    _("Chủ Nhật"),
]
_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def vn_datetime(value):
    """'Thứ Năm, 13/01/2022 08:30' in the site's time zone."""
    if not value:
        return ""
    local = timezone.localtime(value)
    return f"{WEEKDAYS[local.weekday()]}, {local:%d/%m/%Y %H:%M}"


@register.filter
def vn_date(value):
    """'13/01/2022' in the site's time zone."""
    return f"{timezone.localtime(value):%d/%m/%Y}" if value else ""


@register.filter
def machine_datetime(value):
    """'2022-01-13T08:30:00+07:00': ISO 8601 in the site's time zone, to the second, for
    <time datetime> (HTML allows at most three digits of a second's fraction)."""
    if not value:
        return ""
    return timezone.localtime(value).replace(microsecond=0).isoformat()


@register.filter
def json_ld(data):
    """Serialize `data` for a <script type="application/ld+json"> block, safely escaped."""
    return mark_safe(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_ESCAPES)
    )


@register.filter
def clock(seconds):
    """A video's length as readers read it: 2:05, 1:02:03."""
    return probe.clock(seconds) if seconds else ""
