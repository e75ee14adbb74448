"""Moderation at a glance (mixed into CommentAdmin): the last 30 days' figures
(`comments.stats`) as charts drawn on the server (`comments.charts`), for whoever may view
comments (moderators, the editor-in-chief, superusers).
"""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import date_format, number_format
from django.utils.http import urlencode
from django.utils.translation import gettext, ngettext

from comments import charts, stats
from comments.models import Comment, CommentReport

Status = Comment.Status
MINUTE, HOUR, DAY = 60, 3600, 86400


def day_label(day) -> str:
    return date_format(day, "d/m")


def duration_text(seconds) -> str:
    """A wait as people say it: '45 giây', '12 phút', '2 giờ 5 phút', '3 ngày 4 giờ'."""
    if seconds is None:
        return "–"
    seconds = round(seconds)
    if seconds < MINUTE:
        return gettext("%(s)d giây") % {"s": seconds}
    if seconds < HOUR:
        return gettext("%(m)d phút") % {"m": seconds // MINUTE}
    if seconds < DAY:
        return gettext("%(h)d giờ %(m)d phút") % {
            "h": seconds // HOUR,
            "m": seconds % HOUR // MINUTE,
        }
    return gettext("%(d)d ngày %(h)d giờ") % {"d": seconds // DAY, "h": seconds % DAY // HOUR}


def wait_unit(longest):
    """(seconds in the unit, the y axis's title) for waits up to `longest` seconds."""
    if longest < 2 * HOUR:
        return MINUTE, gettext("Số phút")
    if longest < 3 * DAY:
        return HOUR, gettext("Số giờ")
    return DAY, gettext("Số ngày")


def activity_chart(figures):
    first, last = day_label(figures.days[0].day), day_label(figures.days[-1].day)
    return charts.line_chart(
        key="stats-activity",
        title=gettext("Bình luận nhận được và đã xử lý mỗi ngày"),
        desc=gettext(
            "Hai đường theo ngày, từ %(first)s đến %(last)s: số bình luận nhận được (tổng "
            "%(received)d) và số bình luận đã được duyệt, từ chối hoặc đánh dấu spam (tổng "
            "%(decided)d). Số liệu từng ngày ở bảng bên dưới."
        )
        % {"first": first, "last": last, "received": figures.received, "decided": figures.decided},
        x_label=gettext("Ngày"),
        y_label=gettext("Số bình luận"),
        labels=[day_label(day.day) for day in figures.days],
        series=[
            ("received", gettext("Nhận được"), [day.received for day in figures.days]),
            ("decided", gettext("Đã xử lý"), [day.decided for day in figures.days]),
        ],
        table=charts.Table(
            head=[gettext("Ngày"), gettext("Nhận được"), gettext("Đã xử lý")],
            rows=[
                [day_label(day.day), number_format(day.received), number_format(day.decided)]
                for day in figures.days
            ],
        ),
        tick_label=number_format,
    )


def waits_chart(figures):
    unit, unit_title = wait_unit(max((day.p90 or 0) for day in figures.days))
    return charts.line_chart(
        key="stats-waits",
        title=gettext("Thời gian chờ xử lý mỗi ngày"),
        desc=gettext(
            "Hai đường theo ngày xử lý: trung vị và phân vị 90 của thời gian từ lúc bạn đọc "
            "gửi đến lúc bình luận được xử lý, không tính bình luận của tòa soạn. Cả 30 ngày: "
            "trung vị %(median)s, phân vị 90 %(p90)s. Số liệu từng ngày ở bảng bên dưới."
        )
        % {"median": duration_text(figures.median), "p90": duration_text(figures.p90)},
        x_label=gettext("Ngày xử lý"),
        y_label=unit_title,
        labels=[day_label(day.day) for day in figures.days],
        series=[
            ("median", gettext("Trung vị"), [_in(day.median, unit) for day in figures.days]),
            ("p90", gettext("Phân vị 90"), [_in(day.p90, unit) for day in figures.days]),
        ],
        table=charts.Table(
            head=[
                gettext("Ngày xử lý"),
                gettext("Số bình luận"),
                gettext("Trung vị"),
                gettext("Phân vị 90"),
            ],
            rows=[
                [
                    day_label(day.day),
                    number_format(len(day.waits)),
                    duration_text(day.median),
                    duration_text(day.p90),
                ]
                for day in figures.days
            ],
        ),
        tick_label=lambda value: number_format(
            value, decimal_pos=0 if float(value).is_integer() else 1
        ),
        point_label=lambda value: duration_text(value * unit),
    )


def _in(seconds, unit):
    return None if seconds is None else seconds / unit


def decisions_chart(figures):
    def status_label(status):
        return Status(status).label if status else "–"

    rows = [
        (row.status, f"{Status(row.status).label} · {row.reason}", row.count)
        if row.status
        else ("other", row.reason, row.count)
        for row in figures.decisions
    ]
    return charts.bar_chart(
        key="stats-decisions",
        title=gettext("Quyết định theo lý do"),
        desc=ngettext(
            "Thanh ngang, mỗi thanh một trạng thái và lý do hệ thống đã giữ bình luận lại: "
            "%(n)d bình luận được xử lý trong 30 ngày. Số liệu ở bảng bên dưới.",
            "Thanh ngang, mỗi thanh một trạng thái và lý do hệ thống đã giữ bình luận lại: "
            "%(n)d bình luận được xử lý trong 30 ngày. Số liệu ở bảng bên dưới.",
            figures.decided,
        )
        % {"n": figures.decided},
        x_label=gettext("Số bình luận"),
        rows=rows,
        table=charts.Table(
            head=[gettext("Trạng thái"), gettext("Lý do giữ lại"), gettext("Số bình luận")],
            rows=[
                [status_label(row.status), row.reason, number_format(row.count)]
                for row in figures.decisions
            ],
            text_columns=2,
        ),
        value_label=number_format,
    )


def reports_chart(figures):
    official = CommentReport.Reason.OFFICIAL
    return charts.bar_chart(
        key="stats-reports",
        title=gettext("Báo cáo vi phạm theo lý do"),
        desc=ngettext(
            "Thanh ngang, mỗi thanh một lý do: %(n)d báo cáo của bạn đọc và yêu cầu của cơ "
            "quan chức năng nhận được trong 30 ngày. Số liệu ở bảng bên dưới.",
            "Thanh ngang, mỗi thanh một lý do: %(n)d báo cáo của bạn đọc và yêu cầu của cơ "
            "quan chức năng nhận được trong 30 ngày. Số liệu ở bảng bên dưới.",
            figures.reported,
        )
        % {"n": figures.reported},
        x_label=gettext("Số báo cáo"),
        rows=[
            ("official" if row.reason == official else "report", row.label, row.count)
            for row in figures.reports
        ],
        table=charts.Table(
            head=[gettext("Lý do"), gettext("Số báo cáo")],
            rows=[[row.label, number_format(row.count)] for row in figures.reports],
        ),
        value_label=number_format,
    )


def story_rows(figures):
    """The busiest stories, each with links to its comments in the changelist (the same
    30 days) and a bar: approved, pending, then rejected or spam."""
    changelist = reverse("admin:comments_comment_changelist")
    most = max((story.received for story in figures.stories), default=0)
    since = figures.start.isoformat(sep=" ")

    def link(story, status):
        query = {"article__id__exact": story.article_id, "status": status, "created__gte": since}
        return f"{changelist}?{urlencode(query)}"

    return [
        {
            "story": story,
            "all_url": link(story, "all"),
            "pending_url": link(story, Status.PENDING),
            "approved_url": link(story, Status.APPROVED),
            "bar": charts.stacked(
                [
                    (Status.APPROVED, story.approved),
                    (Status.PENDING, story.pending),
                    ("other", story.received - story.approved - story.pending),
                ],
                most,
            ),
        }
        for story in figures.stories
    ]


class ModerationStats:
    """The "Tổng quan kiểm duyệt" page and its URL, for a ModelAdmin of Comment."""

    def get_urls(self):
        stats_url = path(
            "stats/",
            self.admin_site.admin_view(self.stats_view),
            name="comments_comment_stats",
        )
        return [stats_url, *super().get_urls()]

    def stats_view(self, request):
        if not request.user.has_perm("comments.view_moderation_figures"):
            raise PermissionDenied
        figures = stats.figures()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Tổng quan kiểm duyệt"),
            "figures": figures,
            "first_day": figures.days[0].day,
            "last_day": figures.days[-1].day,
            "median": duration_text(figures.median),
            "p90": duration_text(figures.p90),
            "activity": activity_chart(figures),
            "waits": waits_chart(figures),
            "decisions": decisions_chart(figures),
            "reports": reports_chart(figures),
            "stories": story_rows(figures),
            "changelist_url": reverse("admin:comments_comment_changelist"),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/comments/comment/stats.html", context)
