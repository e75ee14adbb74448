"""The desk's edges, found in review: no way round review, no leak through the log, no 500."""

import csv
import io
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from articles import audit
from articles.models import Article, AuditEntry, Section
from tests.articles.test_revisions import save
from tests.clients import logged_in, take_step
from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory, CorrectionFactory, UserFactory

pytestmark = pytest.mark.django_db
Review, Publication = Article.Review, Article.Publication


def change_url(story):
    return reverse("admin:articles_article_change", args=[story.pk])


def test_a_reporter_cannot_touch_their_story_once_scheduled(reporter_client, reporter, section):
    story = ArticleFactory(section=section, owner=reporter, scheduled=True, title="Đã hẹn giờ")

    assert save(reporter_client, story, title="CHƯA DUYỆT").status_code == 403

    story.refresh_from_db()
    assert story.title == "Đã hẹn giờ" and story.is_scheduled


def test_a_scheduled_storys_time_changes_only_through_the_desk(section_editor_client, section):
    story = ArticleFactory(section=section, scheduled=True)
    planned = story.publish_at
    past = timezone.localtime() - timedelta(hours=2)

    save(
        section_editor_client,
        story,
        publish_at_0=f"{past:%d/%m/%Y}",
        publish_at_1=f"{past:%H:%M:%S}",
        title="Tít mới",
    )

    story.refresh_from_db()
    assert story.publish_at == planned and story.is_scheduled  # the form's time is not taken
    assert story.title == "Tít mới" and not story.has_pending_change
    assert story.review_state == Review.APPROVED


def test_a_change_moving_a_story_gives_the_new_sections_editor_no_rights(
    section_editor_client, other_editor_client, article, other_section
):
    save(section_editor_client, article, section=other_section.pk)
    article.refresh_from_db()
    assert article.has_pending_change

    page = other_editor_client.get(change_url(article)).content.decode()
    response = save(other_editor_client, article, title="Hijacked", section=other_section.pk)

    assert 'name="_save"' not in page
    assert response.status_code == 403
    article.refresh_from_db()
    assert "Hijacked" not in article.pending_revision.snapshot["title"]


def test_saving_a_withdrawn_story_supersedes_the_change_that_waited(
    reporter_client, chief_client, article, reporter, client
):
    Article.objects.filter(pk=article.pk).update(owner=reporter)
    save(reporter_client, article, title="Đề xuất 1")
    take_step(chief_client, article, "unpublish", note="Sai")

    save(chief_client, article, title="Sửa trực tiếp 2")
    article.refresh_from_db()
    assert article.title == "Sửa trực tiếp 2" and not article.has_pending_change
    take_step(chief_client, article, "publish")

    assert "Sửa trực tiếp 2" in client.get(article.get_absolute_url()).content.decode()


def test_republishing_keeps_the_date_the_story_first_went_out(chief_client, article):
    first_out = article.publish_at
    take_step(chief_client, article, "unpublish", note="Tạm gỡ")

    take_step(chief_client, article, "publish")

    article.refresh_from_db()
    assert article.is_published and article.publish_at == first_out


def test_the_chiefs_rollback_approves_what_it_puts_live(
    section_editor_client, chief_client, article
):
    save(section_editor_client, article, title="Tít sai")
    take_step(section_editor_client, article, "submit")
    baseline = reverse("admin:articles_article_restore", args=[article.pk, 1])

    chief_client.post(baseline)

    article.refresh_from_db()
    assert (article.review_state, article.has_pending_change) == (Review.APPROVED, False)


def test_approving_a_change_whose_address_was_taken_meanwhile_is_refused(
    section_editor_client, article, section
):
    save(section_editor_client, article, slug="dia-chi-moi")
    take_step(section_editor_client, article, "submit")
    ArticleFactory(section=section, slug="dia-chi-moi")

    response = take_step(section_editor_client, article, "approve", follow=True)

    assert response.status_code == 200
    assert "dia-chi-moi" in response.content.decode() and "đã có bài khác dùng" in (
        response.content.decode()
    )
    article.refresh_from_db()
    assert article.has_pending_change and article.review_state == Review.IN_REVIEW


