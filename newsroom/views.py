from django.http import HttpResponse, HttpResponseRedirect
from django.templatetags.static import static
from django.utils.cache import patch_cache_control

# 40 KB of HTML: the benchmark's yardstick for "a minimal Django view".
BASELINE_HTML = (
    "<!DOCTYPE html><html lang=vi><head><meta charset=utf-8><title>Baseline</title></head><body>"
    + "<p>Đây là một đoạn văn bản cố định dùng để đo hiệu năng của máy chủ.</p>" * 396
    + "</body></html>"
)


def baseline(request):
    """A fixed 40 KB page, only mounted when BENCH_BASELINE is on (see tests/bench/)."""
    return HttpResponse(BASELINE_HTML)


def root_icon(request, name):
    """/favicon.ico and /apple-touch-icon.png, asked for by browsers that never read the
    page's <link>s: sent on to the hashed static file (cached for a day, not forever, so a
    new icon takes over)."""
    response = HttpResponseRedirect(static(f"img/{name}"))
    patch_cache_control(response, public=True, max_age=86400)
    return response
