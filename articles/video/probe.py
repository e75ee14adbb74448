"""Checking an uploaded video with ffprobe before anything is kept.

A file is accepted only when it is an MP4/MOV or Matroska/WebM container with a video stream,
within `VIDEO_MAX_BYTES`, `VIDEO_MAX_SECONDS` and `VIDEO_MAX_SIDE`, whole (its last seconds
decode), and carries no markup or ZIP a browser or unzipper could find (a polyglot).
"""

import json
import shutil
import subprocess
import tempfile
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from articles.images import ACTIVE_CONTENT

EXTENSIONS = {".mp4", ".m4v", ".mov", ".webm", ".mkv"}
# ffprobe's names for the containers we take: ISO media (mp4, mov) and Matroska (mkv, webm).
CONTAINERS = {"mov,mp4,m4a,3gp,3g2,mj2", "matroska,webm"}
# Where a browser sniffs for markup and a ZIP reader looks for its directory.
EDGE_BYTES = 256 * 1024
PROBE_TIMEOUT = 120


@dataclass(frozen=True)
class Probe:
    duration: float
    width: int
    height: int
    size: int
    container: str
    has_audio: bool


class FfmpegMissing(ValidationError):
    pass


def binaries_found() -> bool:
    return bool(shutil.which(settings.FFMPEG_BINARY) and shutil.which(settings.FFPROBE_BINARY))


def missing_message() -> str:
    return _(
        "Máy chủ chưa cài ffmpeg nên chưa nhận được video. Hãy báo người quản trị kỹ thuật "
        "(Debian: apt-get install ffmpeg)."
    )


def check_upload(upload) -> Probe:
    """Refuse anything but a whole, reasonably sized video, naming the problem."""
    if not binaries_found():
        raise FfmpegMissing(missing_message(), code="ffmpeg_missing")
    if Path(upload.name or "").suffix.lower() not in EXTENSIONS:
        raise ValidationError(
            _("Chỉ nhận video MP4, MOV, WebM hoặc MKV."), code="invalid_extension"
        )
    if upload.size > settings.VIDEO_MAX_BYTES:
        raise ValidationError(
            _("Video quá lớn (%(size)s). Dung lượng tối đa là %(max)s.")
            % {
                "size": filesizeformat(upload.size),
                "max": filesizeformat(settings.VIDEO_MAX_BYTES),
            },
            code="too_many_bytes",
        )
    with local_path(upload) as path:
        return check_file(path)


def check_file(path: Path) -> Probe:
    if _carries_payload(path):
        raise ValidationError(
            _(
                "Tệp video này chứa thêm mã (HTML, JavaScript) hoặc một tệp nén nên không được "
                "nhận. Hãy xuất lại video từ phần mềm dựng phim rồi tải lên."
            ),
            code="polyglot",
        )
    info = inspect(path)
    # Compared in whole seconds, as the message shows them: containers report a little
    # over (a 1 s Matroska clip says 1.02 s), which must not read "0:01, over 0:01".
    if round(info.duration) > settings.VIDEO_MAX_SECONDS:
        raise ValidationError(
            _("Video dài %(len)s, vượt giới hạn %(max)s.")
            % {"len": clock(info.duration), "max": clock(settings.VIDEO_MAX_SECONDS)},
            code="too_long",
        )
    if max(info.width, info.height) > settings.VIDEO_MAX_SIDE:
        raise ValidationError(
            _("Video có kích thước %(w)s×%(h)s, vượt giới hạn %(max)s điểm ảnh mỗi cạnh.")
            % {"w": info.width, "h": info.height, "max": settings.VIDEO_MAX_SIDE},
            code="too_large",
        )
    if not _ends_whole(path, info.duration):
        raise _damaged()
    return info


