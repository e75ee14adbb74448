"""The read beacon: the story page's script says a reader opened it (articles.readership)."""

from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from articles import read_batches, readership


@csrf_exempt  # it changes nothing a reader owns; beacons other sites send are not counted
@require_POST
def read(request, pk):
    """Always 204 and an empty body, counted or not: the answer tells nothing about the
    story, the browser or whether the read counted. Gathered counts are written when due."""
    response = HttpResponse(status=204)
    response["Cache-Control"] = "no-store"
    readership.count(request, response, pk)
    read_batches.flush_if_due()
    return response
