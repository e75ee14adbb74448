from django.http import HttpResponse

# 40 KB of HTML: the benchmark's yardstick for "a minimal Django view".
BASELINE_HTML = (
    "<!DOCTYPE html><html lang=vi><head><meta charset=utf-8><title>Baseline</title></head><body>"
    + "<p>Đây là một đoạn văn bản cố định dùng để đo hiệu năng của máy chủ.</p>" * 396
    + "</body></html>"
)


def baseline(request):
    """A fixed 40 KB page, served by the same process as the pages it is compared with."""
    return HttpResponse(BASELINE_HTML)
