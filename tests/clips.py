"""Test clips made by ffmpeg (testsrc pictures, a sine tone), never downloaded.

Each distinct clip is made once per test run and copied where a test needs it. Without
ffmpeg the tests that need it skip with the reason; under CI (CI=true) they fail instead.
"""

import atexit
import functools
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

CODECS = {
    "mp4": ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac"],
    "mov": ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac"],
    "mkv": ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac"],
    "webm": ["-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-c:a", "libopus"],
}


def require_ffmpeg() -> None:
    if shutil.which("ffmpeg") and shutil.which("ffprobe"):
        return
    reason = "ffmpeg is not installed (Debian: apt-get install ffmpeg)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; under CI it must be")
    pytest.skip(reason)


@functools.cache
def _folder() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="newsroom-clips-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


@functools.cache
def clip(
    seconds: float = 2,
    size: str = "640x360",
    container: str = "mp4",
    audio: bool = True,
    rate: int = 25,
    faststart: bool = True,
) -> Path:
    """The path of a made clip (shared by the run: copy it before changing it)."""
    require_ffmpeg()
    name = f"{seconds}s-{size}-{rate}{'-a' if audio else ''}{'-fs' if faststart else ''}"
    path = _folder() / f"{name}.{container}"
    command = ["ffmpeg", "-nostdin", "-v", "error", "-y"]
    command += ["-f", "lavfi", "-i", f"testsrc=duration={seconds}:size={size}:rate={rate}"]
    if audio:
        command += ["-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}"]
    command += CODECS[container]
    if faststart and container in {"mp4", "mov"}:
        command += ["-movflags", "+faststart"]
    subprocess.run([*command, "-shortest", str(path)], check=True)
    return path


def clip_bytes(**options) -> bytes:
    return clip(**options).read_bytes()
