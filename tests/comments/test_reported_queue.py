"""The "Bị báo cáo" tab: who sees it, its order and counts, and keep / reject / spam."""

import json

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from articles.models import AuditEntry
from comments.models import Comment, CommentReport, CommentRule
from tests.clients import logged_in
from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db

Reason = CommentReport.Reason
TAB = "admin:comments_comment_reported"
HIDDEN_TEXT = "Bình luận này đang được xem xét lại"


def approved(article, **fields):
    return CommentFactory(article=article, status=Comment.Status.APPROVED, **fields)


def act_url(comment, action):
    return reverse("admin:comments_comment_reported_act", args=[comment.pk, action])


_ips = iter(range(1, 10_000))


def reported(comment, *reasons, notes=()):
    """Reports from new browsers at new addresses, one per reason, through the reader's form."""
    notes = list(notes) + [""] * (len(reasons) - len(notes))
    for reason, note in zip(reasons, notes, strict=True):
        n = next(_ips)
        response = Client().post(
            reverse("comments:report", kwargs={"pk": comment.pk}),
            {"reason": reason, "note": note},
            REMOTE_ADDR=f"10.{n // 65536}.{n // 256 % 256}.{n % 256}",
        )
        assert response.status_code == 200
    comment.refresh_from_db()
    return comment


def tab_html(browser, **params):
    response = browser.get(reverse(TAB), params)
    assert response.status_code == 200
    return response.content.decode()


def story_html(article):
    return Client().get(article.get_absolute_url()).content.decode()


# --- who may see it ----------------------------------------------------------------------


def test_readers_are_sent_to_the_login_page(client, article):
    comment = reported(approved(article), Reason.SPAM)

    assert client.get(reverse(TAB)).status_code == 302
    assert client.post(act_url(comment, "keep")).status_code == 302
    comment.refresh_from_db()
    assert comment.reporters == 1
    assert CommentReport.objects.filter(resolved_at__isnull=True).count() == 1


def test_editors_and_the_editor_in_chief_may_not_handle_reports(
    editor_client, chief_client, article
):
    comment = reported(approved(article), Reason.SPAM, Reason.SPAM, Reason.SPAM)

    for browser in (editor_client, chief_client):
        assert browser.get(reverse(TAB)).status_code == 403
        assert browser.post(act_url(comment, "reject")).status_code == 403
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert comment.is_hidden_for_review


def test_staff_with_the_permission_and_superusers_see_the_tab(article):
    staff = UserFactory(username="truc-ban", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="change_commentreport"))
    boss = UserFactory(username="sep", is_staff=True, is_superuser=True)

    for user in (staff, boss):
        assert logged_in(user).get(reverse(TAB)).status_code == 200


# --- what it shows -----------------------------------------------------------------------


def test_the_tab_ranks_by_reporters_and_counts_each_reason_with_the_notes(
    moderator_client, article
):
    few = reported(approved(article, body="Ít người báo cáo"), Reason.OTHER)
    many = reported(
        approved(article, body="Nhiều người báo cáo"),
        Reason.ABUSIVE,
        Reason.ABUSIVE,
        Reason.FALSE,
        Reason.PERSONAL_DATA,
        notes=["Chửi bới người khác", "", "Số liệu sai"],
    )
    approved(article, body="Không ai báo cáo")

    html = tab_html(moderator_client)

    assert html.index("Nhiều người báo cáo") < html.index("Ít người báo cáo")
    assert "Không ai báo cáo" not in html
    item = html[html.index(f'id="c-{many.pk}"') : html.index(f'id="c-{few.pk}"')]
    assert "<strong>4</strong> người báo cáo" in item
    assert "<dt>Xúc phạm</dt>" in item
    assert item.split("<dt>Xúc phạm</dt>")[1].split("</dd>")[0].strip().endswith("2")
    assert item.split("<dt>Sai sự thật</dt>")[1].split("</dd>")[0].strip().endswith("1")
    assert "<dt>Spam</dt>" not in item
    assert "Chửi bới người khác" in item
    assert "Số liệu sai" in item
    assert "Đang ẩn với bạn đọc" in item
    assert "Đang hiện với bạn đọc" in html[html.index(f'id="c-{few.pk}"') :]


