"""Readers' reports on approved comments, and what moderators do about them.

A reader reports a comment once per browser (`newsroom.infra.readers`), at most
COMMENTS_REPORT_RATE_LIMITS times per client address. Distinct reporters are the distinct
(browser, IP) pairs among a comment's unresolved readers' reports, kept in `Comment.reporters`.
When they reach the rule's report threshold (`comments.rules`), the comment is hidden behind
"Bình luận này đang được xem xét lại" and waits in the "Bị báo cáo" tab. A moderator keeps it
(its reports are resolved; it is hidden again only when new reporters reach twice the
threshold), rejects it or marks it spam. An official request, entered by a moderator with its
reference, hides it at once and must be dealt with within OFFICIAL_DEADLINE.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef, Prefetch, Q, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone

from articles import audit
from articles.models import Article, AuditEntry
from comments import decisions, rules
from comments.models import Comment, CommentReport
from newsroom.infra import metrics, sqlite, throttle

Reason = CommentReport.Reason
ReportState = Comment.ReportState
# What a reader may choose: every reason but the officials' own.
READER_REASONS = [(value, label) for value, label in Reason.choices if value != Reason.OFFICIAL]
OFFICIAL_DEADLINE = timedelta(hours=24)
KEPT_FACTOR = 2  # a kept comment is hidden again at this many times the threshold


@dataclass(frozen=True)
class Outcome:
    counted: bool  # False: this browser had reported the comment already
    hidden: bool  # the comment is hidden for review now


# --- readers ---------------------------------------------------------------------------------


def reportable(pk) -> Comment:
    """The approved comment `pk` on a published story, or Http404."""
    comments = (
        Comment.objects.approved()
        .filter(article__in=Article.objects.published())
        .select_related("article")
        .only(
            "pk",
            "name",
            "body",
            "created",
            "status",
            "report_state",
            "article__slug",
            "article__title",
            "article__section_id",
        )
    )
    return get_object_or_404(comments, pk=pk)


def rate_exceeded(ip):
    """The (limit, window in seconds) this address has used up reporting, or None."""
    if not settings.COMMENTS_RATE_LIMIT_ENABLED:
        return None
    for limit, window in settings.COMMENTS_REPORT_RATE_LIMITS:
        if throttle.hits(_rate_key(ip, window)) >= limit:
            return limit, window
    return None


def record_attempt(ip) -> None:
    if settings.COMMENTS_RATE_LIMIT_ENABLED:
        for _limit, window in settings.COMMENTS_REPORT_RATE_LIMITS:
            throttle.hit(_rate_key(ip, window), window)


def _rate_key(ip, window):
    return throttle.counter_key(f"comments:report:{window}", ip)


def report(comment, *, reason, note, browser, ip) -> Outcome:
    """Record a reader's report; hide the comment when its reporters reach the threshold.

    A second report from the same browser is not counted (the unique constraint backs it)."""
    with sqlite.serialized_writes(), transaction.atomic():
        locked = _locked(comment.pk)
        if not locked.is_approved:  # taken down meanwhile: nothing left to report
            return Outcome(counted=False, hidden=False)
        try:
            with transaction.atomic():
                CommentReport.objects.create(
                    comment_id=comment.pk, reason=reason, note=note, browser=browser, ip_address=ip
                )
        except IntegrityError:
            return Outcome(counted=False, hidden=locked.is_hidden_for_review)
        metrics.REPORTS_FILED.labels("reader").inc()
        return Outcome(counted=True, hidden=_recount(locked, comment.article))


def threshold(article) -> int:
    return max(1, rules.in_force(article).report_threshold)


def _locked(pk) -> Comment:
    fields = ("pk", "article_id", "status", "report_state", "reporters", "reported_at")
    return Comment._base_manager.select_for_update().only(*fields).get(pk=pk)


def _open_reader_reports(comment_pk):
    return CommentReport.objects.filter(comment_id=comment_pk, resolved_at__isnull=True).exclude(
        reason=Reason.OFFICIAL
    )


def _recount(comment, article) -> bool:
    """Store the comment's distinct reporters; hide it when they reach the threshold."""
    reporters = _open_reader_reports(comment.pk).values("browser", "ip_address").distinct().count()
    needed = threshold(article)
    if comment.report_state == ReportState.KEPT:
        needed *= KEPT_FACTOR
    if comment.report_state != ReportState.HIDDEN and reporters >= needed:
        # Through Comment.objects: the cached pages that show it are retired.
        Comment.objects.filter(pk=comment.pk).update(
            report_state=ReportState.HIDDEN, reported_at=timezone.now(), reporters=reporters
        )
        comment.article = article
        summary = f"{reporters} người báo cáo (ngưỡng {needed})"
        audit.record(AuditEntry.Action.COMMENT_HIDDEN, None, summary=summary, comment=comment)
        return True
    # A count no page shows: written without retiring the cached pages.
    Comment._base_manager.filter(pk=comment.pk).update(reporters=reporters)
    return comment.report_state == ReportState.HIDDEN


# --- official requests -----------------------------------------------------------------------


