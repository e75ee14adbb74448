"""Readers report approved comments: the form with and without JavaScript, counting reporters
once per browser, the limit per address, and hiding at the threshold."""

import json
import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from articles.models import AuditEntry
from comments.models import Comment, CommentReport, CommentRule
from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

Reason = CommentReport.Reason
SECRET_EMAIL = "kin-dao-91c2@example.org"
HIDDEN_TEXT = "Bình luận này đang được xem xét lại"
THANKS = "Cảm ơn bạn đã báo cáo"


@pytest.fixture
def comment(article):
    return CommentFactory(
        article=article,
        status=Comment.Status.APPROVED,
        name="Trần Văn Bình",
        email=SECRET_EMAIL,
        body="Ý kiến gây tranh cãi về giá cà phê.",
    )


def report_url(comment):
    return reverse("comments:report", kwargs={"pk": comment.pk})


def report(browser, comment, reason=Reason.ABUSIVE, note="", ip="198.51.100.1", as_json=False):
    headers = {"accept": "application/json"} if as_json else {}
    data = {"reason": reason, "note": note}
    return browser.post(report_url(comment), data, REMOTE_ADDR=ip, headers=headers)


def reported_by_new_browsers(comment, count, first_ip=10):
    """`count` readers, each in a browser of their own at an address of their own."""
    for n in range(count):
        response = report(Client(), comment, ip=f"198.51.100.{first_ip + n}")
        assert response.status_code == 200


def story_html(article):
    return Client().get(article.get_absolute_url()).content.decode()


# --- the form ----------------------------------------------------------------------------


def test_report_page_shows_the_comment_and_every_readers_reason_but_no_email(client, comment):
    response = client.get(report_url(comment))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Ý kiến gây tranh cãi về giá cà phê." in html
    assert "Trần Văn Bình" in html
    for label in ("Spam", "Xúc phạm", "Sai sự thật", "Vi phạm pháp luật", "Lộ thông tin cá nhân"):
        assert f">{label}</label>" in html
    assert ">Khác</label>" in html
    assert 'type="radio" name="reason"' in html
    assert 'maxlength="300"' in html
    assert "Yêu cầu của cơ quan chức năng" not in html
    assert Reason.OFFICIAL.value not in html.split("<form")[1]
    assert SECRET_EMAIL not in html
    assert 'name="csrfmiddlewaretoken"' not in html  # the same page for every reader


def test_the_form_page_is_the_same_for_everyone_and_sets_no_cookie_of_its_own(client, comment):
    response = client.get(report_url(comment))

    assert "newsroom_reader" not in response.cookies
    assert "no-store" not in response.get("Cache-Control", "")


def test_reporting_without_javascript_thanks_the_reader_with_a_link_back(client, comment, article):
    response = report(client, comment, note="Lời lẽ thô tục")

    html = response.content.decode()
    assert response.status_code == 200
    assert THANKS in html
    assert f'href="{article.get_absolute_url()}#binh-luan-{comment.pk}"' in html
    assert "no-store" in response["Cache-Control"]
    assert "newsroom_reader" in response.cookies
    assert SECRET_EMAIL not in html
    stored = CommentReport.objects.get()
    assert (stored.reason, stored.note, stored.ip_address) == (
        Reason.ABUSIVE,
        "Lời lẽ thô tục",
        "198.51.100.1",
    )
    assert len(stored.browser) == 32


def test_the_script_gets_its_thanks_in_json_without_the_email(client, comment):
    response = report(client, comment, reason=Reason.FALSE, as_json=True)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    assert data["ok"] is True
    assert data["id"] == comment.pk
    assert data["message"].startswith(THANKS)
    assert SECRET_EMAIL not in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert CommentReport.objects.get().reason == Reason.FALSE


def test_a_note_over_300_characters_is_refused_and_kept(client, comment):
    note = "Bình luận này bịa đặt. " * 13 + "x" * 2  # 301 characters
    assert len(note) == 301

    response = report(client, comment, note=note)

    html = response.content.decode()
    assert response.status_code == 400
    assert "Ghi chú dài hơn giới hạn 300 ký tự; phần vượt quá (1 ký tự) đã bị cắt." in html
    assert note[:300] in html and note not in html
    assert 'aria-invalid="true"' in html
    assert f'value="abusive" id="bao-cao-{comment.pk}-reason_1" required checked' in html
    assert not CommentReport.objects.exists()


