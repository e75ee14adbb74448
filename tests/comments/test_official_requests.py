"""Official requests: entered by a moderator with their reference, they hide a comment at once
and wait first in the "Bị báo cáo" tab with a 24-hour deadline."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import AuditEntry
from comments.models import Comment, CommentReport
from tests.comments.factories import CommentFactory

pytestmark = pytest.mark.django_db

Reason = CommentReport.Reason
FORM = "admin:comments_comment_official"
TAB = "admin:comments_comment_reported"
HIDDEN_TEXT = "Bình luận này đang được xem xét lại"


@pytest.fixture
def clock(monkeypatch):
    """Time stands still until the test moves it on."""

    class Clock:
        now = timezone.now().replace(microsecond=0)

        def advance(self, **delta):
            self.now += timedelta(**delta)

    frozen = Clock()
    monkeypatch.setattr(timezone, "now", lambda: frozen.now)
    return frozen


@pytest.fixture
def comment(article):
    return CommentFactory(
        article=article,
        status=Comment.Status.APPROVED,
        name="Lê Văn Cường",
        body="Thông tin sai sự thật về dự án của tỉnh.",
    )


def enter(browser, comment_text, reference="45/STTTT-TTBCXB", note=""):
    data = {"comment": comment_text, "reference": reference, "note": note}
    return browser.post(reverse(FORM), data)


def local(moment):
    return timezone.localtime(moment).strftime("%H:%M %d/%m/%Y")


def test_the_form_opens_on_the_comment_it_is_given(moderator_client, comment):
    response = moderator_client.get(reverse(FORM), {"comment": comment.pk})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Thông tin sai sự thật về dự án" in html
    assert f'value="{comment.pk}"' in html
    assert "Số hiệu văn bản yêu cầu" in html


def test_an_official_request_hides_the_comment_at_once_and_is_recorded(
    moderator_client, moderator, comment, article
):
    response = enter(moderator_client, str(comment.pk), note="Công văn gửi qua email")

    assert response.status_code == 302
    assert response["Location"] == reverse(TAB) + f"#c-{comment.pk}"
    comment.refresh_from_db()
    assert comment.report_state == Comment.ReportState.HIDDEN
    assert comment.reported_at is not None
    assert comment.status == Comment.Status.APPROVED
    request = CommentReport.objects.get()
    assert (request.reason, request.reference, request.reported_by, request.note) == (
        Reason.OFFICIAL,
        "45/STTTT-TTBCXB",
        moderator,
        "Công văn gửi qua email",
    )
    entry = AuditEntry.objects.get(action=AuditEntry.Action.COMMENT_OFFICIAL)
    assert (entry.actor, entry.comment_id, entry.article_id) == (moderator, comment.pk, article.pk)
    assert "45/STTTT-TTBCXB" in entry.summary
    html = Client().get(article.get_absolute_url()).content.decode()
    assert HIDDEN_TEXT in html
    assert "Thông tin sai sự thật về dự án" not in html


def test_the_moderator_is_told_the_deadline(moderator_client, comment, clock):
    response = enter(moderator_client, str(comment.pk))

    message = [str(m) for m in moderator_client.get(response["Location"]).context["messages"]]
    assert message[0].startswith(f"Đã ẩn bình luận số {comment.pk} theo yêu cầu 45/STTTT-TTBCXB.")
    assert "Hạn xử lý:" in message[0]


@pytest.mark.parametrize(
    "written",
    [
        "{url}#binh-luan-{pk}",
        "http://testserver{url}#binh-luan-{pk}",
        "#{pk}",
        " {pk} ",
        "/binh-luan/{pk}/bao-cao/",
        "/admin/comments/comment/{pk}/change/",
    ],
)
def test_the_comment_may_be_given_by_its_number_or_address(
    moderator_client, comment, article, written
):
    text = written.format(url=article.get_absolute_url(), pk=comment.pk)

    assert enter(moderator_client, text).status_code == 302
    comment.refresh_from_db()
    assert comment.is_hidden_for_review


def test_the_reference_is_required_and_what_was_typed_is_kept(moderator_client, comment):
    response = enter(moderator_client, str(comment.pk), reference="", note="Gọi điện báo trước")

    html = response.content.decode()
    assert response.status_code == 400
    assert "Hãy nhập số hiệu văn bản yêu cầu." in html
    assert "Gọi điện báo trước" in html
    assert f'value="{comment.pk}"' in html
    comment.refresh_from_db()
    assert not comment.is_hidden_for_review
    assert not CommentReport.objects.exists()


def test_a_comment_that_does_not_exist_or_is_not_shown_is_refused(moderator_client, article):
    pending = CommentFactory(article=article)

    missing = enter(moderator_client, "999999")
    unshown = enter(moderator_client, str(pending.pk))
    nonsense = enter(moderator_client, "bình luận hôm qua")

    assert missing.status_code == unshown.status_code == nonsense.status_code == 400
    assert "Không có bình luận số 999999." in missing.content.decode()
    assert "không hiện với bạn đọc (Chờ duyệt)" in unshown.content.decode()
    assert "Hãy nhập số của bình luận" in nonsense.content.decode()
    assert not CommentReport.objects.exists()


def test_only_moderators_may_enter_official_requests(
    client, editor_client, chief_client, reporter_client, comment
):
    assert client.get(reverse(FORM)).status_code == 302
    for browser in (editor_client, chief_client, reporter_client):
        assert browser.get(reverse(FORM)).status_code == 403
        assert enter(browser, str(comment.pk)).status_code == 403
    comment.refresh_from_db()
    assert not comment.is_hidden_for_review


def test_official_requests_come_first_with_their_24_hour_deadline(
    moderator_client, comment, article, clock
):
    crowd = CommentFactory(article=article, status=Comment.Status.APPROVED, body="Nhiều báo cáo")
    for n in range(5):
        Client().post(
            reverse("comments:report", kwargs={"pk": crowd.pk}),
            {"reason": Reason.SPAM},
            REMOTE_ADDR=f"198.51.100.{n + 1}",
        )
    enter(moderator_client, str(comment.pk), reference="07/CV-CA")
    clock.advance(hours=3)

    html = moderator_client.get(reverse(TAB)).content.decode()

    assert html.index(f'id="c-{comment.pk}"') < html.index(f'id="c-{crowd.pk}"')
    start = html.rfind("<li", 0, html.index(f'id="c-{comment.pk}"'))
    item = html[start : html.index(f'id="c-{crowd.pk}"')]
    assert "is-official" in item
    assert "07/CV-CA" in item
    deadline = CommentReport.objects.get(reason=Reason.OFFICIAL).created + timedelta(hours=24)
    assert "Hạn xử lý:" in item
    assert local(deadline) in item
    assert "(giờ Việt Nam)" in item
    assert "Quá hạn" not in html
    assert "is-overdue" not in html


def test_an_overdue_request_is_marked_in_words(moderator_client, comment, clock):
    enter(moderator_client, str(comment.pk))

    clock.advance(hours=23, minutes=59)
    assert "Quá hạn" not in moderator_client.get(reverse(TAB)).content.decode()
    clock.advance(minutes=2)
    html = moderator_client.get(reverse(TAB)).content.decode()

    assert "⚠ Quá hạn" in html
    assert "is-overdue" in html


def test_keeping_resolves_the_request_and_shows_the_comment_again(
    moderator_client, moderator, comment, article
):
    enter(moderator_client, str(comment.pk))

    moderator_client.post(reverse("admin:comments_comment_reported_act", args=[comment.pk, "keep"]))

    comment.refresh_from_db()
    assert comment.report_state == Comment.ReportState.KEPT
    request = CommentReport.objects.get()
    assert (request.resolved_by, request.resolved_at is not None) == (moderator, True)
    assert "Thông tin sai sự thật" in Client().get(article.get_absolute_url()).content.decode()


def test_a_second_request_keeps_the_time_the_comment_was_first_hidden(
    moderator_client, comment, clock
):
    enter(moderator_client, str(comment.pk), reference="01/CV")
    comment.refresh_from_db()
    first_hidden = comment.reported_at
    clock.advance(hours=2)

    enter(moderator_client, str(comment.pk), reference="02/CV")

    comment.refresh_from_db()
    assert comment.reported_at == first_hidden
    assert CommentReport.objects.filter(reason=Reason.OFFICIAL).count() == 2
