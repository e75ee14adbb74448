"""The audit log: one entry per action, in the action's transaction, never changed, read by each
role as far as they answer for it, filtered and exported as CSV."""

import csv
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from articles import review
from articles.models import Article, AuditEntry
from comments.models import Comment
from tests.clients import logged_in, take_step
from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db
LOG = reverse("admin:articles_auditentry_changelist")


@pytest.fixture
def logged(section, other_section, reporter, section_editor_client, other_editor_client, chief):
    """Entries in two sections: the reporter's story in `section`, another story elsewhere."""
    mine = ArticleFactory(section=section, owner=reporter, draft=True, title="Bài của phóng viên")
    elsewhere = ArticleFactory(
        section=other_section, draft=True, review_state="in_review", title="Bài thể thao"
    )
    take_step(logged_in(reporter), mine, "submit")
    take_step(section_editor_client, mine, "approve")
    take_step(other_editor_client, elsewhere, "return", note="Thiếu ảnh")
    return mine, elsewhere


def subjects(browser, **params):
    html = browser.get(LOG, params).content.decode()
    return {s for s in ("Bài của phóng viên", "Bài thể thao") if s in html}


def test_each_action_leaves_one_entry_with_who_what_and_when(logged, reporter):
    mine, _ = logged

    entries = list(AuditEntry.objects.filter(article_id=mine.pk).order_by("pk"))

    assert [(e.action, e.actor.username) for e in entries] == [
        ("submitted", reporter.username),
        ("approved", "bientap-kinhte"),
    ]
    assert all(
        e.subject == "Bài của phóng viên" and e.section_id == mine.section_id for e in entries
    )
    assert entries[0].at <= entries[1].at


def test_moderators_decisions_are_logged(moderator_client, article):
    comment = CommentFactory(article=article, name="Trần Văn Bình")
    queue_act = reverse("admin:comments_comment_queue_act", args=[comment.pk, "approve"])

    moderator_client.post(queue_act)

    entry = AuditEntry.objects.get()
    assert entry.action == AuditEntry.Action.COMMENT_APPROVED
    assert (entry.comment_id, entry.article_id, entry.actor.username) == (
        comment.pk,
        article.pk,
        "kiemduyet",
    )
    assert Comment.objects.get().status == Comment.Status.APPROVED


def test_an_action_that_fails_leaves_no_entry_and_changes_nothing(section, reporter, monkeypatch):
    story = ArticleFactory(section=section, owner=reporter, draft=True)

    def mail_server_explodes(*args):
        raise RuntimeError("boom")

    monkeypatch.setattr("articles.notify.submitted", mail_server_explodes)
    with pytest.raises(RuntimeError):
        review.act("submit", reporter, story)

    story.refresh_from_db()
    assert story.review_state == Article.Review.WRITING
    assert not AuditEntry.objects.exists()


def test_nobody_changes_or_deletes_entries_not_even_a_superuser(logged, admin_client):
    entry = AuditEntry.objects.first()
    change = reverse("admin:articles_auditentry_change", args=[entry.pk])
    delete = reverse("admin:articles_auditentry_delete", args=[entry.pk])

    page = admin_client.get(LOG).content.decode()
    assert reverse("admin:articles_auditentry_add") not in page
    assert 'value="delete_selected"' not in page
    assert admin_client.post(change, {"summary": "sửa lén"}).status_code == 403
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert admin_client.get(reverse("admin:articles_auditentry_add")).status_code == 403
    with pytest.raises(PermissionDenied):
        entry.delete()
    with pytest.raises(PermissionDenied):
        AuditEntry.objects.filter(pk=entry.pk).update(summary="sửa lén")
    entry.summary = "sửa lén"
    with pytest.raises(PermissionDenied):
        entry.save()
    assert AuditEntry.objects.filter(summary="sửa lén").count() == 0


def test_each_role_reads_what_it_answers_for(
    logged, chief_client, section_editor_client, other_editor_client, reporter
):
    assert subjects(chief_client) == {"Bài của phóng viên", "Bài thể thao"}
    assert subjects(section_editor_client) == {"Bài của phóng viên"}
    assert subjects(other_editor_client) == {"Bài thể thao"}
    assert subjects(logged_in(reporter)) == {"Bài của phóng viên"}
    other_reporter = UserFactory(username="pv2", is_staff=True, groups=["Phóng viên"])
    assert subjects(logged_in(other_reporter)) == set()


def test_the_chief_filters_by_person_section_action_and_date(logged, chief_client, other_section):
    editor = AuditEntry.objects.filter(action="returned").get().actor

    assert subjects(chief_client, actor__id__exact=editor.pk) == {"Bài thể thao"}
    assert subjects(chief_client, section=other_section.pk) == {"Bài thể thao"}
    assert subjects(chief_client, action__exact="approved") == {"Bài của phóng viên"}
    assert subjects(chief_client, q="phóng viên") == {"Bài của phóng viên"}
    day = AuditEntry.objects.first().at
    assert len(subjects(chief_client, at__year=day.year)) == 2
    assert subjects(chief_client, at__year=day.year - 1) == set()


def test_the_log_exports_what_the_list_shows_as_csv(logged, chief_client):
    response = chief_client.get(
        reverse("admin:articles_auditentry_export"), {"action__exact": "returned"}
    )

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:3] == ["Lúc", "Người làm", "Việc"]
    assert [row[2:4] for row in rows[1:]] == [["Trả lại", "Bài thể thao"]]
    assert rows[1][-1] == "Thiếu ảnh"


def test_an_editor_exports_only_their_sections(logged, section_editor_client):
    response = section_editor_client.get(reverse("admin:articles_auditentry_export"))

    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "Bài của phóng viên" in text and "Bài thể thao" not in text


def test_moderators_and_readers_cannot_read_the_log(moderator_client, client, logged):
    assert moderator_client.get(LOG).status_code == 403
    assert client.get(LOG).status_code == 302
    assert moderator_client.get(reverse("admin:articles_auditentry_export")).status_code == 403


def test_the_list_links_to_the_csv_of_what_it_shows(logged, chief_client):
    html = chief_client.get(LOG, {"action__exact": "returned"}).content.decode()

    assert reverse("admin:articles_auditentry_export") + "?action__exact=returned" in html
    story = AuditEntry.objects.filter(action="returned").get().article_id
    assert reverse("admin:articles_article_change", args=[story]) in html


def test_the_chief_filters_by_story_from_its_page(logged, chief_client):
    mine, _ = logged
    change = chief_client.get(reverse("admin:articles_article_change", args=[mine.pk]))
    link = f"{LOG}?article={mine.pk}"
    assert link in change.content.decode()

    assert subjects(chief_client, article=mine.pk) == {"Bài của phóng viên"}
    csv_text = b"".join(
        chief_client.get(
            reverse("admin:articles_auditentry_export"), {"article": mine.pk}
        ).streaming_content
    ).decode("utf-8-sig")
    assert "Bài của phóng viên" in csv_text and "Bài thể thao" not in csv_text
