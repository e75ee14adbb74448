"""Whole-story revisions: every save kept, live stories changed only once a change is approved,
history and word-by-word comparison, restoring, and two people editing at once."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Max
from django.test import Client
from django.urls import reverse

from articles.models import Article, AuditEntry, Revision
from tests.articles.test_slugs import admin_article_form
from tests.clients import take_step
from tests.conftest import image_bytes
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    BylineFactory,
    TagFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
Review = Article.Review


def change_url(story):
    return reverse("admin:articles_article_change", args=[story.pk])


def form_for(story, base, **changes):
    """What the change form posts for `story` opened at revision `base`, with `changes`."""
    data = admin_article_form(
        story.section,
        title=story.title,
        slug=story.slug,
        standfirst=story.standfirst,
        body=story.body,
        publish_at_0=f"{story.publish_at:%d/%m/%Y}",
        publish_at_1=f"{story.publish_at:%H:%M:%S}",
        base_revision=base,
    )
    data.update(changes)
    return data


def opened(story):
    """The revision a change form opened now would be based on."""
    return story.revisions.aggregate(n=Max("number"))["n"] or 0


def one_byline(author, role="Ảnh"):
    """The byline inline's fields for a byline of one new row: `author`."""
    return {
        "bylines-TOTAL_FORMS": "1",
        "bylines-0-author": author.pk,
        "bylines-0-role": role,
        "bylines-0-order": "0",
    }


def save(browser, story, base=None, **changes):
    """Post the change form of `story`, opened at revision `base` (by default: just now)."""
    base = opened(story) if base is None else base
    return browser.post(change_url(story), form_for(story, base, **changes))


@pytest.fixture
def live_story(section, reporter, section_editor_client):
    """A live story of `reporter`, saved once as a draft (revisions 1, as it was, and 2), then
    published."""
    story = ArticleFactory(
        section=section,
        owner=reporter,
        title="Giá cà phê tăng mạnh",
        standfirst="Giá cà phê hôm nay tăng.",
        body="<p>Giá cà phê tại Đắk Hà tăng lên 120.000 đồng một ký.</p>",
        draft=True,
    )
    assert save(section_editor_client, story).status_code == 302
    Article.objects.filter(pk=story.pk).update(
        status=Article.Status.PUBLISHED, review_state=Review.APPROVED
    )
    story.refresh_from_db()
    return story


def test_every_save_makes_a_snapshot_of_the_whole_story(section_editor_client, section, editor):
    story = ArticleFactory(section=section, draft=True, image_alt="")
    tag = TagFactory(name="Nông nghiệp")
    BylineFactory(article=story, author=AuthorFactory(name="Lê Thu"), role="Quay phim")
    story.tags.add(tag)

    byline = {
        "bylines-TOTAL_FORMS": "1",
        "bylines-INITIAL_FORMS": "1",
        "bylines-0-id": story.bylines.get().pk,
        "bylines-0-article": story.pk,
        "bylines-0-author": story.bylines.get().author_id,
        "bylines-0-role": "Quay phim",
        "bylines-0-order": "0",
    }
    save(section_editor_client, story, revision_note="Sửa tít", tags=[tag.pk], **byline)
    save(section_editor_client, story, title="Tít mới", tags=[tag.pk], **byline)

    baseline, first, second = story.revisions.order_by("number")
    assert (baseline.number, first.number, second.number) == (1, 2, 3)
    assert baseline.author is None and baseline.snapshot["title"] == story.title  # as it was
    assert first.note == "Sửa tít" and first.author.username == "bientap-kinhte"
    data = second.snapshot
    assert data["title"] == "Tít mới"
    assert data["section"] == {"id": section.pk, "name": section.name}
    assert data["tags"] == [{"id": tag.pk, "name": "Nông nghiệp"}]
    assert [(b["name"], b["role"]) for b in data["bylines"]] == [("Lê Thu", "Quay phim")]
    assert set(data["image"]) >= {"name", "alt", "caption", "credit"}
    assert data["allow_comments"] is True
    assert (data["status"], data["review_state"]) == ("draft", "writing")