def test_a_note_of_300_characters_is_taken(client, comment):
    assert report(client, comment, note="y" * 300).status_code == 200
    assert len(CommentReport.objects.get().note) == 300


def test_the_script_is_told_in_json_what_to_fix(client, comment):
    response = report(client, comment, note="z" * 301, as_json=True)

    assert response.status_code == 400
    data = json.loads(response.content)
    assert data["ok"] is False
    assert data["errors"]["note"] == [
        "Ghi chú dài hơn giới hạn 300 ký tự; phần vượt quá (1 ký tự) đã bị cắt. "
        "Hãy xem lại phần cuối rồi gửi lại."
    ]


def test_a_reason_must_be_chosen(client, comment):
    response = client.post(report_url(comment), {"note": "Xem lại giúp"})

    html = response.content.decode()
    assert response.status_code == 400
    assert "Hãy chọn một lý do." in html
    assert "Xem lại giúp" in html
    assert not CommentReport.objects.exists()


def test_readers_cannot_send_an_official_request(client, comment):
    response = report(client, comment, reason=Reason.OFFICIAL, note="Giả danh cơ quan")

    assert response.status_code == 400
    assert "Lý do này không có trong danh sách" in response.content.decode()
    assert "Giả danh cơ quan" in response.content.decode()
    assert not CommentReport.objects.exists()
    comment.refresh_from_db()
    assert comment.report_state == Comment.ReportState.NONE


@pytest.mark.parametrize(
    "status", [Comment.Status.PENDING, Comment.Status.REJECTED, Comment.Status.SPAM]
)
def test_only_approved_comments_can_be_reported(client, article, status):
    comment = CommentFactory(article=article, status=status)

    assert client.get(report_url(comment)).status_code == 404
    assert report(client, comment).status_code == 404
    assert not CommentReport.objects.exists()


@pytest.mark.parametrize("kind", ["draft", "scheduled"])
def test_comments_on_stories_readers_cannot_see_cannot_be_reported(client, section, kind):
    story = ArticleFactory(section=section, **{kind: True})
    comment = CommentFactory(article=story, status=Comment.Status.APPROVED)

    assert client.get(report_url(comment)).status_code == 404
    assert report(client, comment).status_code == 404


def test_a_missing_comment_is_not_found(client):
    assert client.get(reverse("comments:report", kwargs={"pk": 999999})).status_code == 404


# --- counting ----------------------------------------------------------------------------


def test_one_report_per_comment_per_browser(client, comment):
    first = report(client, comment, reason=Reason.SPAM)
    again = report(client, comment, reason=Reason.ABUSIVE, note="Lần nữa")

    assert first.status_code == again.status_code == 200
    assert THANKS in again.content.decode()
    assert CommentReport.objects.count() == 1
    comment.refresh_from_db()
    assert comment.reporters == 1


def test_the_same_browser_from_another_address_is_still_one_reporter(client, comment):
    report(client, comment, ip="198.51.100.1")
    report(client, comment, ip="203.0.113.99")

    comment.refresh_from_db()
    assert comment.reporters == 1


def test_different_browsers_at_one_address_are_different_reporters(comment):
    for _ in range(2):
        assert report(Client(), comment, ip="198.51.100.1").status_code == 200

    comment.refresh_from_db()
    assert comment.reporters == 2
    assert comment.report_state == Comment.ReportState.NONE


