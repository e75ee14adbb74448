"""Renditions of a clip, made by ffmpeg in a working folder (the worker stores them).

One ffmpeg run decodes the source once and encodes every rendition: H.264/AAC MP4 at each of
`VIDEO_HEIGHTS` that the source reaches (never upscaled), keyframes every two seconds and the
index at the front (`faststart`). The HLS ladder is cut from those same files without
re-encoding, so MP4 and HLS readers see the same pictures.
"""

import contextlib
import ctypes
import json
import os
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from articles.video.probe import Probe

KEYFRAME_SECONDS = 2
PR_SET_PDEATHSIG = 1  # Linux prctl option
HLS_SEGMENT_SECONDS = 4
MAX_FPS = 30
# Constant quality with a ceiling, per rendition height: (video bitrate cap, audio bitrate).
BITRATES = {360: ("900k", "96k"), 720: ("3000k", "128k")}
DEFAULT_BITRATE = ("3000k", "128k")


class EncodeError(Exception):
    """ffmpeg failed; the message holds its last lines, for the editor's 'failed' reason."""


@dataclass
class Rendition:
    label: int  # the ladder's size: 360 or 720 (the short side)
    width: int
    height: int
    path: Path
    bytes: int = 0
    bandwidth: int = 0
    codecs: str = ""

    def as_record(self, name: str) -> dict:
        return {
            "label": self.label,
            "height": self.height,
            "width": self.width,
            "name": name,
            "bytes": self.bytes,
            "bandwidth": self.bandwidth,
        }


def ladder(info: Probe) -> list[int]:
    """The rendition sizes (short side) for a source: never larger than the source."""
    short = min(info.width, info.height)
    sizes = [h for h in settings.VIDEO_HEIGHTS if h <= short]
    return sizes or [short - short % 2]


def renditions(source: Path, info: Probe, workdir: Path, on_progress=None) -> list[Rendition]:
    sizes = ladder(info)
    portrait = info.height > info.width
    split = f"[0:v]split={len(sizes)}" + "".join(f"[s{n}]" for n in sizes)
    filters = [split]
    outputs = []
    for n in sizes:
        scale = f"scale={n}:-2" if portrait else f"scale=-2:{n}"
        filters.append(f"[s{n}]{scale}:flags=bicubic,setsar=1,format=yuv420p[v{n}]")
        video_rate, audio_rate = BITRATES.get(n, DEFAULT_BITRATE)
        path = workdir / f"{n}.mp4"
        outputs += ["-map", f"[v{n}]", "-map", "0:a:0?"]
        outputs += ["-c:v", "libx264", "-preset", "veryfast", "-profile:v", "main"]
        outputs += ["-crf", "23", "-maxrate", video_rate, "-bufsize", _double(video_rate)]
        outputs += ["-fpsmax", str(MAX_FPS), "-sc_threshold", "0"]
        outputs += ["-force_key_frames", f"expr:gte(t,n_forced*{KEYFRAME_SECONDS})"]
        outputs += ["-c:a", "aac", "-b:a", audio_rate, "-ac", "2", "-ar", "48000"]
        outputs += ["-movflags", "+faststart", "-map_metadata", "-1", str(path)]
    command = [settings.FFMPEG_BINARY, "-nostdin", "-hide_banner", "-y", "-v", "error"]
    command += ["-progress", "pipe:1", "-nostats", "-i", str(source)]
    command += ["-filter_complex", ";".join(filters), *outputs]
    _run_with_progress(command, info.duration, on_progress)
    made = []
    for n in sizes:
        path = workdir / f"{n}.mp4"
        made.append(_describe(path, n))
    return made