def test_a_change_to_a_live_story_waits_and_readers_keep_the_live_version(
    live_story, reporter_client, section_editor_client, client
):
    response = save(
        reporter_client,
        live_story,
        body="<p>Giá cà phê tại Đắk Hà giảm xuống 110.000 đồng một ký.</p>",
    )
    assert response.status_code == 302

    live_story.refresh_from_db()
    assert live_story.has_pending_change
    assert "120.000" in client.get(live_story.get_absolute_url()).content.decode()
    page = section_editor_client.get(change_url(live_story)).content.decode()
    assert "Bài này có một thay đổi đang chờ duyệt." in page
    assert "110.000" in page  # the form opens on the change

    take_step(reporter_client, live_story, "submit")
    take_step(section_editor_client, live_story, "approve")

    html = client.get(live_story.get_absolute_url()).content.decode()  # no stale cached page
    assert "110.000" in html and "120.000" not in html
    live_story.refresh_from_db()
    assert not live_story.has_pending_change
    assert live_story.review_state == Review.APPROVED
    summary = AuditEntry.objects.filter(action="approved").get().summary
    assert "thay đổi đã lên trang" in summary


def test_a_pending_change_keeps_new_tags_and_byline_until_approved(
    live_story, section_editor_client, client
):
    tag, author = TagFactory(name="Xuất khẩu"), AuthorFactory(name="Y Blin")
    save(
        section_editor_client,
        live_story,
        tags=[tag.pk],
        **one_byline(author),
    )
    assert "Y Blin" not in client.get(live_story.get_absolute_url()).content.decode()
    assert not live_story.bylines.exists() and not live_story.tags.exists()

    take_step(section_editor_client, live_story, "submit")
    take_step(section_editor_client, live_story, "approve")

    html = client.get(live_story.get_absolute_url()).content.decode()
    assert "Y Blin" in html and "Xuất khẩu" in html


def test_the_change_form_of_a_pending_change_shows_its_byline(live_story, section_editor_client):
    author = AuthorFactory(name="Y Blin")
    save(
        section_editor_client,
        live_story,
        **one_byline(author),
    )

    page = section_editor_client.get(change_url(live_story)).content.decode()

    assert re.search(rf'<option value="{author.pk}" selected>Y Blin</option>', page)
    # Saving the form as it opened keeps the byline in the next pending revision.
    save(
        section_editor_client,
        live_story,
        **one_byline(author),
    )
    assert live_story.revisions.first().snapshot["bylines"][0]["name"] == "Y Blin"


def test_history_lists_every_revision(live_story, section_editor_client):
    save(section_editor_client, live_story, title="Tít thứ hai")

    page = section_editor_client.get(
        reverse("admin:articles_article_history", args=[live_story.pk])
    ).content.decode()

    assert "Lịch sử phiên bản" in page
    assert page.count('name="a"') == 3 and "chờ duyệt" in page
    assert "Bản có từ trước khi lưu lịch sử" in page


def test_comparison_marks_added_and_removed_words_with_diacritics(
    live_story, section_editor_client
):
    save(
        section_editor_client,
        live_story,
        body="<p>Giá cà phê tại Đắk Hà giảm xuống 110.000 đồng một ký.</p>",
        tags=[TagFactory(name="Thị trường").pk],
    )
    url = reverse("admin:articles_article_compare", args=[live_story.pk])

    page = section_editor_client.get(url, {"a": 2, "b": 3}).content.decode()

    assert "<del>tăng lên 120</del>" in page and "<ins>giảm xuống 110</ins>" in page
    assert "Đắk Hà" in page
    assert "Thêm:" in page and "<ins>Thị trường</ins>" in page
    live = section_editor_client.get(url, {"a": "live", "b": "pending"}).content.decode()
    assert "<ins>giảm xuống 110</ins>" in live


def test_comparing_a_revision_that_does_not_exist_is_a_404(live_story, section_editor_client):
    url = reverse("admin:articles_article_compare", args=[live_story.pk])

    assert section_editor_client.get(url, {"a": 1, "b": 99}).status_code == 404


