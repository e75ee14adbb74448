"""The review chain: writing -> in review -> returned/approved -> live or scheduled -> unpublished,
each step by the role allowed to take it, every other change refused with the reason."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, AuditEntry
from tests.articles.test_slugs import admin_article_form
from tests.clients import take_step
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
Review, Publication = Article.Review, Article.Publication


@pytest.fixture
def step(django_capture_on_commit_callbacks):
    """take_step, then what runs once its transaction commits (the mail), as in production."""

    def run(browser, article, name, **data):
        with django_capture_on_commit_callbacks(execute=True):
            return take_step(browser, article, name, **data)

    return run


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def state(article):
    article.refresh_from_db()
    return article.publication, article.review_state


def test_a_reporters_new_story_is_theirs_and_being_written(reporter_client, reporter, section):
    response = reporter_client.post(
        reverse("admin:articles_article_add"), admin_article_form(section, title="Tin mới")
    )

    assert response.status_code == 302
    story = Article.objects.get()
    assert story.owner == reporter
    assert state(story) == (Publication.DRAFT, Review.WRITING)
    assert story.revisions.count() == 1
    assert AuditEntry.objects.get().action == AuditEntry.Action.CREATED


def test_the_whole_chain_from_writing_to_live(
    reporter_client, section_editor_client, reporters_draft, section_editor, client, step
):
    story = reporters_draft

    step(reporter_client, story, "submit")
    assert state(story) == (Publication.DRAFT, Review.IN_REVIEW)
    assert [m.to for m in mail.outbox] == [[section_editor.email]]
    assert story.title in mail.outbox[0].subject

    step(section_editor_client, story, "return", note="Thiếu nguồn tin ở đoạn hai.")
    assert state(story) == (Publication.DRAFT, Review.RETURNED)
    assert story.review_note == "Thiếu nguồn tin ở đoạn hai."
    page = reporter_client.get(reverse("admin:articles_article_change", args=[story.pk]))
    assert "Thiếu nguồn tin ở đoạn hai." in page.content.decode()

    step(reporter_client, story, "submit")
    step(section_editor_client, story, "approve")
    assert state(story) == (Publication.DRAFT, Review.APPROVED)
    assert client.get(story.get_absolute_url()).status_code == 404

    step(section_editor_client, story, "publish")
    assert state(story) == (Publication.LIVE, Review.APPROVED)
    assert client.get(story.get_absolute_url()).status_code == 200
    assert list(
        AuditEntry.objects.filter(article_id=story.pk)
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["submitted", "returned", "submitted", "approved", "published"]


def test_returned_and_approved_stories_email_their_reporter(
    reporter_client, section_editor_client, reporters_draft, reporter, settings, step
):
    settings.NEWSROOM_NOTIFY_INTERVAL = 0
    step(reporter_client, reporters_draft, "submit")
    mail.outbox.clear()

    step(section_editor_client, reporters_draft, "return", note="Sửa tít.")

    assert [m.to for m in mail.outbox] == [[reporter.email]]
    assert "Sửa tít." in mail.outbox[0].body


def test_notifications_are_throttled_per_person(
    reporter_client, section_editor_client, section, reporter, step
):
    stories = [ArticleFactory(section=section, owner=reporter, draft=True) for _ in range(3)]

    for story in stories:
        step(reporter_client, story, "submit")

    assert len(mail.outbox) == 1


def test_scheduling_sets_the_time_and_the_story_waits_for_it(
    section_editor_client, section, client
):
    story = ArticleFactory(section=section, draft=True, review_state=Review.APPROVED)
    when = timezone.localtime() + timedelta(days=1)

    response = take_step(
        section_editor_client, story, "schedule", publish_at=when.strftime("%Y-%m-%dT%H:%M")
    )

    assert state(story) == (Publication.SCHEDULED, Review.APPROVED)
    assert story.publish_at.replace(second=0, microsecond=0) == when.replace(
        second=0, microsecond=0
    )
    assert client.get(story.get_absolute_url()).status_code == 404
    assert any("Đã hẹn giờ" in m for m in messages_of(response))
    assert AuditEntry.objects.get(article_id=story.pk).action == AuditEntry.Action.SCHEDULED


def test_scheduling_in_the_past_is_refused(section_editor_client, section):
    story = ArticleFactory(section=section, draft=True, review_state=Review.APPROVED)

    response = take_step(section_editor_client, story, "schedule", publish_at="2020-01-01T08:00")

    assert state(story) == (Publication.DRAFT, Review.APPROVED)
    assert any("thời điểm trong tương lai" in m for m in messages_of(response))
    assert not AuditEntry.objects.exists()


# (who, step, the story's publication and review state before, why it is refused)
REFUSED = [
    ("reporter", "approve", "draft", Review.IN_REVIEW, "Chỉ biên tập viên"),
    ("reporter", "publish", "draft", Review.APPROVED, "Chỉ biên tập viên"),
    ("reporter", "schedule", "draft", Review.APPROVED, "Chỉ biên tập viên"),
    ("reporter", "unpublish", "live", Review.APPROVED, "Chỉ Tổng biên tập"),
    ("other_editor", "approve", "draft", Review.IN_REVIEW, "Kinh tế"),
    ("other_editor", "return", "draft", Review.IN_REVIEW, "Kinh tế"),
    ("other_editor", "publish", "draft", Review.APPROVED, "Kinh tế"),
    ("section_editor", "approve", "draft", Review.WRITING, "Đang viết"),
    ("section_editor", "return", "draft", Review.APPROVED, "Đã duyệt"),
    ("section_editor", "publish", "draft", Review.IN_REVIEW, "Chờ duyệt"),
    ("section_editor", "publish", "draft", Review.WRITING, "Đang viết"),
    ("section_editor", "publish", "live", Review.APPROVED, "Đang đăng"),
    ("section_editor", "unpublish", "live", Review.APPROVED, "Chỉ Tổng biên tập"),
    ("section_editor", "override", "draft", Review.WRITING, "Chỉ Tổng biên tập"),
    ("section_editor", "submit", "draft", Review.IN_REVIEW, "Chờ duyệt"),
    ("chief", "unpublish", "draft", Review.APPROVED, "Bản nháp"),
    ("chief", "submit", "live", Review.APPROVED, "Đã duyệt"),
    ("section_editor", "fly", "draft", Review.WRITING, "Không có thao tác này"),
]


@pytest.mark.parametrize(("who", "step", "publication", "review", "reason"), REFUSED, ids=str)
def test_every_other_change_is_refused_with_the_reason(
    request, section, reporter, who, step, publication, review, reason
):
    browser = request.getfixturevalue(f"{who}_client")
    story = ArticleFactory(
        section=section, owner=reporter, draft=publication == "draft", review_state=review
    )

    response = take_step(browser, story, step, note="Ghi chú")

    assert response.status_code == 302
    assert state(story) == (Publication(publication), review)
    assert any(reason in m for m in messages_of(response)), messages_of(response)
    assert not AuditEntry.objects.exists()


def test_returning_needs_a_note(section_editor_client, section):
    story = ArticleFactory(section=section, draft=True, review_state=Review.IN_REVIEW)

    response = take_step(section_editor_client, story, "return", note="  ")

    assert state(story) == (Publication.DRAFT, Review.IN_REVIEW)
    assert any("Hãy ghi lý do" in m for m in messages_of(response))


def test_the_chief_may_override_a_review_and_unpublish(chief_client, section, client):
    story = ArticleFactory(section=section, draft=True, review_state=Review.WRITING)

    take_step(chief_client, story, "override", note="Tin khẩn")
    take_step(chief_client, story, "publish")
    assert state(story) == (Publication.LIVE, Review.APPROVED)
    take_step(chief_client, story, "unpublish", note="Theo yêu cầu của cơ quan chức năng")

    assert state(story) == (Publication.UNPUBLISHED, Review.APPROVED)
    response = client.get(story.get_absolute_url())
    assert response.status_code == 410
    assert "đã bị gỡ" in response.content.decode()
    entries = AuditEntry.objects.filter(article_id=story.pk).order_by("pk")
    assert [e.action for e in entries] == ["approved", "published", "unpublished"]
    assert "vượt quy trình" in entries[0].summary


def test_an_editor_with_no_section_edits_every_section(editor_client, section, other_section):
    story = ArticleFactory(section=other_section, draft=True, review_state=Review.IN_REVIEW)

    take_step(editor_client, story, "approve")

    assert state(story) == (Publication.DRAFT, Review.APPROVED)


def test_the_change_page_offers_only_the_steps_allowed(
    section_editor_client, other_editor_client, reporter_client, reporters_draft
):
    url = reverse("admin:articles_article_change", args=[reporters_draft.pk])
    Article.objects.filter(pk=reporters_draft.pk).update(review_state=Review.IN_REVIEW)

    editor_page = section_editor_client.get(url).content.decode()
    other_page = other_editor_client.get(url).content.decode()
    reporter_page = reporter_client.get(url).content.decode()

    assert 'value="approve"' in editor_page and 'value="return"' in editor_page
    assert 'value="publish"' not in editor_page  # not approved yet
    assert 'name="step"' not in other_page
    assert 'name="step"' not in reporter_page


def test_a_reporter_cannot_edit_a_story_in_review(reporter_client, reporters_draft, section):
    Article.objects.filter(pk=reporters_draft.pk).update(review_state=Review.IN_REVIEW)
    url = reverse("admin:articles_article_change", args=[reporters_draft.pk])

    response = reporter_client.post(url, admin_article_form(section, title="Đổi lén"))

    assert response.status_code == 403
    reporters_draft.refresh_from_db()
    assert reporters_draft.title == "Nông dân trồng sâm Ngọc Linh"


def test_a_reporter_sees_only_their_own_stories(reporter_client, reporters_draft, section):
    ArticleFactory(section=section, title="Bài của người khác", draft=True)

    html = reporter_client.get(reverse("admin:articles_article_changelist")).content.decode()

    assert reporters_draft.title in html and "Bài của người khác" not in html


def test_list_filters_by_publication_review_and_waiting_change(editor_client, section):
    ArticleFactory(
        section=section, title="Bài chờ duyệt", draft=True, review_state=Review.IN_REVIEW
    )
    ArticleFactory(section=section, title="Bài đang đăng")
    url = reverse("admin:articles_article_changelist")

    waiting = editor_client.get(url, {"review_state__exact": "in_review"}).content.decode()
    live = editor_client.get(url, {"publication": "live"}).content.decode()

    assert "Bài chờ duyệt" in waiting and "Bài đang đăng" not in waiting
    assert "Bài đang đăng" in live and "Bài chờ duyệt" not in live


def test_save_and_submit_in_one_click(reporter_client, section, section_editor_client):
    data = admin_article_form(section, title="Tin gửi ngay", _submit_for_review="1")

    response = reporter_client.post(reverse("admin:articles_article_add"), data, follow=True)

    story = Article.objects.get()
    assert state(story) == (Publication.DRAFT, Review.IN_REVIEW)
    assert any("Đã gửi duyệt" in m for m in messages_of(response))
    page = section_editor_client.get(reverse("admin:articles_article_change", args=[story.pk]))
    assert 'name="_submit_for_review"' not in page.content.decode()  # already in review
    assert [e.action for e in AuditEntry.objects.order_by("pk")] == ["created", "submitted"]


def test_the_add_page_offers_save_and_submit(reporter_client):
    page = reporter_client.get(reverse("admin:articles_article_add")).content.decode()

    assert 'name="_submit_for_review"' in page and "Lưu và gửi duyệt" in page


def test_only_the_chief_puts_back_a_story_they_took_down(
    chief_client, section_editor_client, article, client
):
    take_step(chief_client, article, "unpublish", note="Sai sự thật")

    refused = take_step(section_editor_client, article, "publish")
    assert any("chỉ Tổng biên tập được đăng lại" in m for m in messages_of(refused))
    assert client.get(article.get_absolute_url()).status_code == 410

    take_step(chief_client, article, "publish")
    assert client.get(article.get_absolute_url()).status_code == 200


def test_an_editor_fixing_a_submitted_change_leaves_it_in_review(
    reporter_client, section_editor_client, article, reporter
):
    from tests.articles.test_revisions import save

    Article.objects.filter(pk=article.pk).update(owner=reporter)
    save(reporter_client, article, body="<p>Bản sửa của phóng viên.</p>")
    take_step(reporter_client, article, "submit")

    save(section_editor_client, article, body="<p>Bản sửa của phóng viên, đã biên tập.</p>")

    assert state(article) == (Publication.LIVE, Review.IN_REVIEW)
    take_step(section_editor_client, article, "approve")
    assert "đã biên tập" in Article.objects.get(pk=article.pk).body


def test_only_the_chief_deletes_a_story(section_editor_client, chief_client, article):
    delete = reverse("admin:articles_article_delete", args=[article.pk])

    assert section_editor_client.post(delete, {"post": "yes"}).status_code == 403
    assert Article.objects.filter(pk=article.pk).exists()
    assert chief_client.post(delete, {"post": "yes"}).status_code == 302
    assert not Article.objects.filter(pk=article.pk).exists()
