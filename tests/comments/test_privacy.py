import io
import json
from datetime import datetime, timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from comments import privacy
from comments.decisions import recount
from comments.models import Comment
from tests.comments import factories
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

EMAIL = "nguyen.van.an@example.com"


class CommentFactory(factories.CommentFactory):
    """An approved comment by Nguyễn Văn An, the reader asking about their data."""

    name = "Nguyễn Văn An"
    email = EMAIL
    status = Comment.Status.APPROVED


def run(command, *args):
    out = io.StringIO()
    call_command(command, *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def created_days_ago(comment, days):
    Comment.objects.filter(pk=comment.pk).update(created=timezone.now() - timedelta(days=days))


def story_page(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


# Export


def test_export_returns_only_that_emails_comments_any_status_oldest_first(article):
    first = CommentFactory(article=article, status=Comment.Status.APPROVED)
    second = CommentFactory(article=article, email="Nguyen.Van.AN@Example.com", status="spam")
    third = CommentFactory(article=article, status=Comment.Status.PENDING)
    CommentFactory(article=article, email="someone.else@example.com")

    exported = privacy.export("NGUYEN.VAN.AN@example.com")

    assert [row["id"] for row in exported] == [first.pk, second.pk, third.pk]
    assert [row["status"] for row in exported] == ["approved", "spam", "pending"]


def test_export_gives_story_and_every_personal_field_in_one_query(
    article, django_assert_num_queries
):
    parent = CommentFactory(article=article, email="other@example.com")
    comment = CommentFactory(
        article=article,
        parent=parent,
        body="Giá cà phê năm nay thế nào?",
        held_reason="Bình luận mới chờ kiểm duyệt",
        edited=timezone.now(),
        moderated_at=timezone.now(),
        ip_address="2001:db8::1",
    )

    with django_assert_num_queries(1):
        [row] = privacy.export(EMAIL)

    assert row == {
        "id": comment.pk,
        "story_title": "Giá cà phê tăng mạnh",
        "story_url": article.get_absolute_url(),
        "parent_id": parent.pk,
        "name": "Nguyễn Văn An",
        "email": EMAIL,
        "text": "Giá cà phê năm nay thế nào?",
        "status": "approved",
        "created": row["created"],
        "edited": row["edited"],
        "moderated_at": row["moderated_at"],
        "ip_address": "2001:db8::1",
        "user_agent": "Mozilla/5.0 (Linux; Android 14) Chrome/126",
        "held_reason": "Bình luận mới chờ kiểm duyệt",
    }
    comment.refresh_from_db()
    assert datetime.fromisoformat(row["created"]) == comment.created
    assert datetime.fromisoformat(row["edited"]) == comment.edited
    assert datetime.fromisoformat(row["moderated_at"]) == comment.moderated_at


def test_export_of_a_comment_never_edited_or_moderated_has_null_dates(article):
    CommentFactory(article=article, status=Comment.Status.PENDING, ip_address=None)

    [row] = privacy.export(EMAIL)

    assert row["edited"] is None
    assert row["moderated_at"] is None
    assert row["ip_address"] is None


def test_export_command_prints_readable_utf8_json(article):
    CommentFactory(article=article, body="Cà phê Đăk Hà ngon nhất")
    CommentFactory(article=article, email="someone.else@example.com")

    output = run("export_comments", "Nguyen.Van.An@example.com")

    assert "Cà phê Đăk Hà ngon nhất" in output
    assert "\\u" not in output
    exported = json.loads(output)
    assert [row["email"] for row in exported] == [EMAIL]
    assert exported[0]["story_title"] == "Giá cà phê tăng mạnh"


def test_export_command_writes_a_utf8_file_with_output(article, tmp_path):
    CommentFactory(article=article, body="Cảm ơn tòa soạn")
    target = tmp_path / "export.json"

    output = run("export_comments", EMAIL, "--output", str(target))

    assert "1" in output and str(target) in output
    text = target.read_bytes().decode("utf-8")
    assert "Cảm ơn tòa soạn" in text
    assert json.loads(text)[0]["text"] == "Cảm ơn tòa soạn"


def test_export_command_of_an_unknown_email_prints_an_empty_list(db):
    assert json.loads(run("export_comments", "nobody@example.com")) == []


# Erase, keeping the text


def test_erase_keeps_the_text_and_removes_name_email_ip_and_browser(article):
    mine = CommentFactory(article=article, body="Giữ lại nội dung này")
    pending = CommentFactory(article=article, status=Comment.Status.PENDING)
    theirs = CommentFactory(article=article, name="Trần Thị Bình", email="binh@example.com")

    output = run("erase_comments", "NGUYEN.VAN.AN@example.com", "--yes")

    assert "Erased personal data of 2 comment(s)" in output
    for comment in (mine, pending):
        comment.refresh_from_db()
        assert comment.name == "Ẩn danh"
        assert comment.email != EMAIL
        assert comment.email.endswith(".invalid")
        assert comment.ip_address is None
        assert comment.user_agent == ""
        comment.full_clean()  # the placeholder is still a valid email address
    mine.refresh_from_db()
    assert mine.body == "Giữ lại nội dung này"
    assert mine.status == Comment.Status.APPROVED
    assert privacy.export(EMAIL) == []
    theirs.refresh_from_db()
    assert (theirs.name, theirs.email) == ("Trần Thị Bình", "binh@example.com")
    assert theirs.ip_address == "203.0.113.7"


def test_erased_comments_get_distinct_placeholder_emails(article):
    first, second = CommentFactory.create_batch(2, article=article)

    privacy.erase(EMAIL)

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.email != second.email


def test_story_page_shows_erased_comment_text_without_the_old_name(client, article):
    CommentFactory(article=article, body="Giá tăng là tin vui cho nông dân")
    recount([article.pk])
    assert "Nguyễn Văn An" in story_page(client, article)

    run("erase_comments", EMAIL, "--yes")

    html = story_page(client, article)
    assert "Nguyễn Văn An" not in html
    assert "Giá tăng là tin vui cho nông dân" in html
    assert "Ẩn danh" in html


# Erase, deleting the text


def test_erase_with_delete_text_deletes_the_comments_and_keeps_replies_visible(client, article):
    question = CommentFactory(article=article, name="Trần Thị Bình", email="binh@example.com")
    mine = CommentFactory(article=article, parent=question, body="Câu trả lời sẽ bị xóa")
    reply = CommentFactory(
        article=article, parent=mine, name="Lê Văn Cường", email="cuong@example.com"
    )
    recount([article.pk])
    assert "3 bình luận" in story_page(client, article)

    output = run("erase_comments", EMAIL, "--delete-text", "--yes")

    assert "Deleted 1 comment(s)" in output
    assert not Comment.objects.filter(pk=mine.pk).exists()
    reply.refresh_from_db()
    assert reply.parent_id == question.pk  # moved up to the nearest surviving ancestor
    html = story_page(client, article)
    assert "Câu trả lời sẽ bị xóa" not in html
    assert "Nguyễn Văn An" not in html
    assert reply.body in html and question.body in html
    assert "2 bình luận" in html
    assert "3 bình luận" not in html


def test_reply_to_a_chain_of_deleted_comments_becomes_top_level(client, article):
    first = CommentFactory(article=article)
    second = CommentFactory(article=article, parent=first)
    reply = CommentFactory(article=article, parent=second, email="binh@example.com")
    recount([article.pk])

    erased = privacy.erase(EMAIL, delete_text=True)

    assert erased == 2
    reply.refresh_from_db()
    assert reply.parent_id is None
    assert list(Comment.objects.filter(article=article)) == [reply]
    article.refresh_from_db()
    assert article.comment_count == 1
    assert reply.body in story_page(client, article)


def test_erase_recounts_every_story_it_touched(db):
    one, two = ArticleFactory.create_batch(2)
    CommentFactory(article=one)
    CommentFactory(article=two)
    CommentFactory(article=two, email="binh@example.com")
    recount([one.pk, two.pk])

    privacy.erase(EMAIL, delete_text=True)

    one.refresh_from_db()
    two.refresh_from_db()
    assert (one.comment_count, two.comment_count) == (0, 1)


# Erase: confirmation and unknown emails


def test_erase_of_an_unknown_email_says_so_and_changes_nothing(article):
    CommentFactory(article=article)

    output = run("erase_comments", "nobody@example.com", "--yes")

    assert "No comments found for nobody@example.com" in output
    assert Comment.objects.get().email == EMAIL


def test_erase_asks_first_and_stops_when_the_answer_is_no(article, monkeypatch):
    comment = CommentFactory(article=article)
    questions = []
    monkeypatch.setattr("builtins.input", lambda q: questions.append(q) or "n")

    output = run("erase_comments", EMAIL)

    assert questions == [f"Anonymize 1 comment(s) by {EMAIL}? [y/N] "]
    assert "Cancelled" in output
    comment.refresh_from_db()
    assert (comment.name, comment.email) == ("Nguyễn Văn An", EMAIL)


def test_erase_proceeds_when_the_answer_is_yes(article, monkeypatch):
    CommentFactory(article=article)
    questions = []
    monkeypatch.setattr("builtins.input", lambda q: questions.append(q) or "y")

    output = run("erase_comments", EMAIL, "--delete-text")

    assert questions == [f"Delete 1 comment(s) by {EMAIL}? [y/N] "]
    assert "Deleted 1 comment(s)" in output
    assert not Comment.objects.exists()


def test_erase_with_yes_does_not_ask(article, monkeypatch):
    CommentFactory(article=article)

    def no_questions(question):
        raise AssertionError("asked for confirmation")

    monkeypatch.setattr("builtins.input", no_questions)

    assert "Erased personal data of 1 comment(s)" in run("erase_comments", EMAIL, "--yes")


# Anonymize old comments


def test_anonymize_clears_ip_and_browser_only_on_comments_older_than_the_setting(article, settings):
    settings.COMMENTS_ANONYMIZE_AFTER_DAYS = 90
    old = CommentFactory(article=article, body="Bình luận cũ")
    created_days_ago(old, 91)
    recent = CommentFactory(article=article)
    created_days_ago(recent, 89)

    output = run("anonymize_comments")

    assert "1 comment(s) older than 90 day(s)" in output
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.ip_address, old.user_agent) == (None, "")
    assert (old.name, old.email, old.body) == ("Nguyễn Văn An", EMAIL, "Bình luận cũ")
    assert recent.ip_address == "203.0.113.7"
    assert recent.user_agent.startswith("Mozilla/5.0")


def test_anonymize_days_option_overrides_the_setting(article):
    comment = CommentFactory(article=article)
    created_days_ago(comment, 8)

    assert "1 comment(s) older than 7 day(s)" in run("anonymize_comments", "--days", "7")
    comment.refresh_from_db()
    assert comment.ip_address is None


def test_anonymize_counts_only_comments_it_changed(article):
    comment = CommentFactory(article=article)
    created_days_ago(comment, 100)

    assert privacy.anonymize_older_than(90) == 1
    assert privacy.anonymize_older_than(90) == 0


def test_anonymize_refuses_negative_days(db):
    with pytest.raises(CommandError):
        run("anonymize_comments", "--days", "-1")
