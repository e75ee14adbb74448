"""Corrections (Press Law 2016, Art. 42): notes on live stories, shown where the law and readers
expect them, never edited; and stories taken down answer 410 Gone."""

import json
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from articles.models import Article, AuditEntry, Correction
from tests.clients import take_step
from tests.factories import ArticleFactory, CorrectionFactory

pytestmark = pytest.mark.django_db


def add_note(browser, story, kind, text):
    url = reverse("admin:articles_article_correction", args=[story.pk])
    return browser.post(url, {"kind": kind, "text": text})


def json_ld(html):
    return json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    )


def test_an_editor_adds_notes_that_readers_see_at_the_top_or_the_end(
    section_editor_client, article, client
):
    add_note(section_editor_client, article, "correction", "Tên xã đúng là Đăk Hà.")
    add_note(section_editor_client, article, "update", "Giá đã giảm sáng nay.")

    html = client.get(article.get_absolute_url()).content.decode()

    top = html.index('<aside class="correction correction-correction"')
    end = html.index('<aside class="correction correction-update"')
    assert top < html.index('<div class="story-body">') < end
    assert html.index("Tên xã đúng là", top) < html.index("Giá đã giảm", end)
    assert "Cải chính" in html and "Cập nhật" in html
    notes = json_ld(html)["correction"]
    assert [n["@type"] for n in notes] == ["CorrectionComment", "CorrectionComment"]
    assert notes[0]["text"] == "Cải chính: Tên xã đúng là Đăk Hà."
    entries = AuditEntry.objects.order_by("pk")
    assert [e.action for e in entries] == ["corrected", "corrected"]
    assert "Cải chính: Tên xã đúng là Đăk Hà." in entries[0].summary


def test_notes_are_in_the_rss_item(section_editor_client, article, client):
    add_note(section_editor_client, article, "apology", "Tòa soạn xin lỗi bạn đọc.")

    rss = client.get(reverse("articles:feed")).content.decode()

    assert "Xin lỗi (" in rss and "Tòa soạn xin lỗi bạn đọc." in rss


def test_only_an_editor_of_the_section_adds_notes_and_only_to_live_stories(
    reporter_client, other_editor_client, section_editor_client, article, section
):
    draft = ArticleFactory(section=section, draft=True)

    add_note(reporter_client, article, "correction", "Không được")
    add_note(other_editor_client, article, "correction", "Không được")
    response = add_note(section_editor_client, draft, "correction", "Bài chưa đăng")

    assert not Correction.objects.exists()
    assert response.status_code == 302


def test_a_note_without_text_is_refused(section_editor_client, article):
    response = add_note(section_editor_client, article, "correction", "")

    assert response.status_code == 302 and not Correction.objects.exists()


def test_a_published_note_cannot_be_changed_or_deleted(article, admin_client):
    note = CorrectionFactory(article=article)

    with pytest.raises(PermissionDenied):
        note.delete()
    with pytest.raises(PermissionDenied):
        Correction.objects.filter(pk=note.pk).update(text="khác")
    page = admin_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert "Ghi chú đã đăng không sửa hay xóa được" in page.content.decode()
    assert Correction.objects.get().text == note.text


def test_the_corrections_page_lists_every_note_newest_first_with_its_story(client, section):
    first = CorrectionFactory(article=ArticleFactory(section=section, title="Lũ ở Kon Plông"))
    second = CorrectionFactory(
        article=ArticleFactory(section=section, title="Giá sâm Ngọc Linh"),
        text="Giá đúng là 90 triệu.",
    )
    CorrectionFactory(article=ArticleFactory(section=section, draft=True, title="Bài nháp"))

    html = client.get(reverse("articles:corrections")).content.decode()

    assert html.index("Giá sâm Ngọc Linh") < html.index("Lũ ở Kon Plông")
    assert "Bài nháp" not in html
    assert f'href="{second.get_absolute_url()}"' in html
    assert first.text in html


def test_the_corrections_page_is_paginated_and_accent_searchable(client, section):
    story = ArticleFactory(section=section, title="Đường về Măng Đen")
    CorrectionFactory.create_batch(21, article=story, text="Số liệu cũ.")
    CorrectionFactory(article=story, text="Tên đúng là xã Đăk Rơ Wa.")

    page_two = client.get(reverse("articles:corrections"), {"page": 2})
    found = client.get(reverse("articles:corrections"), {"q": "dak ro wa"}).content.decode()
    by_title = client.get(reverse("articles:corrections"), {"q": "mang den"}).content.decode()

    assert page_two.status_code == 200 and "Trang 2/2" in page_two.content.decode()
    assert "Đăk Rơ Wa" in found and "Số liệu cũ." not in found
    assert by_title.count("Đường về Măng Đen") >= 20


def test_an_unpublished_story_is_gone_with_a_page_that_says_so(chief_client, article, client):
    take_step(chief_client, article, "unpublish", note="Sai sự thật")

    response = client.get(article.get_absolute_url())

    assert response.status_code == 410
    assert (
        "Bài viết đã bị gỡ" in response.content.decode()
        and article.title in response.content.decode()
    )
    assert article.get_absolute_url() not in client.get("/sitemap.xml").content.decode()
    assert article.title not in client.get(reverse("articles:feed")).content.decode()
    assert Article.objects.filter(pk=article.pk).exists()  # kept, with its history


def test_an_unpublished_story_stays_previewable_for_editors(chief_client, editor_client, article):
    take_step(chief_client, article, "unpublish", note="Sai sự thật")

    response = editor_client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert "bài đã bị gỡ" in response.content.decode()
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
