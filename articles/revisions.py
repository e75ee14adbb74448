"""Whole-story revisions: snapshots of everything a story is, kept as JSON.

Every save in the admin records one (`record`). A change to a live story is kept as a pending
revision (`Article.pending_revision`) while readers keep the live version; `apply` puts a
snapshot's content on the story, when an editor approves or someone restores.
"""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from articles import audit
from articles.models import Article, AuditEntry, Author, Byline, Revision, Section, Tag
from articles.sanitize import sanitize_html

Kind = Revision.Kind
CONTENT = ["title", "slug", "standfirst", "body", "allow_comments"]
IMAGE = ["alt", "caption", "credit", "width", "height", "renditions"]


def snapshot(article, tags=None, bylines=None) -> dict:
    """The story as `article` holds it; `tags` and `bylines` (dicts with author, role, order)
    default to what the database has."""
    if tags is None:
        tags = list(article.tags.all())
    if bylines is None:
        bylines = _bylines(article)
    bylines = sorted(bylines, key=lambda b: b["order"])
    return {
        **{name: getattr(article, name) for name in CONTENT},
        "body": sanitize_html(article.body),
        "section": {"id": article.section_id, "name": article.section.name},
        "tags": [{"id": t.pk, "name": t.name} for t in sorted(tags, key=lambda t: t.name)],
        "bylines": [
            {"author": b["author"].pk, "name": b["author"].name, "role": b["role"] or ""}
            for b in bylines
        ],
        "image": {
            "name": article.image.name or "",
            **{key: getattr(article, f"image_{key}") for key in IMAGE},
        },
        "status": article.status,
        "publish_at": article.publish_at.isoformat() if article.publish_at else None,
        "review_state": article.review_state,
        "review_note": article.review_note,
    }


def latest_number(article) -> int:
    return article.revisions.aggregate(n=Max("number"))["n"] or 0


def record(article, user, kind=Kind.SAVED, note="", data=None, kept_pending=False) -> Revision:
    """Add the next revision of `article` (its current state unless `data` is given)."""
    if data is None:  # what was prefetched with the story may predate this save
        for name in ("bylines", "tags"):
            getattr(article, "_prefetched_objects_cache", {}).pop(name, None)
    return Revision.objects.create(
        article=article,
        number=latest_number(article) + 1,
        kind=kind,
        author=user,
        note=note[:300],
        snapshot=data if data is not None else snapshot(article),
        kept_pending=kept_pending,
    )


def ensure_baseline(article_pk) -> None:
    """A story older than revisions gets one of itself as stored, before its first change."""
    if Revision.objects.filter(article_id=article_pk).exists():
        return
    stored = Article.objects.select_related("section").get(pk=article_pk)
    record(stored, None, note=_("Bản có từ trước khi lưu lịch sử"))


def keep_pending(article, user, data, note="", kind=Kind.PENDING) -> Revision:
    """Keep a change to a live story as its pending revision: readers see no difference.

    A new change starts being written; a change already under way keeps its review state
    (an editor fixing a submitted change leaves it in review)."""
    revision = record(article, user, kind, note, data, kept_pending=True)
    fields = {"pending_revision": revision}
    if article.pending_revision_id is None or article.review_state == Article.Review.APPROVED:
        fields.update(review_state=Article.Review.WRITING, review_note="")
    Article.objects.filter(pk=article.pk).update(**fields)
    for name, value in fields.items():
        setattr(article, name, value)
    return revision


def apply_pending(article, user) -> None:
    """Put the pending change on the story: `user` approved it."""
    revision = article.pending_revision
    apply(article, revision.snapshot)
    Revision.objects.filter(pk=revision.pk).update(approved_at=timezone.now(), approved_by=user)
    article.pending_revision = None
    Article.objects.filter(pk=article.pk).update(pending_revision=None)


def slug_taken(article, data) -> bool:
    """Whether the slug of snapshot `data` now belongs to another story (or an old address)."""
    return (
        bool(data["slug"]) and data["slug"] != article.slug and article.slug_is_taken(data["slug"])
    )


def current(history):
    """Of `history` (newest first), the revision whose content the story has now."""
    return next((r for r in history if r.became_content), None)