def test_restoring_on_a_live_story_waits_for_review_unless_the_chief_does_it(
    live_story, section_editor_client, chief_client, client
):
    save(section_editor_client, live_story, title="Tít sai")
    take_step(section_editor_client, live_story, "submit")
    take_step(section_editor_client, live_story, "approve")
    assert "Tít sai" in client.get(live_story.get_absolute_url()).content.decode()
    restore = reverse("admin:articles_article_restore", args=[live_story.pk, 1])

    section_editor_client.post(restore)
    assert "Tít sai" in client.get(live_story.get_absolute_url()).content.decode()
    live_story.refresh_from_db()
    assert live_story.has_pending_change and live_story.pending_revision.kind == "restored"

    chief_client.post(restore)

    html = client.get(live_story.get_absolute_url()).content.decode()
    assert "Giá cà phê tăng mạnh" in html and "Tít sai" not in html
    numbers = list(live_story.revisions.order_by("number").values_list("number", "kind"))
    assert numbers == [(1, "saved"), (2, "saved"), (3, "pending"), (4, "restored"), (5, "restored")]
    live_story.refresh_from_db()
    assert not live_story.has_pending_change
    assert AuditEntry.objects.filter(action="restored").count() == 2


def test_a_reporter_may_not_restore_someone_elses_story(live_story, section, client):
    other = Client()
    other.force_login(UserFactory(username="pv2", is_staff=True, groups=["Phóng viên"]))
    restore = reverse("admin:articles_article_restore", args=[live_story.pk, 1])

    assert other.post(restore).status_code == 404
    assert live_story.revisions.count() == 2


def test_the_second_of_two_editors_is_refused_with_what_changed_and_keeps_their_text(
    live_story, section_editor_client, editor_client
):
    draft = ArticleFactory(section=live_story.section, draft=True, title="Mưa lớn ở Kon Plông")
    save(section_editor_client, draft, 0)  # revisions 1 (as it was) and 2: both open it at 2

    first = save(section_editor_client, draft, 2, standfirst="Mưa lớn kéo dài ba ngày.")
    second = save(editor_client, draft, 2, standfirst="Lũ quét ở Kon Plông.", title="Lũ quét")

    assert first.status_code == 302
    assert second.status_code == 200
    page = second.content.decode()
    assert "Trong lúc bạn sửa, bientap-kinhte đã lưu bài này (phiên bản 3)" in page
    assert "<ins>Mưa lớn kéo dài ba ngày</ins>" in page  # what the other editor wrote
    assert "Lũ quét ở Kon Plông." in page  # their text stays in the form
    draft.refresh_from_db()
    assert draft.standfirst == "Mưa lớn kéo dài ba ngày." and draft.revisions.count() == 3

    again = save(editor_client, draft, 3, standfirst="Lũ quét ở Kon Plông.", title="Lũ quét")
    assert again.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Lũ quét"


@pytest.mark.parametrize("count", [2, 25])
def test_history_and_comparison_query_counts_do_not_grow_with_revisions(
    live_story, section_editor, django_assert_num_queries, count
):
    for n in range(count):
        Revision.objects.create(
            article=live_story,
            number=n + 3,
            author=section_editor,
            snapshot=live_story.revisions.get(number=1).snapshot,
        )
    browser = Client()
    browser.force_login(section_editor)
    browser.get(reverse("admin:index"))  # the session and permissions are warm
    history = reverse("admin:articles_article_history", args=[live_story.pk])
    compare = reverse("admin:articles_article_compare", args=[live_story.pk])

    # session, user, permissions (2), story, revisions (history: with authors; and the
    # sections of the user, who may restore only in theirs)
    with django_assert_num_queries(HISTORY_QUERIES):
        assert browser.get(history).status_code == 200
    with django_assert_num_queries(COMPARE_QUERIES):
        assert browser.get(compare, {"a": 1, "b": count + 2}).status_code == 200


HISTORY_QUERIES = 7
COMPARE_QUERIES = 6


