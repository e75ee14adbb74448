"""Uploaded media: served from MEDIA_ROOT with HTTP Range requests in SERVE_MEDIA mode, and
stored with the same content types on S3-compatible storage (`S3MediaStorage`).

In production nginx or S3 serves media and this view is not routed. It exists for SERVE_MEDIA
mode (development, a single machine), where Django's own `django.views.static.serve` would do
but for video: players seek with `Range: bytes=...` and need 206 Partial Content answers.

One range per request is served (`bytes=a-b`, `bytes=a-`, `bytes=-n`); a malformed Range or
several ranges get the whole file with 200, which RFC 9110 permits. Files are streamed in
64 KiB chunks and never read whole into memory.
"""

import mimetypes
import os
import posixpath
import re
import stat

from django.core.exceptions import SuspiciousFileOperation
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.utils._os import safe_join
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, parse_http_date_safe
from django.views.decorators.http import require_safe
from storages.backends.s3 import S3Storage

CHUNK_SIZE = 64 * 1024

# Types `mimetypes` may lack or get wrong (`.ts` is Qt Linguist on some systems).
CONTENT_TYPES = {
    ".m3u8": "application/vnd.apple.mpegurl",
    ".ts": "video/mp2t",
    ".m4s": "video/iso.segment",
    ".mp4": "video/mp4",
    ".webm": "video/webm",
    ".vtt": "text/vtt; charset=utf-8",
    ".webp": "image/webp",
}
# A compressed upload (`notes.txt.gz`) is served as the archive it is, not decoded by the
# browser, as Django's FileResponse does.
COMPRESSED_TYPES = {
    "br": "application/x-brotli",
    "bzip2": "application/x-bzip",
    "compress": "application/x-compress",
    "gzip": "application/gzip",
    "xz": "application/x-xz",
}
SINGLE_RANGE = re.compile(r"^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$", re.IGNORECASE)


class Unsatisfiable(Exception):
    """The range starts at or past the end of the file: 416."""


def content_type_for(name: str) -> str:
    content_type = CONTENT_TYPES.get(posixpath.splitext(name)[1].lower())
    if content_type:
        return content_type
    guessed, encoding = mimetypes.guess_type(name, strict=False)
    if encoding:
        return COMPRESSED_TYPES.get(encoding, "application/octet-stream")
    return guessed or "application/octet-stream"


class S3MediaStorage(S3Storage):
    """django-storages' S3 backend, each object typed by its name as `serve` types it: an HLS
    segment is video/mp2t, and an upload never keeps the type its browser claimed."""

    def get_object_parameters(self, name):
        return {"ContentType": content_type_for(name), **super().get_object_parameters(name)}


def etag_for(stats: os.stat_result) -> str:
    """A strong validator from the file's modification time and size (as nginx makes it)."""
    return f'"{stats.st_mtime_ns:x}-{stats.st_size:x}"'


def byte_range(header: str | None, size: int) -> tuple[int, int] | None:
    """The (first, last) byte positions asked for, both inclusive; None to send the whole file.

    A missing, malformed or multi-range header gives None; a satisfiable-looking one that
    starts at or past the end raises Unsatisfiable.
    """
    match = SINGLE_RANGE.match(header or "")
    if not match:
        return None
    try:
        first, last = (int(n) if n else None for n in match.groups())
    except ValueError:  # thousands of digits: past int()'s limit
        return None
    if first is None:
        if last is None:
            return None
        if last == 0:
            raise Unsatisfiable
        if size == 0:
            return None  # no byte range of an empty file: send it (empty) whole
        return max(size - last, 0), size - 1
    if last is not None and last < first:
        return None  # an invalid range-spec: ignored
    if first >= size:
        raise Unsatisfiable
    return first, size - 1 if last is None else min(last, size - 1)


def if_range_matches(header: str | None, etag: str, mtime: int) -> bool:
    """Whether If-Range (absent, an ETag or a date) still names this file's version."""
    if header is None:
        return True
    header = header.strip()
    if header.startswith(('"', "W/")):
        return header == etag  # strong comparison: a weak tag never matches
    return parse_http_date_safe(header) == mtime


def read_slice(fullpath: str, start: int, length: int):
    """Yield `length` bytes of the file from `start`, CHUNK_SIZE at a time.

    The file is opened on the first chunk and closed when the generator ends or is closed
    (the response closes it, even when the client goes away mid-stream).
    """
    with open(fullpath, "rb") as file:
        file.seek(start)
        while length > 0:
            chunk = file.read(min(CHUNK_SIZE, length))
            if not chunk:
                return
            length -= len(chunk)
            yield chunk


@require_safe
def serve(request, path, document_root):
    """Serve `path` below `document_root` for GET and HEAD, answering single byte ranges."""
    path = posixpath.normpath(path).lstrip("/")
    try:
        fullpath = safe_join(document_root, path)
        stats = os.stat(fullpath)
    except (SuspiciousFileOperation, OSError, ValueError) as error:
        raise Http404("No such file.") from error
    if not stat.S_ISREG(stats.st_mode):  # directories (no index pages), FIFOs, devices
        raise Http404("No such file.")

    size, mtime, etag = stats.st_size, int(stats.st_mtime), etag_for(stats)
    validators = {"ETag": etag, "Last-Modified": http_date(mtime)}
    conditional = get_conditional_response(request, etag=etag, last_modified=mtime)
    if conditional is not None:  # 304 Not Modified, or 412 for a failed If-Match
        for name, value in validators.items():
            conditional.headers.setdefault(name, value)
        return conditional

    wanted = None
    if request.method == "GET" and if_range_matches(request.headers.get("If-Range"), etag, mtime):
        try:
            wanted = byte_range(request.headers.get("Range"), size)
        except Unsatisfiable:
            response = HttpResponse(status=416)
            response.headers["Content-Range"] = f"bytes */{size}"
            response.headers["Accept-Ranges"] = "bytes"
            return response

    first, last = wanted or (0, size - 1)
    length = last - first + 1
    # HEAD gets the headers of the GET and no body: the file is not even opened.
    body = () if request.method == "HEAD" else read_slice(fullpath, first, length)
    response = StreamingHttpResponse(
        body, status=206 if wanted else 200, content_type=content_type_for(fullpath)
    )
    for name, value in validators.items():
        response.headers[name] = value
    response.headers["Content-Length"] = str(length)
    response.headers["Accept-Ranges"] = "bytes"
    response.headers["X-Content-Type-Options"] = "nosniff"
    if wanted:
        response.headers["Content-Range"] = f"bytes {first}-{last}/{size}"
    return response
