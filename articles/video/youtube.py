"""YouTube links: the eleven-character id from any of the usual forms of a video's address."""

import re
from urllib.parse import parse_qs, urlsplit

ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtube-nocookie.com"}
HOSTS |= {"www.youtube-nocookie.com", "music.youtube.com"}


def video_id(url: str) -> str:
    """'' unless `url` is a YouTube video: watch?v=, youtu.be/, /embed/, /shorts/, /live/."""
    parts = urlsplit(url.strip())
    if parts.scheme not in {"http", "https"}:
        return ""
    host = (parts.hostname or "").lower()
    candidate = ""
    if host == "youtu.be":
        candidate = parts.path.strip("/").split("/")[0]
    elif host in HOSTS:
        segments = [s for s in parts.path.split("/") if s]
        if segments[:1] == ["watch"]:
            candidate = parse_qs(parts.query).get("v", [""])[0]
        elif len(segments) >= 2 and segments[0] in {"embed", "shorts", "live", "v"}:
            candidate = segments[1]
    return candidate if ID.match(candidate) else ""
