"""Who may do what to a story, and the review chain's allowed changes of state.

Roles are permissions, given by the groups the migrations make:
- reporters ("Phóng viên") have `change_article` only: their own drafts, and changes to their
  own live story that wait for review;
- editors ("Biên tập viên") have `review_article`: the sections they are assigned to
  (`Section.editors`; none assigned = every section);
- the editor-in-chief ("Tổng biên tập") has `oversee_article` too: every section, unpublish,
  override a review, roll back a live story.

`act()` is the one way a story changes state; every view and admin action calls it, so the
server enforces the rules whatever buttons a page shows.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles import audit, notify, revisions
from articles.models import Article, AuditEntry
from newsroom.infra.logconfig import event_on_commit

Review, Publication = Article.Review, Article.Publication


class Refused(Exception):
    """A change of state that is not allowed; the message says why (shown to the user)."""


def is_chief(user) -> bool:
    return user.is_active and user.has_perm("articles.oversee_article")


def is_editor(user) -> bool:
    return user.is_active and user.has_perm("articles.review_article")


def section_ids(user) -> set[int] | None:
    """The sections `user` edits; None means every section."""
    if is_chief(user):
        return None
    if not hasattr(user, "_edited_section_ids"):
        user._edited_section_ids = set(user.edited_sections.values_list("pk", flat=True))
    return user._edited_section_ids or None


def covers(user, article) -> bool:
    """Whether `user` is an editor of the story's section (as stored: a change waiting to
    move the story elsewhere gives that section's editors no rights over it)."""
    if not is_editor(user):
        return False
    sections = section_ids(user)
    return sections is None or getattr(article, "stored_section_id", article.section_id) in sections


def may_edit(user, article) -> bool:
    """Editors edit every story of their sections. A reporter edits their own draft while it is
    being written or was returned, and proposes changes to their own live story; a scheduled or
    withdrawn story is the editors' alone."""
    if not (user.is_active and user.has_perm("articles.change_article")):
        return False
    if article.pk is None or covers(user, article):
        return True
    if article.owner_id != user.pk:
        return False
    if article.publication == Publication.DRAFT:
        return article.review_state in (Review.WRITING, Review.RETURNED)
    if article.publication == Publication.LIVE:
        return article.review_state in (Review.WRITING, Review.RETURNED) or (
            not article.has_pending_change
        )
    return False


def stories_for(user, queryset):
    """The stories `user` sees in the admin: editors every story (they act on their sections'
    only), reporters their own."""
    if is_editor(user):
        return queryset
    return queryset.filter(owner=user)


@dataclass(frozen=True)
class Step:
    """One allowed step: from which states, and by whom (what it does: `_TAKE`)."""

    name: str
    label: str
    review_from: frozenset = frozenset()
    publication_from: frozenset = frozenset()
    editors: bool = True  # False: the story's own reporter (or an editor of the section)
    chief_only: bool = False
    needs_note: bool = False
    asks_time: bool = False


ANY_REVIEW = frozenset(Review)
NOT_LIVE = frozenset({Publication.DRAFT, Publication.SCHEDULED, Publication.UNPUBLISHED})
STEPS = {
    step.name: step
    for step in [
        Step(
            "submit",
            gettext_lazy("Gửi duyệt"),
            frozenset({Review.WRITING, Review.RETURNED}),
            editors=False,
        ),
        Step("return", gettext_lazy("Trả lại"), frozenset({Review.IN_REVIEW}), needs_note=True),
        Step("approve", gettext_lazy("Duyệt"), frozenset({Review.IN_REVIEW})),
        Step(
            "override",
            gettext_lazy("Duyệt vượt quy trình"),
            ANY_REVIEW - {Review.APPROVED},
            chief_only=True,
        ),
        Step("publish", gettext_lazy("Xuất bản ngay"), frozenset({Review.APPROVED}), NOT_LIVE),
        Step(
            "schedule",
            gettext_lazy("Hẹn giờ"),
            frozenset({Review.APPROVED}),
            NOT_LIVE,
            asks_time=True,
        ),
        Step(
            "unpublish",
            gettext_lazy("Gỡ bài"),
            ANY_REVIEW,
            frozenset({Publication.LIVE}),
            chief_only=True,
            needs_note=True,
        ),
    ]
}


def why_not(step, user, article) -> str | None:
    """Why `user` may not take `step` on `article` now; None when they may."""
    if step.chief_only and not is_chief(user):
        return _("Chỉ Tổng biên tập được làm việc này.")
    if step.editors and not covers(user, article):
        return _("Chỉ biên tập viên phụ trách chuyên mục “%(section)s” được làm việc này.") % {
            "section": article.section.name
        }
    if not step.editors and not (covers(user, article) or article.owner_id == user.pk):
        return _("Chỉ người viết bài hoặc biên tập viên của chuyên mục được gửi duyệt.")
    if step.review_from and article.review_state not in step.review_from:
        return _("Bài đang ở trạng thái duyệt “%(state)s”: không thể “%(step)s”.") % {
            "state": article.get_review_state_display(),
            "step": step.label,
        }
    if step.publication_from and article.publication not in step.publication_from:
        return _("Bài đang “%(state)s”: không thể “%(step)s”.") % {
            "state": article.publication.label,
            "step": step.label,
        }
    if step.name in {"publish", "schedule"} and article.has_pending_change:
        return _("Bài có thay đổi chờ duyệt: hãy duyệt thay đổi trước.")
    withdrawn = article.publication == Publication.UNPUBLISHED
    if step.name in {"publish", "schedule"} and withdrawn and not is_chief(user):
        return _("Tổng biên tập đã gỡ bài này: chỉ Tổng biên tập được đăng lại.")
    return None