def apply(article, data) -> None:
    """Give `article` the content of snapshot `data` (not its states), tags and byline too."""
    stored_section = article.section_id
    load(article, data)
    if not Section.objects.filter(pk=article.section_id).exists():  # deleted since
        article.section_id = stored_section
    article.save()
    article.tags.set(Tag.objects.filter(pk__in=[t["id"] for t in data["tags"]]))
    authors = set(
        Author.objects.filter(pk__in=[b["author"] for b in data["bylines"]]).values_list(
            "pk", flat=True
        )
    )
    article.bylines.all().delete()
    Byline.objects.bulk_create(
        Byline(article=article, author_id=b["author"], role=b["role"], order=i)
        for i, b in enumerate(data["bylines"])
        if b["author"] in authors
    )


@transaction.atomic
def restore(revision, user, may_go_live: bool) -> str:
    """Make a new revision from an old one (history is never rewritten).

    On a live story it waits for approval as any change does, unless `may_go_live` (the
    editor-in-chief rolling back); on a story not yet live it becomes the story's content.
    """
    article = Article.objects.select_for_update().get(pk=revision.article_id)
    data = dict(revision.snapshot)
    note = _("Khôi phục phiên bản %(n)d") % {"n": revision.number}
    live = article.publication == Article.Publication.LIVE
    if live and not may_go_live:
        keep_pending(article, user, data, note, Kind.RESTORED)
        message = _("Đã khôi phục phiên bản %(n)d thành thay đổi chờ duyệt.")
    else:
        apply(article, data)
        done = {"pending_revision": None}  # a change that waited is superseded
        if live:  # the editor-in-chief put it on the live story: that is their approval
            done.update(review_state=Article.Review.APPROVED, review_note="")
        Article.objects.filter(pk=article.pk).update(**done)
        record(article, user, Kind.RESTORED, note)
        message = _("Đã khôi phục phiên bản %(n)d.")
    audit.record(AuditEntry.Action.RESTORED, user, article, note)
    return message % {"n": revision.number}


def record_import(articles) -> None:
    """A revision ("Nhập từ WordPress") of each story an import created or changed."""
    stories = Article.objects.filter(pk__in=[a.pk for a in articles]).select_related("section")
    stories = stories.prefetch_related("tags", "bylines__author").annotate(
        last=Max("revisions__number")
    )
    Revision.objects.bulk_create(
        Revision(
            article=story,
            number=(story.last or 0) + 1,
            kind=Kind.IMPORTED,
            note=_("Nhập từ WordPress"),
            snapshot=snapshot(story, list(story.tags.all()), _bylines(story)),
        )
        for story in stories
    )


def _bylines(article):
    prefetched = "bylines" in getattr(article, "_prefetched_objects_cache", {})
    rows = article.bylines.all() if prefetched else article.bylines.select_related("author")
    return [{"author": b.author, "role": b.role, "order": b.order} for b in rows]


def load(article, data) -> None:
    """Show snapshot `data` on `article` in memory only (the change form of a pending change)."""
    for name in CONTENT:
        setattr(article, name, data[name])
    article.section_id = data["section"]["id"]
    article.image = data["image"]["name"]
    for key in IMAGE:
        setattr(article, f"image_{key}", data["image"][key])


def dress(article, data) -> None:
    """Show snapshot `data` on `article` in memory, byline and tags included, for a preview of
    the story page (`article` was loaded with its page data; nothing is saved)."""
    stored_section = article.section
    load(article, data)
    # A section deleted since the change was saved: the story stays where it is.
    article.section = Section.objects.filter(pk=data["section"]["id"]).first() or stored_section
    authors = Author.objects.in_bulk([b["author"] for b in data["bylines"]])
    bylines = [
        Byline(article=article, author=authors[b["author"]], role=b["role"], order=i)
        for i, b in enumerate(data["bylines"])
        if b["author"] in authors
    ]
    tags = Tag.objects.filter(pk__in=[t["id"] for t in data["tags"]]).order_by("name")
    _prefetched(article, "bylines", bylines)
    _prefetched(article, "tags", list(tags))


def _prefetched(article, name, rows):
    """Make `article.<name>.all()` return `rows`, as a prefetch would."""
    rows_qs = getattr(article, name).none()
    rows_qs._result_cache, rows_qs._prefetch_done = rows, True
    article._prefetched_objects_cache[name] = rows_qs
