"""The video of an imported WordPress post: an uploaded clip, or a YouTube embed.

`video_markup` finds a post's videos; the first becomes the story's `Video` (one per story),
the others are reported. An uploaded clip is found in `--media-dir` from its address under
wp-content/uploads/, checked by ffprobe as an editor's upload is (`articles.video.probe`),
streamed into storage as `wp<attachment id>-<name>` (so a later import knows it has it already)
and queued for the worker; its poster goes through the image pipeline and its WebVTT tracks
through `articles.captions`. Files are outside the database transaction: those stored by an
import that fails are removed again.
"""

import hashlib
import re
from contextlib import ExitStack
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction

from articles import captions, images
from articles.models import CaptionTrack, Video
from articles.video import probe, process
from newsroom.wordpress.video_markup import Track

UPLOADS = "wp-content/uploads/"
CAPTION_MAX_BYTES = 2 * 1024 * 1024  # as in the admin
LANGUAGES = {code for code, _label in CaptionTrack.Language.choices}
_LANGUAGE = re.compile(r"[A-Za-z]+")


class _OnDisk:
    """A file in --media-dir as `probe.check_upload` takes an upload: checked where it lies
    (extension, size, then `probe.check_file`), never copied first."""

    def __init__(self, path: Path):
        self.name, self.size, self.path = path.name, path.stat().st_size, path

    def temporary_file_path(self):
        return str(self.path)


def uploads_path(url: str) -> str:
    """'http://site/wp-content/uploads/2025/02/a.mp4' -> '2025/02/a.mp4'; '' if elsewhere."""
    path = unquote(urlsplit(url.strip()).path)
    _before, found, after = path.partition(UPLOADS)
    return after.strip("/") if found else ""


