"""The demo's video: a clip ffmpeg draws (colour bars, a clock, a tone), with Vietnamese
captions, so `make run` shows a video story that the worker encodes."""

import subprocess
import tempfile
from pathlib import Path

from django.conf import settings

SECONDS = 12
CAPTIONS = """WEBVTT

00:00:00.500 --> 00:00:04.000
Kính chào quý vị khán giả đang theo dõi bản tin du lịch.

00:00:04.200 --> 00:00:08.000
Dịp nghỉ lễ vừa qua, Măng Đen đón lượng khách kỷ lục.

00:00:08.200 --> 00:00:11.800
Các homestay ven rừng thông kín phòng suốt ba ngày nghỉ.
"""


def clip() -> Path:
    """Draw the clip into a temporary folder (the caller moves it into storage)."""
    path = Path(tempfile.mkdtemp(prefix="demo-video-")) / "mang-den.mp4"
    subprocess.run(
        [
            settings.FFMPEG_BINARY,
            "-nostdin",
            "-v",
            "error",
            "-f",
            "lavfi",
            "-i",
            f"testsrc2=duration={SECONDS}:size=1280x720:rate=25",
            "-f",
            "lavfi",
            "-i",
            f"sine=frequency=330:duration={SECONDS}",
            "-c:v",
            "libx264",
            "-preset",
            "veryfast",
            "-pix_fmt",
            "yuv420p",
            "-c:a",
            "aac",
            "-movflags",
            "+faststart",
            str(path),
        ],
        check=True,
    )
    return path
