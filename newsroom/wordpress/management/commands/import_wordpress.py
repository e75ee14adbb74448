"""`manage.py import_wordpress EXPORT.xml [--media-dir DIR] [--dry-run]`: move off WordPress.

The file is read twice: a first pass checks it all and gathers the attachments (featured
images, video files), so a malformed or truncated file is refused before anything is written;
the second pass imports, in one transaction: stories in batches (`newsroom.wordpress.posts`,
with their videos: `newsroom.wordpress.videos`, queued for the worker once the import commits),
each batch's comments handed on to `newsroom.wordpress.comments`, which writes them in batches
of its own.
"""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import reset_queries, transaction

from newsroom.wordpress import wxr
from newsroom.wordpress.comments import CommentImporter
from newsroom.wordpress.posts import PostImporter, Report

STORY_KINDS = ["published", "scheduled", "draft", "private", "password-protected"]
COMMENT_KINDS = ["approved", "pending", "spam"]


class Progress:
    """One line redrawn with a carriage return, at most five times a second."""

    WIDTH = 30

    def __init__(self, out, total):
        self.out, self.total, self.done, self.drawn_at = out, max(total, 1), 0, 0.0

    def step(self):
        self.done += 1
        now = time.monotonic()
        if now - self.drawn_at >= 0.2 or self.done == self.total:
            filled = self.WIDTH * min(self.done, self.total) // self.total
            bar = "#" * filled + "-" * (self.WIDTH - filled)
            self.out.write(f"\r[{bar}] {self.done}/{self.total} posts", ending="")
            self.out.flush()
            self.drawn_at = now

    def close(self):
        if self.done:
            self.out.write("")


class Command(BaseCommand):
    help = (
        "Import a WordPress export (WXR): categories, tags, authors, posts with their featured "
        "images and videos, and comments. Safe to run again: only what changed is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", help="The .xml file from WordPress's Tools → Export.")
        parser.add_argument(
            "--media-dir",
            help="A copy of wp-content/uploads, for the featured images and the videos.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Read and report; write nothing."
        )

    def handle(self, export, media_dir=None, dry_run=False, **options):
        path = Path(export)
        if not path.is_file():
            raise CommandError(f"{path}: no such file.")
        if media_dir and not Path(media_dir).is_dir():
            raise CommandError(f"--media-dir {media_dir}: no such folder.")
        started = time.monotonic()
        try:
            scan = wxr.scan(path)  # the whole file is checked before anything is written
        except wxr.ExportError as error:
            raise CommandError(str(error)) from None
        report = Report()
        comments = CommentImporter(report)
        posts = PostImporter(report, scan.attachments, media_dir, dry_run=dry_run)
        progress = Progress(self.stdout, scan.posts) if self.stdout.isatty() else None
        try:
            with transaction.atomic():
                self.run(path, posts, comments, progress)
                if dry_run:
                    transaction.set_rollback(True)
        except wxr.ExportError as error:
            posts.discard_written_files()
            raise CommandError(str(error)) from None
        except BaseException:
            posts.discard_written_files()
            raise
        finally:
            if progress:
                progress.close()
        self.summary(path, report, dry_run, time.monotonic() - started)

    def run(self, path, posts, comments, progress):
        for n, entry in enumerate(wxr.read(path), 1):
            if isinstance(entry, wxr.WpAuthor):
                posts.author(entry)
            elif isinstance(entry, wxr.WpTerm):
                posts.term(entry)
            elif isinstance(entry, wxr.WpPost):
                if not posts.add(entry):
                    comments.not_imported(entry)
                elif posts.batch_is_full:
                    self.save_stories(posts, comments)
                if progress and entry.post_type == "post":
                    progress.step()
            if n % 200 == 0:
                reset_queries()  # with DEBUG on, Django would keep every query's SQL
        self.save_stories(posts, comments)
        comments.finish()

    @staticmethod
    def save_stories(posts, comments):
        """Save the queued stories, then queue their comments (written once enough gather)."""
        for article, wp_post in posts.flush():
            comments.add(article, wp_post)

    def summary(self, path, report, dry_run, seconds):
        counts = report.counts
        write = self.stdout.write
        write(f"WordPress export {path}" + (" (dry run: nothing was written)" if dry_run else ""))
        for kind in ("sections", "tags", "authors"):
            write(f"  {kind.capitalize()}: {self.outcomes(counts, kind)}")
        stories = ", ".join(
            f"{counts[f'stories.{k}']} {k}" for k in STORY_KINDS if counts[f"stories.{k}"]
        )
        write(f"  Stories: {stories or 'none'} ({self.outcomes(counts, 'stories')})")
        comment_counts = ", ".join(f"{counts[f'comments.{k}']} {k}" for k in COMMENT_KINDS)
        write(f"  Comments: {comment_counts} ({self.outcomes(counts, 'comments')})")
        if counts["comments.trashed"]:
            trashed = counts["comments.trashed"]
            write(f"    {trashed} imported before, now in WordPress's trash: hidden here")
        write(
            f"  Featured images: {counts['images.imported']} imported, "
            f"{counts['images.unchanged']} unchanged"
        )
        self.video_summary(counts)
        if counts["stories.several_categories"]:
            write(
                f"  {counts['stories.several_categories']} post(s) had several categories: "
                "the first became the story's section"
            )
        if report.skipped:
            write("  Skipped:")
            for reason, n in sorted(report.skipped.items()):
                write(f"    {n} {reason}")
        if report.problems:
            write("  Problems:")
            for problem in report.problems:
                write(f"    {problem}")
            if report.more_problems:
                write(f"    … and {report.more_problems} more")
        write(f"Done in {seconds:.1f} s.")

    def video_summary(self, counts):
        kinds = ", ".join(
            f"{counts[f'videos.{k}']} {k}" for k in ("uploaded", "YouTube") if counts[f"videos.{k}"]
        )
        self.stdout.write(f"  Videos: {kinds or 'none'} ({self.outcomes(counts, 'videos')})")
        if counts["videos.queued"]:
            self.stdout.write(
                f"    {counts['videos.queued']} queued for encoding: readers see them once the "
                "worker has processed them"
            )
        if counts["captions.imported"] or counts["captions.unchanged"]:
            self.stdout.write(
                f"    Caption tracks: {counts['captions.imported']} imported, "
                f"{counts['captions.unchanged']} unchanged"
            )

    @staticmethod
    def outcomes(counts, kind):
        return ", ".join(
            f"{counts[f'{kind}.{o}']} {o}" for o in ("created", "updated", "unchanged")
        )
