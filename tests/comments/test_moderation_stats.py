"""Moderation at a glance: the admin's page of the last 30 days' figures, drawn as inline SVG."""

import itertools
import re
import xml.etree.ElementTree as ET
from datetime import date, datetime
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from comments.models import Comment, CommentReport
from tests.clients import logged_in
from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db

STATS = "admin:comments_comment_stats"
VN = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2025, 6, 15, 10, 0, tzinfo=VN)  # the window is 17/05 to 15/06
Status = Comment.Status
Reason = CommentReport.Reason
# The session, the user, the user's and the groups' permissions, then one query each for
# received per day, decisions and waits per day, decisions by reason, reports by reason and the
# busiest stories: whatever the number of comments and reports.
STATS_QUERIES = 9
BROWSERS = itertools.count()


def at(month, day, hour=12, minute=0):
    return datetime(2025, month, day, hour, minute, tzinfo=VN)


@pytest.fixture
def frozen(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.now", lambda: NOW)
    return NOW


def comment(article, created, decided=None, status=None, **fields):
    """A comment sent at `created` and decided at `decided` (approved unless `status` says)."""
    status = status or (Status.APPROVED if decided else Status.PENDING)
    made = CommentFactory(article=article, status=status, **fields)
    Comment.objects.filter(pk=made.pk).update(created=created, moderated_at=decided)
    return made


def report(target, reason, created):
    browser = f"browser-{next(BROWSERS)}"
    made = CommentReport.objects.create(comment=target, reason=reason, browser=browser)
    CommentReport.objects.filter(pk=made.pk).update(created=created)
    return made


class Tables(HTMLParser):
    """{caption: rows of cell texts} for every table of a page."""

    def __init__(self, html):
        super().__init__()
        self.tables, self._rows, self._cell, self._caption = {}, None, None, None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._rows, self._caption = [], ""
        elif tag == "caption":
            self._cell = []
        elif tag == "tr" and self._rows is not None:
            self._rows.append([])
        elif tag in ("td", "th") and self._rows is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "caption":
            self._caption, self._cell = " ".join("".join(self._cell).split()), None
        elif tag in ("td", "th") and self._cell is not None:
            self._rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "table":
            self.tables[self._caption] = [row for row in self._rows if row]
            self._rows = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def page(browser):
    response = browser.get(reverse(STATS))
    assert response.status_code == 200
    return response


def tables_of(response):
    return Tables(response.content.decode()).tables


def charts_of(response):
    """The page's charts (the admin draws icons as SVG too)."""
    svgs = re.findall(r"<svg\b.*?</svg>", response.content.decode(), flags=re.S)
    return [svg for svg in svgs if 'class="stats-svg"' in svg]


# --- who may see it ---------------------------------------------------------------------


@pytest.mark.parametrize("who", ["moderator_client", "chief_client"])
def test_moderators_and_the_editor_in_chief_see_the_figures(request, who):
    response = page(request.getfixturevalue(who))
    assert "Tổng quan kiểm duyệt" in response.content.decode()


def test_superusers_see_the_figures(db):
    admin = UserFactory(username="quantri", is_staff=True, is_superuser=True)
    page(logged_in(admin))


@pytest.mark.parametrize("who", ["editor_client", "reporter_client"])
def test_editors_and_reporters_may_not_see_the_figures(request, who):
    assert request.getfixturevalue(who).get(reverse(STATS)).status_code == 403


def test_anonymous_visitors_are_sent_to_the_admin_login(client):
    response = client.get(reverse(STATS))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("who", ["moderator_client", "chief_client"])
def test_the_admin_index_links_to_the_figures_for_those_who_may_see_them(request, who):
    html = request.getfixturevalue(who).get(reverse("admin:index")).content.decode()
    assert f'href="{reverse(STATS)}"' in html


def test_the_admin_index_has_no_link_to_the_figures_for_editors(editor_client):
    html = editor_client.get(reverse("admin:index")).content.decode()
    assert reverse(STATS) not in html


# --- the figures ------------------------------------------------------------------------


def test_comments_received_and_decided_are_counted_per_vietnamese_day(
    moderator_client, article, frozen
):
    comment(article, at(6, 13, 23, 30))  # 16:30 UTC on the 13th: still the 13th in Vietnam
    comment(article, at(6, 13, 22), decided=at(6, 14, 6, 30), status=Status.REJECTED)
    comment(article, at(6, 14, 0, 15), decided=at(6, 14, 0, 45))
    comment(article, at(5, 16, 23, 59), decided=at(5, 17, 0, 5), status=Status.SPAM)
    comment(article, at(6, 15, 9))
    comment(article, at(6, 12), decided=at(6, 14, 7), status=Status.PENDING)  # sent back

    response = page(moderator_client)
    days = {day.day: day for day in response.context["figures"].days}
    assert len(days) == 30
    assert min(days) == date(2025, 5, 17)
    assert max(days) == date(2025, 6, 15)
    assert (days[date(2025, 6, 13)].received, days[date(2025, 6, 13)].decided) == (2, 0)
    assert (days[date(2025, 6, 14)].received, days[date(2025, 6, 14)].decided) == (1, 2)
    assert (days[date(2025, 5, 17)].received, days[date(2025, 5, 17)].decided) == (0, 1)
    assert (days[date(2025, 6, 15)].received, days[date(2025, 6, 15)].decided) == (1, 0)
    rows = tables_of(response)["Bình luận nhận được và đã xử lý mỗi ngày"]
    assert rows[0] == ["Ngày", "Nhận được", "Đã xử lý"]
    assert ["14/06", "1", "2"] in rows
    assert ["12/06", "1", "0"] in rows
    assert len(rows) == 31


def test_waits_are_the_median_and_90th_percentile_of_each_day_without_staff_comments(
    moderator_client, moderator, article, frozen
):
    for minutes in range(2, 22, 2):  # 2, 4, ..., 20 minutes
        comment(article, at(6, 14, 8), decided=at(6, 14, 8, minutes))
    comment(article, at(6, 14, 9), decided=at(6, 14, 9), user=moderator)  # a staff comment
    comment(article, at(6, 10, 8), decided=at(6, 10, 11, 30))  # one wait: 3 h 30

    response = page(moderator_client)
    days = {day.day: day for day in response.context["figures"].days}
    assert days[date(2025, 6, 14)].median == pytest.approx(11 * 60)
    assert days[date(2025, 6, 14)].p90 == pytest.approx(18.2 * 60)
    assert days[date(2025, 6, 14)].decided == 11  # the staff comment is a decision too
    assert days[date(2025, 6, 10)].median == days[date(2025, 6, 10)].p90 == 3.5 * 3600
    assert days[date(2025, 6, 11)].median is None
    rows = tables_of(response)["Thời gian chờ xử lý mỗi ngày"]
    assert ["14/06", "10", "11 phút", "18 phút"] in rows
    assert ["10/06", "1", "3 giờ 30 phút", "3 giờ 30 phút"] in rows
    assert ["11/06", "0", "–", "–"] in rows


def test_decisions_are_counted_by_status_and_kind_of_reason(moderator_client, article, frozen):
    new = "Bình luận mới chờ kiểm duyệt"
    comment(article, at(6, 1), decided=at(6, 2), held_reason=new)
    comment(article, at(6, 3), decided=at(6, 3, 14), held_reason=new)
    for links in (3, 5):
        comment(
            article,
            at(6, 4),
            decided=at(6, 4, 13),
            status=Status.REJECTED,
            held_reason=f"Có {links} liên kết (tối đa 2)",
        )
    word = "Chứa từ bị cấm: “xổ số”"
    comment(article, at(6, 5), decided=at(6, 5, 13), status=Status.SPAM, held_reason=word)
    comment(article, at(6, 6), held_reason=new)  # pending: not decided
    comment(article, at(5, 1), decided=at(5, 2), held_reason="Quá cũ")  # before the 30 days

    rows = tables_of(page(moderator_client))["Quyết định theo lý do"]
    assert rows == [
        ["Trạng thái", "Lý do giữ lại", "Số bình luận"],
        ["Đã duyệt", new, "2"],
        ["Bị từ chối", "Có N liên kết", "2"],
        ["Spam", "Chứa từ bị cấm", "1"],
    ]


def test_past_ten_reasons_the_rest_are_counted_together(moderator_client, article, frozen):
    for n in range(12):
        for _ in range(12 - n):  # reason 0 twelve times, ..., reason 11 once
            comment(article, at(6, 2), decided=at(6, 3), held_reason=f"Lý do {chr(65 + n)}")

    rows = tables_of(page(moderator_client))["Quyết định theo lý do"]
    assert len(rows) == 1 + 10 + 1
    assert rows[1] == ["Đã duyệt", "Lý do A", "12"]
    assert rows[-1] == ["–", "Các lý do khác", str(2 + 1)]


def test_reports_are_counted_by_reason_with_official_requests(moderator_client, article, frozen):
    target = comment(article, at(6, 1), decided=at(6, 1, 13))
    report(target, Reason.SPAM, at(6, 2))
    report(target, Reason.SPAM, at(6, 3))
    report(target, Reason.OFFICIAL, at(6, 14))
    report(target, Reason.ABUSIVE, at(5, 10))  # before the 30 days

    rows = tables_of(page(moderator_client))["Báo cáo vi phạm theo lý do"]
    assert rows[1:] == [
        ["Spam", "2"],
        ["Xúc phạm", "0"],
        ["Sai sự thật", "0"],
        ["Vi phạm pháp luật", "0"],
        ["Lộ thông tin cá nhân", "0"],
        ["Khác", "0"],
        ["Yêu cầu của cơ quan chức năng", "1"],
    ]


def test_the_busiest_stories_come_most_commented_first_with_their_counts(
    moderator_client, section, frozen
):
    quiet, busy, busiest, old = (
        ArticleFactory(section=section, title=title)
        for title in ("Lễ hội cồng chiêng", "Giá cà phê", "Đường Hồ Chí Minh", "Tin cũ")
    )
    comment(quiet, at(6, 10), decided=at(6, 10, 13))
    comment(busy, at(6, 10))
    comment(busy, at(6, 11), decided=at(6, 11, 13))
    for day in (10, 11):
        comment(busiest, at(6, day))
    comment(busiest, at(6, 12), decided=at(6, 12, 13), status=Status.REJECTED)
    for day in (1, 2, 3, 4):
        comment(old, at(5, day))

    rows = tables_of(page(moderator_client))["Bài viết nhiều bình luận nhất"]
    assert rows == [
        ["Bài viết", "Nhận được", "Chờ duyệt", "Đã duyệt"],
        ["Đường Hồ Chí Minh", "3", "2", "0"],
        ["Giá cà phê", "2", "1", "1"],
        ["Lễ hội cồng chiêng", "1", "0", "1"],
    ]


def test_a_busy_storys_counts_open_its_comments_in_the_changelist(
    moderator_client, section, frozen
):
    story = ArticleFactory(section=section, title="Giá cà phê")
    other = ArticleFactory(section=section, title="Tin khác")
    for day in (10, 11):
        comment(story, at(6, day))
    comment(story, at(6, 12), decided=at(6, 12, 13))
    comment(story, at(5, 1))  # before the 30 days
    comment(other, at(6, 10))

    row = page(moderator_client).context["stories"][0]
    for url, expected in [(row["pending_url"], 2), (row["approved_url"], 1), (row["all_url"], 3)]:
        response = moderator_client.get(url)
        assert response.status_code == 200
        assert response.context["cl"].result_count == expected


def test_only_the_ten_busiest_stories_are_listed(moderator_client, section, frozen):
    for _ in range(11):
        comment(ArticleFactory(section=section), at(6, 10))
    assert len(tables_of(page(moderator_client))["Bài viết nhiều bình luận nhất"]) == 1 + 10


# --- drawing ----------------------------------------------------------------------------


def test_a_new_site_shows_empty_states_not_charts(moderator_client):
    response = page(moderator_client)
    html = response.content.decode()
    assert charts_of(response) == []
    assert "Chưa có bình luận nào trong 30 ngày qua." in html
    assert "Chưa có báo cáo vi phạm nào trong 30 ngày qua." in html
    assert "Chưa có bài viết nào nhận bình luận trong 30 ngày qua." in html


def test_charts_are_well_formed_svg_with_a_title_a_description_and_their_numbers(
    moderator_client, article, frozen
):
    target = comment(article, at(6, 1), decided=at(6, 1, 13))
    comment(article, at(6, 14, 8), decided=at(6, 14, 9), status=Status.SPAM, held_reason="<b>&")
    report(target, Reason.FALSE, at(6, 2))

    response = page(moderator_client)
    html = response.content.decode()
    charts = [ET.fromstring(svg) for svg in charts_of(response)]
    assert len(charts) == 4
    for chart in charts:
        assert chart.get("role") == "img"
        assert chart.get("viewBox").startswith("0 0 400 ")
        title, desc = chart.find("title"), chart.find("desc")
        assert chart.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
        assert title.text and desc.text
        assert chart.find(".//text") is not None  # axes and labels in words
    assert html.count('<details class="stats-numbers">') == 4
    assert "Số bình luận" in html and "Ngày" in html  # axis titles
    assert "style=" not in html and "<style" not in html  # the CSP forbids inline styles


def test_the_page_reads_a_fixed_number_of_queries(
    moderator_client, section, frozen, django_assert_num_queries
):
    def add(n):
        for i in range(n):
            story = ArticleFactory(section=section)
            target = comment(story, at(6, 1 + i % 14), decided=at(6, 1 + i % 14, 18))
            report(target, Reason.SPAM, at(6, 2))
            report(target, Reason.OFFICIAL, at(6, 3))
            comment(story, at(6, 14), held_reason=f"Có {i} liên kết (tối đa 2)")

    add(1)
    with django_assert_num_queries(STATS_QUERIES):
        page(moderator_client)
    add(15)
    with django_assert_num_queries(STATS_QUERIES):
        page(moderator_client)
