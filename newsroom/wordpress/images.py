"""Featured images of imported WordPress posts: `_thumbnail_id` -> attachment -> file.

The file is checked like an editor's upload, stored as `wp<attachment id>-<name>` (so a later
import knows it has it already) and made into renditions by `Article.save()`. Files are not
part of the database transaction: those stored by an import that fails are removed again.
"""

from pathlib import Path, PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage

from articles import images
from newsroom.wordpress.wxr import plain


class FeaturedImages:
    def __init__(self, report, attachments, media_dir=None, dry_run=False):
        self.report = report
        self.attachments = attachments  # {attachment id: wxr.Attachment}
        self.media_dir = Path(media_dir).resolve() if media_dir else None
        self.dry_run = dry_run
        self.written = []  # stored names (originals and renditions)

    def prepare(self, wp, article, values):
        """Put image_alt/image_caption into `values` when the post has a usable featured image;
        return (path, name to store) when its file must be stored, else None."""
        thumbnail_id = wp.meta.get("_thumbnail_id", "")
        if not thumbnail_id.isdigit():
            return None
        attachment = self.attachments.get(int(thumbnail_id))
        if attachment is None or not attachment.file:
            self.report.skip(
                "featured images whose attachment is not in the export",
                f"post {wp.wp_id}: attachment {thumbnail_id} is not in the export",
            )
            return None
        source = PurePosixPath(attachment.file)
        prefix = f"wp{thumbnail_id}-"
        new_file = None
        if article.image and PurePosixPath(article.image.name).name.startswith(prefix):
            self.report.counts["images.unchanged"] += 1
        else:
            path = self._file(wp, attachment)
            if path is None:
                return None
            self.report.counts["images.imported"] += 1
            # A dry run checks the file but stores nothing: files are outside the transaction.
            if not self.dry_run:
                new_file = (path, f"{prefix}{source.stem[:60]}{source.suffix}")
        values["image_alt"] = plain(attachment.alt)[:250] or values["title"]
        values["image_caption"] = plain(attachment.caption)[:300]
        return new_file

    def _file(self, wp, attachment):
        if self.media_dir is None:
            self.report.skip("featured images (no --media-dir given)")
            return None
        path = (self.media_dir / attachment.file).resolve()
        if not path.is_relative_to(self.media_dir) or not path.is_file():
            self.report.skip(
                "featured images whose file is missing",
                f"post {wp.wp_id}: featured image {attachment.file} not found in {self.media_dir}",
            )
            return None
        try:
            with path.open("rb") as handle:
                images.check_upload(File(handle, name=path.name))
        except ValidationError as error:
            self.report.skip(
                "featured images that are not usable images",
                f"post {wp.wp_id}: {attachment.file}: {' '.join(error.messages)}",
            )
            return None
        return path

    def save_with(self, article, new_file):
        """Save `article` with the new image file (renditions are made by Article.save)."""
        path, name = new_file
        with path.open("rb") as handle:
            article.image = File(handle, name=name)
            article.save()
        self.written.append(article.image.name)
        self.written += [rendition["name"] for rendition in article.image_renditions]

    def discard_written(self):
        """Remove the files this import stored (its transaction was rolled back)."""
        for name in self.written:
            default_storage.delete(name)
        self.written = []