def test_reports_are_limited_per_address(settings, comment, article):
    settings.COMMENTS_REPORT_RATE_LIMITS = [(2, 60)]
    others = [CommentFactory(article=article, status=Comment.Status.APPROVED) for _ in range(2)]
    for other in others:
        assert report(Client(), other, ip="198.51.100.7").status_code == 200

    refused = report(Client(), comment, ip="198.51.100.7", note="Vẫn muốn báo cáo")
    as_json = report(Client(), comment, ip="198.51.100.7", as_json=True)
    elsewhere = report(Client(), comment, ip="198.51.100.8")

    html = refused.content.decode()
    assert refused.status_code == 429
    assert "tối đa 2 báo cáo mỗi 60 giây" in html
    assert "Vẫn muốn báo cáo" in html
    assert "no-store" in refused["Cache-Control"]
    assert as_json.status_code == 429
    assert "tối đa 2 báo cáo" in json.loads(as_json.content)["message"]
    assert elsewhere.status_code == 200
    assert CommentReport.objects.filter(comment=comment).count() == 1


# --- hiding ------------------------------------------------------------------------------


def test_three_reporters_hide_a_comment_for_review(comment, article):
    reported_by_new_browsers(comment, 2)
    comment.refresh_from_db()
    assert comment.report_state == Comment.ReportState.NONE
    assert "Ý kiến gây tranh cãi" in story_html(article)  # the cached page, too

    reported_by_new_browsers(comment, 1, first_ip=50)

    comment.refresh_from_db()
    assert comment.report_state == Comment.ReportState.HIDDEN
    assert comment.reporters == 3
    assert comment.reported_at is not None
    html = story_html(article)
    assert HIDDEN_TEXT in html
    assert "Ý kiến gây tranh cãi" not in html
    entry = AuditEntry.objects.get(action=AuditEntry.Action.COMMENT_HIDDEN)
    assert (entry.comment_id, entry.actor, entry.article_id) == (comment.pk, None, article.pk)


def test_a_sections_rule_may_hide_at_two_reporters(comment, article):
    CommentRule.objects.create(
        scope=CommentRule.Scope.SECTION, section=article.section, report_threshold=2
    )

    reported_by_new_browsers(comment, 2)

    comment.refresh_from_db()
    assert comment.report_state == Comment.ReportState.HIDDEN


def test_another_sections_comments_keep_the_default_threshold(comment, article, section):
    CommentRule.objects.create(
        scope=CommentRule.Scope.SECTION,
        section=ArticleFactory().section,
        report_threshold=1,
    )

    reported_by_new_browsers(comment, 2)

    comment.refresh_from_db()
    assert comment.report_state == Comment.ReportState.NONE


def test_replies_stay_visible_when_their_comment_is_hidden(comment, article):
    reply = CommentFactory(
        article=article,
        parent=comment,
        status=Comment.Status.APPROVED,
        body="Tôi không đồng ý với ý kiến trên.",
    )

    reported_by_new_browsers(comment, 3)

    html = story_html(article)
    assert HIDDEN_TEXT in html
    assert "Ý kiến gây tranh cãi" not in html
    assert "Tôi không đồng ý với ý kiến trên." in html
    assert f'id="binh-luan-{reply.pk}"' in html


def test_a_hidden_comments_report_page_does_not_show_its_text(client, comment):
    reported_by_new_browsers(comment, 3)

    html = client.get(report_url(comment)).content.decode()

    assert "Ý kiến gây tranh cãi" not in html
    assert HIDDEN_TEXT in html
    assert "data-report-form" not in html


def test_more_reports_on_a_hidden_comment_are_counted_but_not_logged_again(comment):
    reported_by_new_browsers(comment, 4)

    comment.refresh_from_db()
    assert comment.reporters == 4
    assert AuditEntry.objects.filter(action=AuditEntry.Action.COMMENT_HIDDEN).count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_readers_reporting_at_the_same_moment_are_all_counted_and_it_is_hidden_once(article):
    comment = CommentFactory(article=article, status=Comment.Status.APPROVED)
    start = threading.Barrier(8, timeout=30)
    statuses = []

    def send(n):
        try:
            browser = Client()
            start.wait()
            statuses.append(report(browser, comment, ip=f"198.51.100.{n + 1}").status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == [200] * 8
    comment.refresh_from_db()
    assert comment.reporters == 8
    assert comment.report_state == Comment.ReportState.HIDDEN
    assert AuditEntry.objects.filter(action=AuditEntry.Action.COMMENT_HIDDEN).count() == 1
