"""Importing the comments of WordPress posts: threads kept, statuses mapped, counts recounted.

Comments are gathered over several posts and written in batches: `bulk_create` a thread level
at a time (a reply needs its parent's id, so this needs a database whose `bulk_create` returns
ids: SQLite, PostgreSQL), `bulk_update` only for those that changed since the last import. Each
comment is matched on its WordPress id (an `ImportedComment` row links it to the comment), so a
second import of the same file writes nothing.
"""

import ipaddress

from django.db import connection

from comments.decisions import recount
from comments.models import Comment
from newsroom.wordpress.models import ImportedComment
from newsroom.wordpress.wxr import plain

# WordPress's comment_approved -> status here. "trash" (and "post-trashed") are not imported;
# WordPress's own exporter leaves spam out, but a spam comment that is there stays spam.
STATUSES = {
    "1": Comment.Status.APPROVED,
    "0": Comment.Status.PENDING,
    "spam": Comment.Status.SPAM,
}
TRASH = {"trash", "post-trashed"}
HELD_REASON = "Chờ duyệt trên WordPress"
ANONYMOUS = "Ẩn danh"
BATCH_SIZE = 500


def _ip(value):
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


class CommentImporter:
    def __init__(self, report, batch_size=BATCH_SIZE):
        self.report = report
        self.batch_size = batch_size
        self.waiting, self.waiting_count = [], 0  # [(article, [WpComment])]

    def add(self, article, wp_post):
        """Queue a story's comments; they are written when enough have gathered."""
        wp_comments = wp_post.comments
        if not wp_comments:
            return
        self.waiting.append((article, wp_comments))
        self.waiting_count += len(wp_comments)
        if self.waiting_count >= self.batch_size:
            self.flush()

    def not_imported(self, wp_post):
        if wp_post.comments:
            self.report.skip("comments on items that were not imported", n=len(wp_post.comments))

    def flush(self):
        batch, self.waiting, self.waiting_count = self.waiting, [], 0
        if not batch:
            return
        wp_ids = [wp.wp_id for _, wp_comments in batch for wp in wp_comments]
        existing = self._existing(wp_ids)
        pk_by_wp = {wp_id: comment.pk for wp_id, comment in existing.items()}
        new, known, seen = [], [], set()
        for article, wp_comments in batch:
            by_id = {wp.wp_id: wp for wp in wp_comments}
            for wp in wp_comments:
                if wp.wp_id in seen:  # listed twice in the file
                    continue
                seen.add(wp.wp_id)
                values = self._values(article, wp, existing.get(wp.wp_id))
                if values is None:
                    continue
                parent = self._visible_parent(wp, by_id)
                if wp.wp_id in existing:
                    known.append((existing[wp.wp_id], values, parent))
                else:
                    new.append((wp.wp_id, Comment(article=article, **values), parent))
        self._create(new, pk_by_wp)
        self._update(known, pk_by_wp)
        recount([article.pk for article, _ in batch])

    def _existing(self, wp_ids):
        found = {}
        for start in range(0, len(wp_ids), self.batch_size):
            found.update(ImportedComment.find(wp_ids[start : start + self.batch_size]))
        return found

    def _values(self, article, wp, current=None):
        """The fields of a comment, or None when it is not imported (counted as skipped)."""
        if wp.type not in {"comment", ""}:
            self.report.skip(f"{wp.type}s (only comments are imported)")
            return None
        if wp.approved in TRASH:
            if current is not None and current.status != Comment.Status.REJECTED:
                # Imported before, since moved to WordPress's trash: hide it here too.
                self.report.counts["comments.trashed"] += 1
                return {"status": Comment.Status.REJECTED}
            self.report.skip("comments in WordPress's trash")
            return None
        status, body = STATUSES.get(wp.approved), plain(wp.body)
        if status is None or not body:
            self.report.skip(f"comments with status {wp.approved}" if body else "empty comments")
            return None
        self.report.counts[f"comments.{status}"] += 1
        values = {
            "name": plain(wp.name)[:80] or ANONYMOUS,
            "email": wp.email.strip()[:254],
            "body": body,
            "status": status,
            "held_reason": HELD_REASON if status == Comment.Status.PENDING else "",
            "ip_address": _ip(wp.ip),
        }
        if wp.date:
            values["created"] = wp.date
        return values

    def _visible_parent(self, wp, by_id):
        """The WordPress id of the nearest imported ancestor (replies to a trashed comment
        move up a level); 0 for a top-level comment."""
        parent, seen = wp.parent_id, {wp.wp_id}
        while parent and parent in by_id and parent not in seen:
            candidate = by_id[parent]
            if candidate.approved in STATUSES and candidate.type in {"comment", ""}:
                return parent
            seen.add(parent)
            parent = candidate.parent_id
        return 0 if parent in seen or parent not in by_id else parent

    def _create(self, new, pk_by_wp):
        """Insert a thread level at a time: a reply waits until its parent has an id."""
        while new:
            ready = [(w, c, p) for w, c, p in new if not p or p in pk_by_wp]
            if not ready:  # a parent that never comes (a loop in the file): start a thread
                ready = new
            ready_ids = {w for w, _, _ in ready}
            new = [(w, c, p) for w, c, p in new if w not in ready_ids]
            comments = [c for _, c, _ in ready]
            for _, comment, parent in ready:
                comment.parent_id = pk_by_wp.get(parent)
            self._insert(comments)
            imported = [ImportedComment(wp_id=w, comment_id=c.pk) for w, c, _ in ready]
            ImportedComment.objects.bulk_create(imported, batch_size=self.batch_size)
            pk_by_wp.update((w, c.pk) for w, c, _ in ready)
            self.report.counts["comments.created"] += len(comments)

    def _insert(self, comments):
        dates = [c.created for c in comments]
        Comment.objects.bulk_create(comments, batch_size=self.batch_size)
        # `created` was stamped "now" on insert (auto_now_add): put WordPress's dates back,
        # with one prepared UPDATE (bulk_update's CASE per row is far slower).
        field = Comment._meta.get_field("created")
        rows = []
        for comment, date in zip(comments, dates, strict=True):
            if date:
                comment.created = date
                rows.append((field.get_db_prep_value(date, connection), comment.pk))
        if not rows:
            return
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {quote(Comment._meta.db_table)} SET {quote(field.column)} = %s "
                f"WHERE {quote(Comment._meta.pk.column)} = %s",
                rows,
            )

    def _update(self, known, pk_by_wp):
        changed, fields = [], set()
        for comment, values, parent in known:
            if len(values) > 1:  # not just hidden: the thread may have changed too
                values["parent_id"] = pk_by_wp.get(parent)
            diff = {k: v for k, v in values.items() if getattr(comment, k) != v}
            if {"email", "body"} & diff.keys():  # imported text carries no fingerprint
                diff["fingerprint"] = None
            for name, value in diff.items():
                setattr(comment, name, value)
            if diff:
                changed.append(comment)
                fields.update(diff)
        if changed:
            Comment.objects.bulk_update(changed, sorted(fields), batch_size=self.batch_size)
        self.report.counts["comments.updated"] += len(changed)
        self.report.counts["comments.unchanged"] += len(known) - len(changed)

    def finish(self):
        self.flush()