class PostVideos:
    def __init__(self, report, attachments, media_dir=None, dry_run=False):
        self.report = report
        self.attachments = attachments  # {attachment id: wxr.Attachment}
        self.by_file = {a.file: wp_id for wp_id, a in attachments.items() if a.file}
        self.media_dir = Path(media_dir).resolve() if media_dir else None
        self.dry_run = dry_run
        self.written = []  # stored names (originals, posters and their renditions)

    def add(self, wp, article, taken):
        """Give `article` the first of the post's videos (`video_markup.take`)."""
        if taken.empty:
            self.report.skip(
                "video tags or shortcodes with no file (removed from the body)",
                f"post {wp.wp_id}: {taken.empty} video tag(s) or shortcode(s) with no file",
                n=taken.empty,
            )
        if not taken.videos:
            return
        found, *more = taken.videos
        if more:
            self.report.skip(
                "further videos in a post (one video per story)",
                f"post {wp.wp_id}: {len(more)} more video(s) left out (one per story): "
                + ", ".join(v.address for v in more),
                n=len(more),
            )
        video = Video.objects.filter(article=article).first()
        if found.youtube_id:
            self.report.counts["videos.YouTube"] += 1
            self._youtube(article, video, found)
        else:
            self._upload(wp, article, video, found)

    def _youtube(self, article, video, found):
        created = video is None
        video = video or Video(article=article)
        values = {
            "source": Video.Source.YOUTUBE,
            "youtube_id": found.youtube_id,
            "is_lead": found.is_lead,
            "caption": found.caption,
        }
        if created or video.source != Video.Source.YOUTUBE:  # as the admin does for a link
            values |= {"original": None, "renditions": [], "hls": "", "state": Video.State.READY}
        self._save(video, values, created)

    def _upload(self, wp, article, video, found):
        source = uploads_path(found.url)
        if not source and found.attachment_id in self.attachments:
            source = self.attachments[found.attachment_id].file
        if not source:
            self.report.skip(
                "videos that are not files in wp-content/uploads",
                f"post {wp.wp_id}: video {found.address} is not a file in wp-content/uploads",
            )
            return
        prefix = self._prefix(source)
        has_it = video is not None and not video.is_youtube and _stored_as(video.original, prefix)
        with ExitStack() as files:
            values = {"source": Video.Source.UPLOAD, "youtube_id": ""}
            if not has_it:
                path = self._file(wp, source, "video file")
                info = path and self._check_video(wp, source, path)
                if not info:
                    return
                values["original"] = self._open(files, path, prefix)
                values |= {"duration": info.duration, "width": info.width, "height": info.height}
                values["size"] = info.size
            self.report.counts["videos.uploaded"] += 1
            values |= {"is_lead": found.is_lead, "caption": found.caption}
            if found.poster:
                values |= self._poster(wp, video, found.poster, files)
            if self.dry_run:
                self.report.counts["videos.unchanged" if has_it else "videos.created"] += 1
                self._tracks(wp, None, found.tracks)
                return
            created = video is None
            video = video or Video(article=article)
            old_original = "" if has_it or created else video.original.name
            self._save(video, values, created, tracks=found.tracks, wp=wp)
        if not has_it:
            self.written.append(video.original.name)
            if old_original:  # replaced: the old file goes once the import is kept
                transaction.on_commit(lambda: default_storage.delete(old_original))
            process.queue(video)
            self.report.counts["videos.queued"] += 1

    def _save(self, video, values, created, tracks=(), wp=None):
        changed = {k: v for k, v in values.items() if getattr(video, k) != v}
        for name, value in changed.items():
            setattr(video, name, value)
        if created or changed:
            if "poster" in changed:
                video.poster_from_video = False
            video.save()
            if video.poster and "poster" in changed:
                self.written.append(video.poster.name)
                self.written += [r["name"] for r in video.poster_renditions]
        tracks_changed = self._tracks(wp, video, tracks)
        if created:
            self.report.counts["videos.created"] += 1
        else:
            outcome = "updated" if changed or tracks_changed else "unchanged"
            self.report.counts[f"videos.{outcome}"] += 1

    # Files.

    def _prefix(self, source):
        """`wp<attachment id>-` as featured images are stored; a hash for a file that has none."""
        wp_id = self.by_file.get(source)
        if wp_id is not None:
            return f"wp{wp_id}-"
        return f"wp-{hashlib.sha1(source.encode()).hexdigest()[:8]}-"

    def _file(self, wp, source, what):
        """The file's path in --media-dir, or None (reported)."""
        if self.media_dir is None:
            self.report.skip(f"{what}s (no --media-dir given)")
            return None
        path = (self.media_dir / source).resolve()
        if not path.is_relative_to(self.media_dir) or not path.is_file():
            self.report.skip(
                f"{what}s that are missing",
                f"post {wp.wp_id}: missing {what} {source}, not found in {self.media_dir}",
            )
            return None
        return path

    def _check_video(self, wp, source, path):
        try:
            return probe.check_upload(_OnDisk(path))
        except ValidationError as error:
            self.report.skip(
                "video files refused by the video check",
                f"post {wp.wp_id}: video file {source} refused: {' '.join(error.messages)}",
            )
            return None

    @staticmethod
    def _open(files, path, prefix):
        name = PurePosixPath(path.name)
        handle = files.enter_context(path.open("rb"))
        return File(handle, name=f"{prefix}{name.stem[:60]}{name.suffix.lower()}")

    def _poster(self, wp, video, url, files) -> dict:
        source = uploads_path(url)
        if not source:
            self.report.skip(
                "video posters that are not files in wp-content/uploads",
                f"post {wp.wp_id}: video poster {url} is not a file in wp-content/uploads",
            )
            return {}
        prefix = self._prefix(source)
        if video and not video.poster_from_video and _stored_as(video.poster, prefix):
            return {}
        path = self._file(wp, source, "video poster")
        if path is None:
            return {}
        try:
            with path.open("rb") as handle:
                images.check_upload(File(handle, name=path.name))
        except ValidationError as error:
            self.report.skip(
                "video posters that are not usable images",
                f"post {wp.wp_id}: video poster {source}: {' '.join(error.messages)}",
            )
            return {}
        return {"poster": self._open(files, path, prefix)}

    # Caption tracks.

    def _tracks(self, wp, video, tracks) -> bool:
        """Store the post's caption tracks (one per language); True if any was new or changed."""
        changed, seen = False, set()
        for track in tracks:
            if track.kind not in {"", "subtitles", "captions"}:
                self.report.skip(f"video tracks of kind {track.kind} (only captions are kept)")
                continue
            language = _language(track)
            if language not in LANGUAGES or language in seen:
                why = "a second track in" if language in seen else "a track in"
                self.report.skip(
                    "caption tracks not kept (one each in Vietnamese and English)",
                    f"post {wp.wp_id}: {why} language {language}: {track.src}",
                )
                continue
            converted = self._caption_file(wp, track)
            if converted is None:
                continue  # reported; a later track in the language may still be kept
            seen.add(language)
            if video is None:
                continue
            webvtt, transcript = converted
            caption = CaptionTrack.objects.filter(video=video, language=language).first()
            # Vietnamese captions are on by default here, as for an upload in the admin.
            on = track.is_default or language == CaptionTrack.Language.VIETNAMESE
            values = {"webvtt": webvtt, "transcript": transcript, "is_default": on}
            if caption and all(getattr(caption, k) == v for k, v in values.items()):
                self.report.counts["captions.unchanged"] += 1
                continue
            caption = caption or CaptionTrack(video=video, language=language)
            for name, value in values.items():
                setattr(caption, name, value)
            caption.save()  # the story's search text takes in the transcript
            self.report.counts["captions.imported"] += 1
            changed = True
        return changed

    def _caption_file(self, wp, track: Track):
        source = uploads_path(track.src)
        if not source:
            self.report.skip(
                "caption tracks that are not files in wp-content/uploads",
                f"post {wp.wp_id}: caption track {track.src} is not a file in wp-content/uploads",
            )
            return None
        path = self._file(wp, source, "caption file")
        if path is None:
            return None
        with path.open("rb") as handle:
            data = handle.read(CAPTION_MAX_BYTES + 1)
        try:
            if len(data) > CAPTION_MAX_BYTES:
                raise captions.CaptionError("larger than 2 MB")
            return captions.convert(data)
        except captions.CaptionError as error:
            self.report.skip(
                "caption files that could not be read",
                f"post {wp.wp_id}: caption file {source}: {' '.join(error.messages)}",
            )
            return None

    def discard_written(self):
        """Remove the files this import stored (its transaction was rolled back)."""
        for name in self.written:
            default_storage.delete(name)
        self.written = []


def _stored_as(field_file, prefix) -> bool:
    return bool(field_file) and PurePosixPath(field_file.name).name.startswith(prefix)


def _language(track: Track) -> str:
    """'vi', 'vi-VN', 'VI' -> 'vi'; no srclang: Vietnamese, the site's language."""
    match = _LANGUAGE.match(track.srclang.strip())
    return match.group(0).lower() if match else CaptionTrack.Language.VIETNAMESE