def test_staff_preview_a_pending_change_on_the_story_page_never_cached(
    live_story, section_editor_client, reporter_client, client
):
    author = AuthorFactory(name="Y Blin")
    save(
        reporter_client,
        live_story,
        body="<p>Giá cà phê tại Đắk Hà giảm xuống 110.000 đồng một ký.</p>",
        tags=[TagFactory(name="Thị trường").pk],
        **one_byline(author),
    )
    preview = reverse("admin:articles_article_preview", args=[live_story.pk])

    response = section_editor_client.get(preview)

    html = response.content.decode()
    assert "110.000" in html and "Y Blin" in html and "Thị trường" in html
    assert "Bản xem trước thay đổi chờ duyệt" in html
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert 'name="robots" content="noindex' in html
    assert "120.000" in client.get(live_story.get_absolute_url()).content.decode()
    assert "110.000" not in client.get(live_story.get_absolute_url()).content.decode()
    assert client.get(preview).status_code == 302  # to the login page
    assert reporter_client.get(preview).status_code == 200  # their own story
    other = Client()
    other.force_login(UserFactory(username="pv3", is_staff=True, groups=["Phóng viên"]))
    assert other.get(preview).status_code == 404


def test_comparison_shows_section_comments_image_and_a_new_byline_order(
    section_editor_client, editor_client, section, other_section
):
    story = ArticleFactory(section=section, draft=True)
    first, second = AuthorFactory(name="Lê Thu"), AuthorFactory(name="Y Blin")
    bylines = {
        "bylines-TOTAL_FORMS": "2",
        "bylines-0-author": first.pk,
        "bylines-0-order": "0",
        "bylines-1-author": second.pk,
        "bylines-1-order": "1",
    }
    save(editor_client, story, **bylines)
    story.refresh_from_db()
    rows = {b.author_id: b.pk for b in story.bylines.all()}
    swapped = {
        "bylines-TOTAL_FORMS": "2",
        "bylines-INITIAL_FORMS": "2",
        "bylines-0-id": rows[first.pk],
        "bylines-0-article": story.pk,
        "bylines-0-author": first.pk,
        "bylines-0-order": "1",
        "bylines-1-id": rows[second.pk],
        "bylines-1-article": story.pk,
        "bylines-1-author": second.pk,
        "bylines-1-order": "0",
    }
    data = form_for(story, opened(story), section=other_section.pk, **swapped)
    del data["allow_comments"]
    data["image"] = SimpleUploadedFile("anh.jpg", image_bytes(size=(800, 450)))
    data["image_alt"] = "Đồi chè Măng Đen"
    assert editor_client.post(change_url(story), data).status_code == 302
    url = reverse("admin:articles_article_compare", args=[story.pk])

    page = editor_client.get(url, {"a": opened(story) - 1, "b": opened(story)}).content.decode()

    assert "<del>Kinh tế</del> → <ins>Thể thao</ins>" in page
    assert "<del>Có</del> → <ins>Không</ins>" in page
    assert "<del>Lê Thu, Y Blin</del> → <ins>Y Blin, Lê Thu</ins>" in page
    assert "Ảnh đại diện" in page and "<ins>articles/" in page
    assert "<ins>Đồi chè Măng Đen</ins>" in page


def test_comparing_a_revision_with_itself_says_they_are_the_same(live_story, editor_client):
    url = reverse("admin:articles_article_compare", args=[live_story.pk])

    assert "Hai phiên bản giống nhau." in editor_client.get(url, {"a": 2, "b": 2}).content.decode()


def test_history_marks_what_readers_see_and_who_approved_it(
    live_story, reporter_client, section_editor_client
):
    history = reverse("admin:articles_article_history", args=[live_story.pk])
    save(reporter_client, live_story, standfirst="Giá cà phê hôm nay giảm.")
    save(reporter_client, live_story, standfirst="Giá cà phê hôm nay giảm mạnh.")
    rows = section_editor_client.get(history).content.decode().split("<tr>")

    assert "(chờ duyệt)" in rows[2] and "(bạn đọc đang xem)" in rows[4]  # 4 (waits), 2 (live)

    take_step(reporter_client, live_story, "submit")
    take_step(section_editor_client, live_story, "approve")
    rows = section_editor_client.get(history).content.decode().split("<tr>")

    assert "(bạn đọc đang xem)" in rows[2] and "Duyệt bởi bientap-kinhte" in rows[2]
    assert "bạn đọc đang xem" not in rows[3]  # revision 3 waited, was replaced, never went live
