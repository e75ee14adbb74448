"""The bare project's one URL: the same fixed 40 KB page as the site's baseline view."""

from django.http import HttpResponse
from django.urls import path

from tests.bench.views import BASELINE_HTML

BODY = BASELINE_HTML.encode()


def baseline(request):
    return HttpResponse(BODY)


urlpatterns = [path("_bench/baseline/", baseline)]
