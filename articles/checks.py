"""`manage.py check` warns when the site cannot take videos (ffmpeg missing)."""

from django.conf import settings
from django.core.checks import Warning

from articles.video import probe


def ffmpeg_installed(app_configs=None, **kwargs):
    if probe.binaries_found():
        return []
    return [
        Warning(
            f"ffmpeg or ffprobe is missing ({settings.FFMPEG_BINARY}, "
            f"{settings.FFPROBE_BINARY}): video uploads will be refused.",
            hint="Debian: apt-get install ffmpeg (or set FFMPEG_BINARY and FFPROBE_BINARY).",
            id="articles.W001",
        )
    ]