def inspect(path: Path) -> Probe:
    """What ffprobe says of the file; a ValidationError when it is not a usable video."""
    result = _run(
        [
            settings.FFPROBE_BINARY,
            "-v",
            "error",
            "-show_format",
            "-show_streams",
            "-of",
            "json",
            str(path),
        ]
    )
    data = json.loads(result.stdout or "{}") if result.returncode == 0 else {}
    container = data.get("format", {}).get("format_name", "")
    if container not in CONTAINERS:
        if _looks_like_container(path):
            raise _damaged()
        raise ValidationError(
            _("Tệp này không phải là video. Hãy tải lên video MP4, MOV, WebM hoặc MKV."),
            code="not_video",
        )
    streams = data.get("streams", [])
    video = next(
        (
            s
            for s in streams
            if s.get("codec_type") == "video"
            and not s.get("disposition", {}).get("attached_pic")
            and s.get("width")
        ),
        None,
    )
    if video is None:
        raise ValidationError(
            _("Tệp không có hình (chỉ có âm thanh hoặc dữ liệu khác)."), code="no_video_stream"
        )
    duration = _float(data["format"].get("duration")) or _float(video.get("duration"))
    if not duration:
        raise _damaged()
    width, height = int(video["width"]), int(video["height"])
    if _rotation(video) in {90, 270}:
        width, height = height, width
    return Probe(
        duration=duration,
        width=width,
        height=height,
        size=path.stat().st_size,
        container=container,
        has_audio=any(s.get("codec_type") == "audio" for s in streams),
    )


def clock(seconds: float) -> str:
    """1:02:03 or 2:03."""
    seconds = round(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


@contextmanager
def local_path(upload):
    """A path on disk for the upload: the temporary file Django streamed it to, or a copy of
    a small upload that stayed in memory."""
    if hasattr(upload, "temporary_file_path"):
        yield Path(upload.temporary_file_path())
        return
    suffix = Path(upload.name or "").suffix
    with tempfile.NamedTemporaryFile(suffix=suffix) as copy:
        upload.seek(0)
        for chunk in upload.chunks():
            copy.write(chunk)
        copy.flush()
        upload.seek(0)
        yield Path(copy.name)


def _ends_whole(path: Path, duration: float) -> bool:
    """Decode the last two seconds: a cut-off file reports missing data."""
    result = _run(
        [
            settings.FFMPEG_BINARY,
            "-nostdin",
            "-v",
            "error",
            "-sseof",
            f"-{min(2.0, duration):.3f}",
            "-i",
            str(path),
            "-map",
            "0:v:0",
            "-f",
            "null",
            "-",
        ]
    )
    return result.returncode == 0 and not result.stderr.strip()


def _carries_payload(path: Path) -> bool:
    size = path.stat().st_size
    with path.open("rb") as f:
        head = f.read(EDGE_BYTES)
        f.seek(max(0, size - EDGE_BYTES))
        tail = f.read(EDGE_BYTES)
        if ACTIVE_CONTENT.search(head) or ACTIVE_CONTENT.search(tail):
            return True
        f.seek(0)
        return zipfile.is_zipfile(f) or b"PK\x03\x04" in head[:4]


def _looks_like_container(path: Path) -> bool:
    with path.open("rb") as f:
        head = f.read(12)
    return head[4:8] in {b"ftyp", b"moov", b"mdat", b"wide", b"free"} or head.startswith(
        b"\x1a\x45\xdf\xa3"
    )


def _damaged():
    return ValidationError(
        _("Tệp video bị cắt cụt hoặc hỏng (không đọc được đến hết). Hãy tải lên lại tệp đầy đủ."),
        code="truncated",
    )


def _rotation(stream) -> int:
    for side in stream.get("side_data_list", []):
        if "rotation" in side:
            return abs(int(side["rotation"])) % 360
    return abs(int(stream.get("tags", {}).get("rotate", 0) or 0)) % 360


def _float(value) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


def _run(command):
    try:
        return subprocess.run(
            command, capture_output=True, text=True, errors="replace", timeout=PROBE_TIMEOUT
        )
    except subprocess.TimeoutExpired:
        raise ValidationError(
            _("Không kiểm tra được tệp video trong thời gian cho phép."), code="probe_timeout"
        ) from None
