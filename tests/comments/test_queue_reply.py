"""A moderator answers a reader from the queue ("Trả lời với tư cách tòa soạn"): the reader's
comment is approved and the newsroom's answer published under it, without opening the story.
The tabs above the queue count the pending and the reported comments."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import AuditEntry
from comments.admin_queue import REPLY_MAX_LENGTH
from comments.models import Comment, CommentReport
from tests.comments.factories import CommentFactory

pytestmark = pytest.mark.django_db

QUEUE = "admin:comments_comment_queue"
Status = Comment.Status
ANSWER = "Chào chị Cúc, tỉnh sẽ sửa đoạn đường này trong tháng tới. Cảm ơn chị đã góp ý."
JSON = {"accept": "application/json"}


def reply_url(comment):
    return reverse("admin:comments_comment_queue_reply", args=[comment.pk])


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


@pytest.fixture
def story(article):
    return article


@pytest.fixture
def question(story):
    return CommentFactory(
        article=story,
        name="Lê Cúc",
        email="le.cuc@example.com",
        body="Khi nào đoạn đường qua xã Đăk Hà được sửa?",
        minutes_ago=30,
    )


# --- the form under each pending comment ------------------------------------------------------


def test_each_pending_comment_has_an_answer_form_that_works_without_javascript(
    moderator_client, question
):
    html = moderator_client.get(reverse(QUEUE)).content.decode()

    item = re.search(rf'id="c-{question.pk}".*?</li>', html, re.S).group(0)
    assert '<details class="queue-reply" data-reply>' in item
    assert re.search(r'<summary aria-keyshortcuts="t">\s*Trả lời với tư cách tòa soạn', item)
    assert re.search(
        rf'<form method="post"\s+class="queue-reply-form"\s+action="{reply_url(question)}">', item
    )
    assert f'<label for="c-{question.pk}-reply">Câu trả lời của tòa soạn</label>' in item
    assert f'<textarea id="c-{question.pk}-reply"' in item and 'name="body"' in item
    assert "<kbd>t</kbd> trả lời với tư cách tòa soạn" in html


# --- answering -------------------------------------------------------------------------------


def test_answering_approves_the_comment_and_publishes_the_newsroom_answer_under_it(
    moderator_client, moderator, client, story, question
):
    assert question.body not in client.get(story.get_absolute_url()).content.decode()

    response = moderator_client.post(reply_url(question), {"body": ANSWER, "page": "1"})

    assert response.status_code == 302
    question.refresh_from_db()
    assert (question.status, question.moderated_by) == (Status.APPROVED, moderator)
    assert question.moderation_note == "Duyệt và trả lời với tư cách tòa soạn"
    answer = Comment.objects.get(parent=question)
    assert answer.body == ANSWER
    assert (answer.status, answer.badge, answer.user) == (
        Status.APPROVED,
        Comment.Badge.BOARD,
        moderator,
    )
    assert answer.name.startswith("Tòa soạn")
    assert answer.article == story

    page = client.get(story.get_absolute_url()).content.decode()
    assert page.index(question.body) < page.index(ANSWER)
    thread = re.search(rf'id="binh-luan-{question.pk}".*', page, re.S).group(0)
    replies = re.search(r'<ol class="comment-replies">.*?</ol>', thread, re.S).group(0)
    assert f'id="binh-luan-{answer.pk}"' in replies and "Ban biên tập" in replies
    assert "2 bình luận" in page
    assert "le.cuc@example.com" not in page and moderator.email not in page


def test_both_decisions_are_recorded_in_the_audit_log(moderator_client, moderator, question):
    moderator_client.post(reply_url(question), {"body": ANSWER})

    answer = Comment.objects.get(parent=question)
    entries = AuditEntry.objects.filter(action=AuditEntry.Action.COMMENT_APPROVED)
    assert {(e.comment_id, e.actor) for e in entries} == {
        (question.pk, moderator),
        (answer.pk, moderator),
    }
    approval = entries.get(comment_id=question.pk)
    assert approval.summary == "Duyệt và trả lời với tư cách tòa soạn"


def test_a_moderator_using_the_admin_in_english_answers_readers_in_vietnamese(
    moderator_client, settings, question
):
    moderator_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = moderator_client.post(reply_url(question), {"body": ANSWER})

    assert "Approve" in moderator_client.get(reverse(QUEUE)).content.decode()  # English admin
    assert response.status_code == 302
    answer = Comment.objects.get(parent=question)
    assert answer.name.startswith("Tòa soạn")
    question.refresh_from_db()
    assert question.moderation_note == "Duyệt và trả lời với tư cách tòa soạn"


def test_after_answering_the_queue_reopens_at_the_next_pending_comment(
    moderator_client, story, question
):
    following = CommentFactory(article=story, minutes_ago=5)

    response = moderator_client.post(
        reply_url(question), {"body": ANSWER, "page": "1"}, follow=True
    )

    assert response.redirect_chain == [(reverse(QUEUE) + f"#c-{following.pk}", 302)]
    assert messages_of(response) == [
        "Đã duyệt bình luận của Lê Cúc và đăng câu trả lời của tòa soạn."
    ]
    html = response.content.decode()
    assert f'id="c-{question.pk}"' not in html and f'id="c-{following.pk}"' in html


def test_a_comment_a_colleague_approved_meanwhile_still_gets_the_answer(
    moderator_client, chief, story, question
):
    Comment.objects.filter(pk=question.pk).update(status=Status.APPROVED, moderated_by=chief)

    response = moderator_client.post(reply_url(question), {"body": ANSWER}, follow=True)

    assert messages_of(response) == ["Đã đăng câu trả lời của tòa soạn dưới bình luận của Lê Cúc."]
    assert Comment.objects.get(parent=question).body == ANSWER
    question.refresh_from_db()
    assert question.moderated_by == chief


@pytest.mark.parametrize("status", [Status.REJECTED, Status.SPAM])
def test_a_comment_taken_down_meanwhile_gets_no_answer(moderator_client, question, status):
    Comment.objects.filter(pk=question.pk).update(status=status)

    response = moderator_client.post(reply_url(question), {"body": ANSWER}, headers=JSON)

    assert response.status_code == 409
    assert response.json()["ok"] is False
    assert not Comment.objects.filter(parent=question).exists()


# --- refused answers ---------------------------------------------------------------------------


def test_an_empty_answer_is_refused_with_a_message_and_changes_nothing(moderator_client, question):
    response = moderator_client.post(reply_url(question), {"body": "  \n  ", "page": "1"})

    assert response.status_code == 400
    html = response.content.decode()
    assert "Câu trả lời đang trống: hãy viết nội dung rồi gửi lại." in messages_of(response)
    item = re.search(rf'id="c-{question.pk}".*?</li>', html, re.S).group(0)
    assert '<details class="queue-reply" data-reply open>' in item
    assert "Câu trả lời đang trống" in item
    assert 'aria-invalid="true"' in item
    question.refresh_from_db()
    assert question.status == Status.PENDING
    assert not Comment.objects.filter(parent=question).exists()


def test_a_refused_answer_keeps_its_text(moderator_client, story, question):
    too_long = "Cảm ơn <b>bạn</b>. " + "Tòa soạn đã ghi nhận. " * 300
    assert len(too_long.strip()) > REPLY_MAX_LENGTH

    response = moderator_client.post(reply_url(question), {"body": too_long})

    assert response.status_code == 400
    html = response.content.decode()
    kept = re.search(rf'<textarea id="c-{question.pk}-reply"[^>]*>(.*?)</textarea>', html, re.S)
    assert kept.group(1) == too_long.replace("<", "&lt;").replace(">", "&gt;")
    assert f"tối đa {REPLY_MAX_LENGTH} ký tự" in html
    assert not Comment.objects.filter(parent=question).exists()


def test_the_page_of_a_refused_answer_links_back_to_the_queue(moderator_client, story, question):
    for minutes in range(60, 112):
        CommentFactory(article=story, minutes_ago=minutes)

    html = moderator_client.post(reply_url(question), {"body": ""}).content.decode()

    assert f'href="{reverse(QUEUE)}?page=1"' in html  # not "?page=1" under the answer's URL


# --- with JavaScript: JSON ----------------------------------------------------------------------


def test_the_script_gets_json_for_a_published_answer(moderator_client, moderator, story, question):
    following = CommentFactory(article=story, minutes_ago=5)

    response = moderator_client.post(reply_url(question), {"body": ANSWER}, headers=JSON)

    assert response.status_code == 200
    answer = Comment.objects.get(parent=question)
    assert response.json() == {
        "ok": True,
        "id": question.pk,
        "status": "approved",
        "message": "Đã duyệt bình luận của Lê Cúc và đăng câu trả lời của tòa soạn.",
        "next": following.pk,
        "pending": 1,
        "reply": answer.pk,
        "reply_url": f"{story.get_absolute_url()}#binh-luan-{answer.pk}",
    }
    assert "le.cuc@example.com" not in response.content.decode()
    assert moderator.email not in response.content.decode()


def test_an_answer_sent_twice_is_published_once(moderator_client, question):
    moderator_client.post(reply_url(question), {"body": ANSWER}, headers=JSON)

    again = moderator_client.post(reply_url(question), {"body": ANSWER}, headers=JSON)

    assert again.status_code == 409
    assert again.json()["message"] == "Câu trả lời này đã được đăng rồi."
    assert Comment.objects.filter(parent=question).count() == 1


def test_the_script_gets_the_reason_for_a_refused_answer(moderator_client, question):
    response = moderator_client.post(reply_url(question), {"body": ""}, headers=JSON)

    assert response.status_code == 400
    data = response.json()
    assert data["ok"] is False
    assert data["status"] == "pending"
    assert data["message"] == "Câu trả lời đang trống: hãy viết nội dung rồi gửi lại."


# --- who may answer ------------------------------------------------------------------------------


def test_answers_refuse_get_and_anyone_who_may_not_moderate(
    moderator_client, editor_client, chief_client, client, question
):
    url = reply_url(question)

    assert moderator_client.get(url).status_code == 405
    assert editor_client.post(url, {"body": ANSWER}).status_code == 403
    assert chief_client.post(url, {"body": ANSWER}).status_code == 403
    assert client.post(url, {"body": ANSWER}).status_code == 302  # to the login page
    question.refresh_from_db()
    assert question.status == Status.PENDING
    assert not Comment.objects.filter(parent=question).exists()


def test_answering_a_deleted_comment_is_not_found(moderator_client, question):
    url = reply_url(question)
    question.delete()

    response = moderator_client.post(url, {"body": ANSWER}, headers=JSON)

    assert response.status_code == 404
    assert not Comment.objects.exists()


# --- the tabs above the queue ------------------------------------------------------------------


def report(comment, browser, resolved=False):
    CommentReport.objects.create(
        comment=comment,
        reason=CommentReport.Reason.ABUSIVE,
        browser=browser,
        ip_address="203.0.113.9",
        resolved_at=timezone.now() if resolved else None,
    )


def test_the_queue_has_tabs_for_pending_and_reported_comments(moderator_client, story):
    CommentFactory(article=story)
    CommentFactory(article=story)
    approved = dict(article=story, status=Status.APPROVED)
    CommentFactory(**approved, report_state=Comment.ReportState.HIDDEN)
    report(CommentFactory(**approved), "trinh-duyet-1")
    report(CommentFactory(**approved), "trinh-duyet-2", resolved=True)
    CommentFactory(**approved)

    html = moderator_client.get(reverse(QUEUE)).content.decode()

    tabs = re.search(r'<nav class="queue-tabs".*?</nav>', html, re.S).group(0)
    assert re.search(
        rf'<a href="{reverse(QUEUE)}"\s+aria-current="page">Chờ duyệt '
        r'\(<span data-tab-count="pending">2</span>\)</a>',
        tabs,
    )
    reported = reverse("admin:comments_comment_reported")
    assert re.search(
        rf'<a href="{reported}"\s*>Bị báo cáo \(<span data-tab-count="reported">2</span>\)</a>',
        tabs,
    )


def test_a_refused_answer_to_a_comment_no_longer_pending_is_shown_with_its_reason(
    moderator_client, chief, story, question
):
    Comment.objects.filter(pk=question.pk).update(status=Status.APPROVED, moderated_by=chief)
    CommentFactory(article=story, name="Còn Chờ Duyệt")

    response = moderator_client.post(reply_url(question), {"body": "   "})

    assert response.status_code == 400
    html = response.content.decode()
    item = re.search(rf'id="c-{question.pk}".*?</li>', html, re.S).group(0)
    assert "Câu trả lời đang trống" in item
    assert "Còn Chờ Duyệt" in html