def steps_for(user, article) -> list[Step]:
    """The steps `user` may take on `article` now (what the change page offers)."""
    return [step for step in STEPS.values() if why_not(step, user, article) is None]


@transaction.atomic
def act(name, user, article, *, note="", when: datetime | None = None) -> str:
    """Take step `name` on `article` as `user`, or raise `Refused`; returns what happened."""
    step = STEPS.get(name)
    if step is None:
        raise Refused(_("Không có thao tác này."))
    article = Article.objects.select_for_update().select_related("section").get(pk=article.pk)
    refusal = why_not(step, user, article)
    if refusal:
        raise Refused(refusal)
    note = note.strip()
    if step.needs_note and not note:
        raise Refused(_("Hãy ghi lý do cho người viết bài."))
    done = _TAKE[name](user, article, note, when)
    event_on_commit(
        EVENTS[name],
        article_id=article.pk,
        by=user.pk,
        reason=note[:300],
        publish_at=article.publish_at.isoformat() if name == "schedule" else None,
    )
    return done


def _submit(user, article, note, when):
    _set(article, review_state=Review.IN_REVIEW, submitted_at=timezone.now(), review_note="")
    audit.record(AuditEntry.Action.SUBMITTED, user, article, note)
    notify.submitted(article, user)
    return _("Đã gửi duyệt “%(title)s”.") % {"title": article.title}


def _return(user, article, note, when):
    _set(article, review_state=Review.RETURNED, review_note=note)
    audit.record(AuditEntry.Action.RETURNED, user, article, note)
    notify.reviewed(article, user, returned=True)
    return _("Đã trả lại “%(title)s” cho người viết.") % {"title": article.title}


def _approve(user, article, note, when, override=False):
    applied = article.has_pending_change
    if applied and revisions.slug_taken(article, article.pending_revision.snapshot):
        raise Refused(
            _("Địa chỉ (slug) “%(slug)s” của thay đổi đã có bài khác dùng: hãy sửa slug rồi lưu.")
            % {"slug": article.pending_revision.snapshot["slug"]}
        )
    if applied:
        revisions.apply_pending(article, user)
    _set(article, review_state=Review.APPROVED, review_note="")
    summary = _("vượt quy trình duyệt") if override else ""
    if applied:
        summary = " · ".join(filter(None, [summary, _("thay đổi đã lên trang")]))
    audit.record(
        AuditEntry.Action.APPROVED, user, article, " · ".join(filter(None, [summary, note]))
    )
    notify.reviewed(article, user, returned=False)
    if applied:
        return _("Đã duyệt: thay đổi của “%(title)s” đã lên trang.") % {"title": article.title}
    return _("Đã duyệt “%(title)s”.") % {"title": article.title}


def _override(user, article, note, when):
    return _approve(user, article, note, when, override=True)


def _publish(user, article, note, when):
    now = timezone.now()
    # A story put back keeps the date it first went out; a draft goes out now.
    withdrawn = article.publication == Publication.UNPUBLISHED and article.publish_at <= now
    _set(
        article,
        status=Article.Status.PUBLISHED,
        publish_at=article.publish_at if withdrawn else now,
    )
    audit.record(AuditEntry.Action.PUBLISHED, user, article, note)
    return _("Đã xuất bản “%(title)s”.") % {"title": article.title}


def _schedule(user, article, note, when):
    when = when or article.publish_at
    if when <= timezone.now():
        raise Refused(_("Hãy chọn một thời điểm trong tương lai để hẹn giờ."))
    _set(article, status=Article.Status.PUBLISHED, publish_at=when)
    local = timezone.localtime(when)
    audit.record(AuditEntry.Action.SCHEDULED, user, article, f"{local:%d/%m/%Y %H:%M}")
    return _("Đã hẹn giờ “%(title)s” lúc %(when)s.") % {
        "title": article.title,
        "when": f"{local:%H:%M %d/%m/%Y}",
    }


def _unpublish(user, article, note, when):
    _set(article, status=Article.Status.UNPUBLISHED)
    audit.record(AuditEntry.Action.UNPUBLISHED, user, article, note)
    return _("Đã gỡ “%(title)s”: bạn đọc thấy trang báo bài đã bị gỡ.") % {"title": article.title}


# What the log calls each step once it is taken (logger "newsroom.events").
EVENTS = {
    "submit": "article.submitted",
    "return": "article.returned",
    "approve": "article.approved",
    "override": "article.approved_override",
    "publish": "article.published",
    "schedule": "article.scheduled",
    "unpublish": "article.unpublished",
}

_TAKE = {
    "submit": _submit,
    "return": _return,
    "approve": _approve,
    "override": _override,
    "publish": _publish,
    "schedule": _schedule,
    "unpublish": _unpublish,
}


def _set(article, **fields):
    """Change state fields only (the story's content is untouched), retiring cached pages."""
    for name, value in fields.items():
        setattr(article, name, value)
    fields["updated"] = article.updated = timezone.now()
    Article.objects.filter(pk=article.pk).update(**fields)