def test_the_tab_never_shows_who_reported(moderator_client, article):
    comment = reported(approved(article, email="nguoi-viet@example.org"), Reason.SPAM)

    html = tab_html(moderator_client)

    report = CommentReport.objects.get(comment=comment)
    assert report.browser not in html
    assert str(report.ip_address) not in html
    assert "nguoi-viet@example.org" not in html


def test_the_tab_has_the_queues_nav_keys_and_live_region(moderator_client, article):
    CommentFactory(article=article)  # pending
    reported(approved(article), Reason.SPAM)

    html = tab_html(moderator_client)

    assert f'href="{reverse("admin:comments_comment_queue")}"' in html
    assert 'Chờ duyệt (<span data-tab-count="pending">1</span>)' in html
    assert 'aria-current="page">Bị báo cáo (<span data-tab-count="reported">1</span>)' in html
    assert 'aria-keyshortcuts="g"' in html
    assert 'aria-keyshortcuts="r"' in html
    assert 'aria-keyshortcuts="s"' in html
    assert "<kbd>g</kbd> giữ lại" in html
    assert 'role="status"' in html
    assert "comments/js/reported.js" in html
    assert f'href="{reverse("admin:comments_comment_official")}"' in html


def test_an_empty_tab_says_so(moderator_client):
    assert "Không còn bình luận nào bị báo cáo." in tab_html(moderator_client)


def test_the_tab_costs_the_same_queries_for_few_or_many_comments(
    moderator_client, django_assert_num_queries
):
    def fill(n):
        for _ in range(n):
            comment = approved(ArticleFactory())
            CommentReport.objects.create(comment=comment, reason=Reason.SPAM, note="rác")
            CommentReport.objects.create(
                comment=comment, reason=Reason.OFFICIAL, reference="12/CV", browser=""
            )

    fill(2)
    # session, user, 2 × permissions; count, page, its open reports; the pending tab's count
    with django_assert_num_queries(8):
        tab_html(moderator_client)
    fill(30)
    with django_assert_num_queries(8):
        html = tab_html(moderator_client)
    assert html.count('class="queue-item reported-item') == 32


# --- keep, reject, spam ------------------------------------------------------------------


def test_keeping_shows_the_comment_again_and_records_it(moderator_client, moderator, article):
    comment = reported(
        approved(article, body="Ý kiến thẳng thắn"), Reason.SPAM, Reason.SPAM, Reason.SPAM
    )
    assert HIDDEN_TEXT in story_html(article)

    response = moderator_client.post(act_url(comment, "keep"), {"note": "Không vi phạm"})

    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.report_state == Comment.ReportState.KEPT
    assert comment.reporters == 0
    assert (comment.moderated_by, comment.moderation_note) == (moderator, "Không vi phạm")
    assert comment.moderated_at is not None
    assert not CommentReport.objects.filter(resolved_at__isnull=True).exists()
    assert set(CommentReport.objects.values_list("resolved_by", flat=True)) == {moderator.pk}
    entry = AuditEntry.objects.get(action=AuditEntry.Action.COMMENT_KEPT)
    assert (entry.actor, entry.comment_id, entry.summary) == (
        moderator,
        comment.pk,
        "Không vi phạm",
    )
    html = story_html(article)
    assert "Ý kiến thẳng thắn" in html
    assert HIDDEN_TEXT not in html
    assert "Ý kiến thẳng thắn" not in tab_html(moderator_client)


def test_a_kept_comment_is_hidden_again_only_at_twice_the_threshold(moderator_client, article):
    comment = reported(approved(article), Reason.SPAM, Reason.SPAM, Reason.SPAM)
    moderator_client.post(act_url(comment, "keep"))

    reported(comment, *[Reason.ABUSIVE] * 5)
    assert comment.report_state == Comment.ReportState.KEPT
    assert comment.reporters == 5
    assert f'id="c-{comment.pk}"' in tab_html(moderator_client)  # waiting, still shown

    reported(comment, Reason.ABUSIVE)
    assert comment.report_state == Comment.ReportState.HIDDEN
    assert comment.reporters == 6
    assert HIDDEN_TEXT in story_html(article)