def hls_ladder(made: list[Rendition], workdir: Path) -> list[Path]:
    """One VOD playlist per rendition, cut from its MP4, and the master playlist (last)."""
    hls = workdir / "hls"
    hls.mkdir()
    for r in made:
        segments, playlist = hls / f"{r.label}_%04d.ts", hls / f"{r.label}.m3u8"
        command = _ffmpeg("-i", str(r.path), "-c", "copy", "-f", "hls")
        command += ["-hls_time", str(HLS_SEGMENT_SECONDS), "-hls_playlist_type", "vod"]
        _run([*command, "-hls_segment_filename", str(segments), str(playlist)])
    lines = ["#EXTM3U", "#EXT-X-VERSION:3", "#EXT-X-INDEPENDENT-SEGMENTS"]
    for r in sorted(made, key=lambda r: r.bandwidth):
        lines.append(
            f"#EXT-X-STREAM-INF:BANDWIDTH={r.bandwidth},RESOLUTION={r.width}x{r.height},"
            f'CODECS="{r.codecs}"'
        )
        lines.append(f"{r.label}.m3u8")
    master = hls / "master.m3u8"
    master.write_text("\n".join(lines) + "\n")
    return [*sorted(p for p in hls.iterdir() if p != master), master]


def poster_frame(source: Path, info: Probe, workdir: Path) -> Path:
    """A representative frame from the first tenth of the clip, as a high-quality JPEG."""
    path = workdir / "poster.jpg"
    start = f"{min(info.duration * 0.1, 5):.3f}"
    command = _ffmpeg("-ss", start, "-i", str(source), "-vf", "thumbnail=25,format=yuvj420p")
    _run([*command, "-frames:v", "1", "-q:v", "2", str(path)])
    if not path.exists():
        raise EncodeError("ffmpeg made no poster frame")
    return path


def _ffmpeg(*arguments: str) -> list[str]:
    """An ffmpeg command that reads no keyboard, says only errors and overwrites its output."""
    return [settings.FFMPEG_BINARY, "-nostdin", "-v", "error", "-y", *arguments]


def _describe(path: Path, label: int) -> Rendition:
    result = _run(
        [
            settings.FFPROBE_BINARY,
            "-v",
            "error",
            "-show_streams",
            "-show_format",
            "-of",
            "json",
            str(path),
        ]
    )
    data = json.loads(result.stdout)
    video = next(s for s in data["streams"] if s["codec_type"] == "video")
    codecs = [f"avc1.4d40{int(video.get('level', 31)):02x}"]
    if any(s["codec_type"] == "audio" for s in data["streams"]):
        codecs.append("mp4a.40.2")
    return Rendition(
        label=label,
        width=int(video["width"]),
        height=int(video["height"]),
        path=path,
        bytes=path.stat().st_size,
        bandwidth=int(data["format"].get("bit_rate") or 0),
        codecs=",".join(codecs),
    )


def _double(rate: str) -> str:
    return f"{int(rate.rstrip('k')) * 2}k"


def _lower_priority():  # pragma: no cover - runs in the child before exec
    """ffmpeg runs below the site's priority, and dies with its worker (a killed worker's
    clip is encoded again by the next one, so an orphan would only waste the CPU)."""
    os.nice(settings.VIDEO_NICE)
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def _run(command):
    result = subprocess.run(
        command, capture_output=True, text=True, errors="replace", preexec_fn=_lower_priority
    )
    if result.returncode != 0:
        raise EncodeError(_tail(result.stderr) or f"ffmpeg exited with {result.returncode}")
    return result


def _run_with_progress(command, duration, on_progress):
    """Run ffmpeg, calling `on_progress(percent)` at most once a second as it encodes."""
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        errors="replace",
        preexec_fn=_lower_priority,
    )
    last = 0.0
    for line in process.stdout:
        key, _, value = line.strip().partition("=")
        if key == "out_time_us" and value.isdigit() and on_progress:
            now = time.monotonic()
            if now - last >= 1:
                last = now
                on_progress(min(99, int(int(value) / 1e6 / duration * 100)))
    errors = process.stderr.read()
    if process.wait() != 0:
        raise EncodeError(_tail(errors) or f"ffmpeg exited with {process.returncode}")


def _tail(text: str, lines: int = 4) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])