def test_scheduling_at_a_time_that_is_not_one_is_refused(section_editor_client, section):
    story = ArticleFactory(section=section, draft=True, review_state=Review.APPROVED)

    response = take_step(section_editor_client, story, "schedule", publish_at="2026-02-31T10:00")

    story.refresh_from_db()
    assert story.publication == Publication.DRAFT
    assert "không hợp lệ" in response.wsgi_request._messages._queued_messages[0].message


def test_the_log_names_no_commenter_and_its_csv_runs_no_formula(moderator_client, article, chief):
    comment = CommentFactory(article=article, name='=HYPERLINK("http://evil.example")')
    moderator_client.post(reverse("admin:comments_comment_queue_act", args=[comment.pk, "spam"]))
    CorrectionFactory(article=article)
    audit.record(AuditEntry.Action.CORRECTED, chief, article, "=1+1")

    export = logged_in(chief).get(reverse("admin:articles_auditentry_export"))
    text = b"".join(export.streaming_content).decode("utf-8-sig")
    assert "HYPERLINK" not in text
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert "'=1+1" in cells and "=1+1" not in cells
    assert str(comment.pk) in cells


def test_the_story_filter_shows_no_title_the_reader_may_not_see(reporter, section):
    other = UserFactory(username="pv-khac", is_staff=True, groups=["Phóng viên"])
    secret = ArticleFactory(
        section=section, owner=other, draft=True, title="Bài mật của người khác"
    )
    take_step(logged_in(other), secret, "submit")

    html = logged_in(reporter).get(
        reverse("admin:articles_auditentry_changelist"), {"article": secret.pk}
    )

    assert "Bài mật của người khác" not in html.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/admin/articles/article/abc/change/",
        "/admin/articles/article/abc/history/",
        "/admin/articles/auditentry/?article=%C2%B2",
        "/admin/articles/auditentry/csv/?nosuch=1",
    ],
)
def test_garbage_in_admin_addresses_is_never_a_500(chief_client, url):
    assert chief_client.get(url).status_code in {200, 302, 404}


@pytest.mark.parametrize("a", ["%C2%B2", "99999999999999999999999", "x"])
def test_garbage_in_a_comparison_is_a_404(chief_client, article, a):
    url = reverse("admin:articles_article_compare", args=[article.pk]) + f"?a={a}&b=1"

    assert chief_client.get(url).status_code == 404


def test_a_preview_survives_a_section_deleted_since(section_editor_client, article, editor):
    gone = Section.objects.create(name="Chuyên mục tạm", slug="tam")
    save(section_editor_client, article, section=gone.pk, title="Tít thay đổi")
    gone.delete()

    response = section_editor_client.get(
        reverse("admin:articles_article_preview", args=[article.pk])
    )

    assert response.status_code == 200 and "Tít thay đổi" in response.content.decode()


def test_a_reporter_hears_of_each_of_their_stories(
    reporter, section_editor_client, section, django_capture_on_commit_callbacks
):
    stories = [
        ArticleFactory(section=section, owner=reporter, draft=True, review_state=Review.IN_REVIEW)
        for _ in range(2)
    ]
    with django_capture_on_commit_callbacks(execute=True):
        take_step(section_editor_client, stories[0], "return", note="Thiếu ảnh")
        take_step(section_editor_client, stories[1], "approve")
        take_step(section_editor_client, stories[1], "publish")

    assert [m.to for m in mail.outbox] == [[reporter.email], [reporter.email]]
    assert "Thiếu ảnh" in mail.outbox[0].body


def test_deleting_a_story_is_logged(chief_client, section):
    story = ArticleFactory(section=section, title="Bài bị xóa")

    chief_client.post(reverse("admin:articles_article_delete", args=[story.pk]), {"post": "yes"})

    entry = AuditEntry.objects.get()
    assert (entry.action, entry.subject, entry.actor.username) == (
        "deleted",
        "Bài bị xóa",
        "tongbientap",
    )
