"""The site's URLs with the benchmark's baseline page, /_bench/baseline/, in front."""

from django.urls import path

import newsroom.urls
from tests.bench.views import baseline

urlpatterns = [path("_bench/baseline/", baseline, name="bench_baseline")]
urlpatterns += newsroom.urls.urlpatterns