def test_a_kept_comment_uses_its_sections_threshold_twice(moderator_client, article):
    CommentRule.objects.create(
        scope=CommentRule.Scope.SECTION, section=article.section, report_threshold=2
    )
    comment = reported(approved(article), Reason.SPAM, Reason.SPAM)
    moderator_client.post(act_url(comment, "keep"))

    reported(comment, Reason.SPAM, Reason.SPAM, Reason.SPAM)
    assert comment.report_state == Comment.ReportState.KEPT
    reported(comment, Reason.SPAM)
    assert comment.report_state == Comment.ReportState.HIDDEN


@pytest.mark.parametrize(
    ("action", "status", "logged_as"),
    [
        ("reject", Comment.Status.REJECTED, AuditEntry.Action.COMMENT_REJECTED),
        ("spam", Comment.Status.SPAM, AuditEntry.Action.COMMENT_SPAM),
    ],
)
def test_rejecting_or_spam_takes_it_down_and_records_it(
    moderator_client, moderator, article, action, status, logged_as
):
    comment = reported(approved(article, body="Lời lẽ khó nghe"), Reason.ABUSIVE)

    response = moderator_client.post(act_url(comment, action), {"note": "Xúc phạm"})

    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == status
    assert (comment.moderated_by, comment.moderation_note) == (moderator, "Xúc phạm")
    entry = AuditEntry.objects.get(action=logged_as)
    assert (entry.actor, entry.comment_id) == (moderator, comment.pk)
    report = CommentReport.objects.get()
    assert (report.resolved_by, report.resolved_at is not None) == (moderator, True)
    assert "Lời lẽ khó nghe" not in story_html(article)
    assert "Lời lẽ khó nghe" not in tab_html(moderator_client)


def test_after_a_decision_the_tab_reopens_at_the_next_comment(moderator_client, article):
    first = reported(approved(article), Reason.SPAM, Reason.SPAM)
    second = reported(approved(article), Reason.SPAM)

    response = moderator_client.post(act_url(first, "keep"))

    assert response["Location"] == reverse(TAB) + f"#c-{second.pk}"
    followed = moderator_client.get(response["Location"])
    messages = [str(m) for m in followed.context["messages"]]
    assert messages == [f"Đã giữ lại bình luận của {first.name}: bình luận hiện lại với bạn đọc."]


def test_the_script_gets_json_with_the_next_comment_and_the_count(moderator_client, article):
    first = reported(approved(article), Reason.SPAM, Reason.SPAM)
    second = reported(approved(article), Reason.SPAM)

    response = moderator_client.post(act_url(first, "spam"), headers={"accept": "application/json"})

    assert response.status_code == 200
    assert json.loads(response.content) == {
        "ok": True,
        "id": first.pk,
        "message": f"Đã đánh dấu bình luận của {first.name} là spam.",
        "next": second.pk,
        "reported": 1,
    }


def test_a_comment_already_dealt_with_is_a_conflict_not_an_error(moderator_client, article):
    comment = reported(approved(article), Reason.SPAM)
    moderator_client.post(act_url(comment, "keep"))

    response = moderator_client.post(
        act_url(comment, "reject"), headers={"accept": "application/json"}
    )

    assert response.status_code == 409
    assert "đã được người khác xử lý trước" in json.loads(response.content)["message"]
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert AuditEntry.objects.filter(action=AuditEntry.Action.COMMENT_REJECTED).count() == 0


def test_tab_actions_refuse_get_and_unknown_actions(moderator_client, article):
    comment = reported(approved(article), Reason.SPAM)

    assert moderator_client.get(act_url(comment, "keep")).status_code == 405
    assert moderator_client.post(act_url(comment, "approve")).status_code == 302  # with a message
    unknown = moderator_client.post(
        act_url(comment, "approve"), headers={"accept": "application/json"}
    )
    assert unknown.status_code == 404
    gone = moderator_client.post(
        reverse("admin:comments_comment_reported_act", args=[999999, "keep"]),
        headers={"accept": "application/json"},
    )
    assert gone.status_code == 404
    comment.refresh_from_db()
    assert comment.reporters == 1
