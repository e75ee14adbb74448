"""The editors' desk: the lists an editor or reporter lands on in the admin."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles import review
from articles.models import Article

SHOWN = 8  # items per list; the count says how many there are in all
Review, Status = Article.Review, Article.Status


@dataclass
class DeskList:
    key: str
    title: str
    stories: list
    count: int
    step: str = ""  # the one-click step the list offers, when the user may take it
    step_label: str = ""
    shows_waiting: bool = False  # how long each story has waited for review


def lists_for(user) -> list[DeskList]:
    """The desk of `user`: their own work, and (editors) what waits for them in their sections."""
    now = timezone.now()
    stories = Article.objects.select_related("section", "owner").only(
        "title",
        "section__name",
        "owner__username",
        "owner__first_name",
        "owner__last_name",
        "review_state",
        "review_note",
        "status",
        "publish_at",
        "submitted_at",
        "pending_revision",
    )
    mine = stories.filter(owner=user)
    wanted = [
        (
            "drafts",
            _("Bản nháp của tôi"),
            mine.filter(review_state=Review.WRITING)
            .exclude(status=Status.PUBLISHED, publish_at__lte=now, pending_revision=None)
            .order_by("-updated"),
            "submit",
        ),
        (
            "returned",
            _("Bị trả lại cho tôi"),
            mine.filter(review_state=Review.RETURNED).order_by("-updated"),
            "",
        ),
    ]
    if review.is_editor(user):
        ids = review.section_ids(user)
        mine_to_edit = stories if ids is None else stories.filter(section_id__in=ids)
        today_ends = timezone.make_aware(datetime.combine(timezone.localdate(), time.max))
        not_out = Q(status=Status.DRAFT) | Q(status=Status.UNPUBLISHED)
        wanted += [
            (
                "review",
                _("Chờ tôi duyệt"),
                mine_to_edit.filter(review_state=Review.IN_REVIEW).order_by("submitted_at", "pk"),
                "approve",
            ),
            (
                "approved",
                _("Đã duyệt, chưa xuất bản"),
                mine_to_edit.filter(not_out, review_state=Review.APPROVED).order_by("-updated"),
                "publish",
            ),
            (
                "today",
                _("Hẹn giờ hôm nay"),
                mine_to_edit.filter(
                    status=Status.PUBLISHED, publish_at__gt=now, publish_at__lte=today_ends
                ).order_by("publish_at"),
                "",
            ),
            (
                "recent",
                _("Xuất bản trong 24 giờ qua"),
                mine_to_edit.filter(
                    status=Status.PUBLISHED,
                    publish_at__lte=now,
                    publish_at__gt=now - timedelta(days=1),
                ).order_by("-publish_at"),
                "",
            ),
        ]
    return [
        DeskList(
            key,
            title,
            list(queryset[:SHOWN]),
            queryset.count(),
            step,
            str(review.STEPS[step].label) if step else "",
            shows_waiting=key == "review",
        )
        for key, title, queryset, step in wanted
    ]
