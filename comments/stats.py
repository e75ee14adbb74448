"""Moderation at a glance: the figures of the last 30 days, in Asia/Ho_Chi_Minh days.

Every figure is one query, however many comments or reports there are: counts are grouped by
the database; the waits come back as (day, wait) pairs and their median and 90th percentile
are worked out here. "Decided" means a person set the status (approved, rejected or spam):
`moderated_at` is set. A comment decided twice counts once, on the day of its last decision.
"""

import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cached_property
from zoneinfo import ZoneInfo

from django.db.models import Count, DurationField, ExpressionWrapper, F, Q
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from comments.models import Comment, CommentReport

DAYS = 30
ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
TOP_STORIES = 10
TOP_REASONS = 10
Status = Comment.Status
DECIDED = [Status.APPROVED, Status.REJECTED, Status.SPAM]
NO_REASON = _("(không ghi lý do)")
OTHER_REASONS = _("Các lý do khác")


@dataclass
class Day:
    day: date
    received: int = 0
    decided: int = 0
    waits: list[float] = field(default_factory=list)  # seconds, readers' comments only

    @cached_property
    def median(self) -> float | None:
        return percentile(sorted(self.waits), 0.5)

    @cached_property
    def p90(self) -> float | None:
        return percentile(sorted(self.waits), 0.9)


@dataclass(frozen=True)
class Reason:
    status: str  # a Comment.Status value; "" for the other reasons lumped together
    reason: str
    count: int


@dataclass(frozen=True)
class ReportReason:
    reason: str  # a CommentReport.Reason value
    label: str
    count: int


@dataclass(frozen=True)
class Story:
    article_id: int
    title: str
    received: int
    pending: int
    approved: int


@dataclass
class Figures:
    start: datetime  # midnight of the first day
    end: datetime  # midnight after today
    days: list[Day]
    decisions: list[Reason]
    reports: list[ReportReason]
    stories: list[Story]

    @property
    def received(self) -> int:
        return sum(day.received for day in self.days)

    @property
    def decided(self) -> int:
        return sum(day.decided for day in self.days)

    @property
    def reported(self) -> int:
        return sum(row.count for row in self.reports)

    @cached_property
    def waits(self) -> list[float]:
        return sorted(wait for day in self.days for wait in day.waits)

    @cached_property
    def median(self) -> float | None:
        return percentile(self.waits, 0.5)

    @cached_property
    def p90(self) -> float | None:
        return percentile(self.waits, 0.9)


def percentile(ordered: list[float], q: float) -> float | None:
    """The q-quantile of sorted values, linear between the closest ranks (None when empty)."""
    if not ordered:
        return None
    position = (len(ordered) - 1) * q
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def window(now=None) -> tuple[datetime, datetime]:
    """Midnight (Asia/Ho_Chi_Minh) of the first of the 30 days, and midnight after today."""
    today = timezone.localtime(now or timezone.now(), ZONE).date()
    first = today - timedelta(days=DAYS - 1)
    start = datetime.combine(first, time.min, tzinfo=ZONE)
    end = datetime.combine(today + timedelta(days=1), time.min, tzinfo=ZONE)
    return start, end


def figures(now=None) -> Figures:
    start, end = window(now)
    first = start.date()
    days = {first + timedelta(days=n): Day(first + timedelta(days=n)) for n in range(DAYS)}
    _count_received(days, start, end)
    _count_decided(days, start, end)
    return Figures(
        start=start,
        end=end,
        days=list(days.values()),
        decisions=decisions_by_reason(start, end),
        reports=reports_by_reason(start, end),
        stories=busiest_stories(start, end),
    )


def _count_received(days, start, end):
    received = (
        Comment.objects.filter(created__gte=start, created__lt=end)
        .annotate(day=TruncDate("created", tzinfo=ZONE))
        .order_by()
        .values_list("day")
        .annotate(n=Count("pk"))
    )
    for day, n in received:
        if day in days:
            days[day].received = n


def _count_decided(days, start, end):
    """Decisions per day, and the waits of readers' comments (staff comments approve
    themselves at once: they would only pull the waits down)."""
    decided = (
        Comment.objects.filter(status__in=DECIDED, moderated_at__gte=start, moderated_at__lt=end)
        .annotate(
            day=TruncDate("moderated_at", tzinfo=ZONE),
            wait=ExpressionWrapper(F("moderated_at") - F("created"), output_field=DurationField()),
        )
        .order_by()
        .values_list("day", "wait", "user_id")
    )
    for day, wait, user_id in decided:
        if day not in days:
            continue
        days[day].decided += 1
        if user_id is None:
            days[day].waits.append(max(wait.total_seconds(), 0.0))


def reason_label(held_reason: str) -> str:
    """The kind of reason, without the particulars: "Có 3 liên kết (tối đa 2)" and
    "Có 5 liên kết (tối đa 2)" are both "Có N liên kết"; "Chứa từ bị cấm: “x”" is
    "Chứa từ bị cấm"."""
    kind = re.split(r"[:(]", held_reason, maxsplit=1)[0]
    kind = re.sub(r"\d+(?:[.,]\d+)?", "N", kind)
    return " ".join(kind.split()) or str(NO_REASON)


def decisions_by_reason(start, end) -> list[Reason]:
    """Decided comments by status and held reason, most first; past TOP_REASONS rows the
    rest are lumped together."""
    grouped = (
        Comment.objects.filter(status__in=DECIDED, moderated_at__gte=start, moderated_at__lt=end)
        .order_by()
        .values_list("status", "held_reason")
        .annotate(n=Count("pk"))
    )
    counts = {}
    for status, held_reason, n in grouped:
        key = (status, reason_label(held_reason))
        counts[key] = counts.get(key, 0) + n
    order = {status: i for i, status in enumerate(DECIDED)}
    rows = sorted(counts.items(), key=lambda item: (-item[1], order[item[0][0]], item[0][1]))
    kept = [Reason(status, reason, n) for (status, reason), n in rows[:TOP_REASONS]]
    rest = sum(n for _key, n in rows[TOP_REASONS:])
    if rest:
        kept.append(Reason("", str(OTHER_REASONS), rest))
    return kept


def reports_by_reason(start, end) -> list[ReportReason]:
    """Readers' reports and official requests by reason, every reason listed."""
    counts = dict(
        CommentReport.objects.filter(created__gte=start, created__lt=end)
        .order_by()
        .values_list("reason")
        .annotate(n=Count("pk"))
    )
    return [
        ReportReason(value, str(label), counts.get(value, 0))
        for value, label in CommentReport.Reason.choices
    ]


def busiest_stories(start, end) -> list[Story]:
    """The stories with the most comments received, with how many of those wait or are shown."""
    rows = (
        Comment.objects.filter(created__gte=start, created__lt=end)
        .order_by()
        .values_list("article_id", "article__title")
        .annotate(
            received=Count("pk"),
            pending=Count("pk", filter=Q(status=Status.PENDING)),
            approved=Count("pk", filter=Q(status=Status.APPROVED)),
        )
        .order_by("-received", "article_id")[:TOP_STORIES]
    )
    return [Story(*row) for row in rows]