def official_request(comment, moderator, reference, note="") -> CommentReport:
    """Record an official request to take `comment` down and hide it at once."""
    with sqlite.serialized_writes(), transaction.atomic():
        locked = _locked(comment.pk)
        entered = CommentReport.objects.create(
            comment_id=comment.pk,
            reason=Reason.OFFICIAL,
            note=note,
            reported_by=moderator,
            reference=reference,
        )
        if not locked.is_hidden_for_review:
            Comment.objects.filter(pk=comment.pk).update(
                report_state=ReportState.HIDDEN, reported_at=entered.created
            )
        summary = f"{reference}: {note}" if note else reference
        action = AuditEntry.Action.COMMENT_OFFICIAL
        audit.record(action, moderator, summary=summary, comment=comment)
    metrics.REPORTS_FILED.labels("official").inc()
    return entered


def deadline(report) -> datetime:
    """When an official request must have been dealt with."""
    return report.created + OFFICIAL_DEADLINE


# --- moderators ------------------------------------------------------------------------------


def in_queue():
    """The "Bị báo cáo" tab: approved comments hidden for review or with unresolved reports,
    official requests first (oldest first), then by number of reporters."""
    open_reports = CommentReport.objects.filter(comment=OuterRef("pk"), resolved_at__isnull=True)
    first_official = (
        open_reports.filter(reason=Reason.OFFICIAL).order_by("created").values("created")[:1]
    )
    return (
        Comment.objects.approved()
        .annotate(official_since=Subquery(first_official))
        .filter(Q(report_state=ReportState.HIDDEN) | Exists(open_reports))
        .order_by(
            F("official_since").asc(nulls_last=True),
            "-reporters",
            F("reported_at").asc(nulls_last=True),
            "created",
            "pk",
        )
    )


def for_tab():
    """`in_queue()` with what the tab shows: the story, and the open reports (one query)."""
    open_reports = (
        CommentReport.objects.filter(resolved_at__isnull=True)
        .select_related("reported_by")
        .order_by("created", "pk")
    )
    return (
        in_queue()
        .select_related("article__section")
        .defer("article__body", "article__search_text", "email")
        .prefetch_related(Prefetch("reports", queryset=open_reports, to_attr="open_reports"))
    )


@dataclass
class Summary:
    """What the tab says about one comment's open reports."""

    counts: list = field(default_factory=list)  # readers' (reason label, n), in Reason's order
    notes: list = field(default_factory=list)  # readers' reports with a note
    official: list = field(default_factory=list)  # (report, deadline, overdue)

    @property
    def overdue(self) -> bool:
        return any(late for _report, _due, late in self.official)


def summarize(comment, now=None) -> Summary:
    """Counts per reason, the notes and the official requests of a `for_tab()` comment."""
    now = now or timezone.now()
    summary = Summary()
    reports = comment.open_reports
    for value, label in READER_REASONS:
        if n := sum(1 for r in reports if r.reason == value):
            summary.counts.append((label, n))
    summary.notes = [r for r in reports if r.note and not r.is_official]
    summary.official = [(r, deadline(r), now > deadline(r)) for r in reports if r.is_official]
    return summary


def keep(comment, moderator, note="") -> bool:
    """Show the comment again and resolve its reports; False if it is not in the tab."""
    with sqlite.serialized_writes(), transaction.atomic():
        if not _still_in_queue(comment.pk):
            return False
        now = timezone.now()
        _resolve(comment.pk, moderator, now)
        Comment.objects.filter(pk=comment.pk).update(
            report_state=ReportState.KEPT,
            reporters=0,
            reported_at=None,
            moderated_by=moderator,
            moderated_at=now,
            moderation_note=note[:300],
        )
        audit.record(AuditEntry.Action.COMMENT_KEPT, moderator, summary=note, comment=comment)
        metrics.REPORTS_DECIDED.labels("kept").inc()
    return True


def reject(comment, moderator, note="") -> bool:
    return _take_down(decisions.reject, comment, moderator, note)


def mark_spam(comment, moderator, note="") -> bool:
    return _take_down(decisions.mark_spam, comment, moderator, note)


def _take_down(decide, comment, moderator, note) -> bool:
    """Reject or mark spam through `comments.decisions` (recorded, stories recounted), and
    resolve the reports; False if the comment is not in the tab."""
    with sqlite.serialized_writes(), transaction.atomic():
        if not _still_in_queue(comment.pk):
            return False
        _resolve(comment.pk, moderator, timezone.now())
        Comment._base_manager.filter(pk=comment.pk).update(
            report_state=ReportState.NONE, reporters=0
        )
        metrics.REPORTS_DECIDED.labels("rejected" if decide is decisions.reject else "spam").inc()
        return bool(decide([comment], moderator, note))


def _still_in_queue(pk) -> bool:
    list(Comment._base_manager.select_for_update().filter(pk=pk).values_list("pk"))  # a lock
    return in_queue().filter(pk=pk).exists()


def _resolve(comment_pk, moderator, now):
    CommentReport.objects.filter(comment_id=comment_pk, resolved_at__isnull=True).update(
        resolved_at=now, resolved_by=moderator
    )
