"""Comment rules in the admin: the site's one row, a section's, a story's; the rule in force on a
story's and a section's page with where each value comes from; stricter only for a story unless
the user may loosen it; every change in the audit log."""

import re

import pytest
from django.urls import reverse

from articles.models import AuditEntry
from comments.models import CommentRule
from tests.articles.test_slugs import admin_article_form
from tests.factories import ArticleFactory, SectionFactory, UserFactory

pytestmark = pytest.mark.django_db
Mode, Scope = CommentRule.Mode, CommentRule.Scope
ADD_URL = reverse("admin:comments_commentrule_add")
EMPTY_VALUES = {
    "mode": "",
    "close_after_days": "",
    "quiet_from": "",
    "quiet_until": "",
    "max_length": "",
    "max_links": "",
    "report_threshold": "",
}


def rule_form(**values):
    return {"scope": "", "section": "", "article": "", **EMPTY_VALUES, **values}


def story_form(story, **fields):
    """The story's change form as the page posts it, with the rule inline's `fields`."""
    data = admin_article_form(
        story.section,
        title=story.title,
        slug=story.slug,
        standfirst=story.standfirst,
        body=story.body,
        publish_at_0=f"{story.publish_at:%d/%m/%Y}",
        publish_at_1=f"{story.publish_at:%H:%M:%S}",
        base_revision="0",
    )
    data.update(inline("comment_rule", story.comment_rule if has_rule(story) else None, **fields))
    return data


def section_form(section, **fields):
    data = {"name": section.name, "slug": section.slug, "order": section.order}
    data.update(inline("comment_rule", getattr(section, "comment_rule", None), **fields))
    return data


def has_rule(story):
    return CommentRule.objects.filter(article=story).exists()


def inline(prefix, rule, **fields):
    data = {
        f"{prefix}-TOTAL_FORMS": "1",
        f"{prefix}-INITIAL_FORMS": "1" if rule else "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1",
    }
    if rule:
        data[f"{prefix}-0-id"] = rule.pk
    data.update({f"{prefix}-0-{name}": value for name, value in {**EMPTY_VALUES, **fields}.items()})
    return data


def audit_summaries():
    entries = AuditEntry.objects.filter(action=AuditEntry.Action.COMMENT_RULES).order_by("pk")
    return list(entries.values_list("summary", flat=True))


def cells(html):
    """The "Quy định đang áp dụng" panel as {row label: (value, source)}."""
    table = html[html.index('class="comment-rules-in-force"') :]
    table = table[: table.index("</table>")]
    rows = re.findall(r'<th scope="row">(.*?)</th><td>(.*?)</td><td>(.*?)</td>', table)
    return {label: (value, source) for label, value, source in rows}


# --- the rules' own pages -------------------------------------------------------------------


def test_an_editor_sets_a_section_read_only_in_one_place(editor_client, editor):
    politics = SectionFactory(name="Chính trị")

    response = editor_client.post(
        ADD_URL, rule_form(scope=Scope.SECTION, section=politics.pk, mode=Mode.READ_ONLY)
    )

    assert response.status_code == 302
    rule = CommentRule.objects.get()
    assert (rule.scope, rule.section, rule.mode) == (Scope.SECTION, politics, Mode.READ_ONLY)
    assert rule.updated_by == editor
    entry = AuditEntry.objects.get(action=AuditEntry.Action.COMMENT_RULES)
    assert (entry.actor, entry.section_id, entry.article_id) == (editor, politics.pk, None)
    assert "Chỉ đọc" in entry.summary
    assert "chuyên mục Chính trị" in entry.subject


def test_the_mode_says_how_to_make_a_section_read_only(editor_client):
    html = editor_client.get(ADD_URL).content.decode()

    assert "Đặt “Chỉ đọc” cho một chuyên mục" in html


def test_the_site_has_one_rule_only(editor_client):
    CommentRule.objects.create(scope=Scope.SITE, max_length=800)

    response = editor_client.post(ADD_URL, rule_form(scope=Scope.SITE, max_length="500"))

    assert response.status_code == 200
    assert "Đã có quy định toàn trang: hãy sửa quy định đó." in response.content.decode()
    assert CommentRule.objects.count() == 1


@pytest.mark.parametrize(
    ("scope", "message"),
    [(Scope.SECTION, "Hãy chọn chuyên mục."), (Scope.STORY, "Hãy chọn bài viết.")],
)
def test_a_section_or_story_rule_needs_its_target(editor_client, scope, message):
    response = editor_client.post(ADD_URL, rule_form(scope=scope, max_length="500"))

    assert message in response.content.decode()
    assert not CommentRule.objects.exists()


def test_quiet_hours_need_both_ends(editor_client):
    response = editor_client.post(ADD_URL, rule_form(scope=Scope.SITE, quiet_from="22:00"))

    assert "Hãy nhập cả giờ bắt đầu và giờ kết thúc" in response.content.decode()
    assert not CommentRule.objects.exists()


def test_a_changed_rule_records_each_value_before_and_after(editor_client, editor):
    rule = CommentRule.objects.create(scope=Scope.SITE, max_length=800)
    url = reverse("admin:comments_commentrule_change", args=[rule.pk])

    editor_client.post(url, rule_form(scope=Scope.SITE, max_length="600", max_links="1"))

    rule.refresh_from_db()
    assert (rule.max_length, rule.max_links, rule.updated_by) == (600, 1, editor)
    [summary] = audit_summaries()
    assert "độ dài tối đa (ký tự): 800 → 600" in summary
    assert "số liên kết tối đa: (như cấp trên) → 1" in summary


def test_deleting_a_rule_is_recorded(editor_client, section):
    rule = CommentRule.objects.create(scope=Scope.SECTION, section=section, mode=Mode.READ_ONLY)
    url = reverse("admin:comments_commentrule_delete", args=[rule.pk])

    editor_client.post(url, {"post": "yes"})

    assert not CommentRule.objects.exists()
    [summary] = audit_summaries()
    assert summary.startswith("Bỏ quy định riêng")
    assert "Chỉ đọc" in summary


def test_the_list_shows_each_rules_target_and_values_and_filters_by_scope(editor_client, section):
    story = ArticleFactory(section=section, title="Bầu cử đại biểu")
    CommentRule.objects.create(scope=Scope.SITE, max_length=800)
    CommentRule.objects.create(scope=Scope.SECTION, section=section, mode=Mode.READ_ONLY)
    CommentRule.objects.create(scope=Scope.STORY, article=story, max_links=0)
    url = reverse("admin:comments_commentrule_changelist")

    everything = editor_client.get(url).content.decode()
    sections_only = editor_client.get(url, {"scope__exact": Scope.SECTION}).content.decode()

    assert "Bầu cử đại biểu" in everything
    assert "độ dài tối đa (ký tự): 800" in everything
    assert "số liên kết tối đa: 0" in everything
    assert "Kinh tế" in sections_only
    assert "chế độ: Chỉ đọc" in sections_only
    assert "Bầu cử đại biểu" not in sections_only


def test_moderators_see_the_rules_but_cannot_change_them(moderator_client, section):
    rule = CommentRule.objects.create(scope=Scope.SECTION, section=section, mode=Mode.READ_ONLY)
    url = reverse("admin:comments_commentrule_change", args=[rule.pk])

    assert moderator_client.get(url).status_code == 200
    moderator_client.post(url, rule_form(scope=Scope.SECTION, section=section.pk, mode=Mode.OFF))
    assert moderator_client.post(ADD_URL, rule_form(scope=Scope.SITE)).status_code == 403

    rule.refresh_from_db()
    assert rule.mode == Mode.READ_ONLY


# --- stricter only ------------------------------------------------------------------------


@pytest.fixture
def strict_section(section):
    CommentRule.objects.create(
        scope=Scope.SECTION,
        section=section,
        mode=Mode.PREMODERATED,
        close_after_days=10,
        quiet_from="22:00",
        quiet_until="06:00",
        max_length=800,
    )
    return section


def looser_story_rule(story):
    return rule_form(
        scope=Scope.STORY,
        article=story.pk,
        mode=Mode.KNOWN_PUBLISHED,
        close_after_days="0",
        quiet_from="23:00",
        quiet_until="05:00",
        max_length="2000",
    )


def test_an_editor_may_not_make_a_storys_rule_looser_than_its_sections(
    editor_client, strict_section, article
):
    response = editor_client.post(ADD_URL, looser_story_rule(article))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Quy định của bài chỉ được chặt hơn quy định của chuyên mục “Kinh tế”" in html
    for named in [
        "chế độ (chuyên mục: Duyệt trước khi đăng)",
        "đóng sau (ngày) (chuyên mục: 10 ngày)",
        "giờ nghỉ (chuyên mục: 22:00–06:00)",
        "độ dài tối đa (ký tự) (chuyên mục: 800)",
    ]:
        assert named in html
    assert not CommentRule.objects.filter(scope=Scope.STORY).exists()
    assert not audit_summaries()


def test_the_editor_in_chief_may_loosen_a_storys_rule(chief_client, strict_section, article):
    response = chief_client.post(ADD_URL, looser_story_rule(article))

    assert response.status_code == 302
    rule = CommentRule.objects.get(scope=Scope.STORY)
    assert (rule.mode, rule.max_length) == (Mode.KNOWN_PUBLISHED, 2000)


def test_a_superuser_may_loosen_a_storys_rule(strict_section, article):
    from tests.clients import logged_in

    admin = logged_in(UserFactory(is_staff=True, is_superuser=True))

    assert admin.post(ADD_URL, looser_story_rule(article)).status_code == 302


def test_an_editor_may_make_a_storys_rule_stricter(editor_client, strict_section, article):
    stricter = rule_form(
        scope=Scope.STORY,
        article=article.pk,
        mode=Mode.READ_ONLY,
        close_after_days="3",
        quiet_from="21:00",
        quiet_until="07:00",
        max_length="300",
        max_links="0",
    )

    assert editor_client.post(ADD_URL, stricter).status_code == 302
    assert CommentRule.objects.filter(scope=Scope.STORY, article=article).exists()


# --- on the story's and the section's page -------------------------------------------------


def test_a_storys_page_shows_the_rule_in_force_and_where_each_value_comes_from(
    editor_client, section, settings
):
    settings.COMMENTS_AUTO_APPROVE_KNOWN = False
    story = ArticleFactory(section=section)
    CommentRule.objects.create(scope=Scope.SITE, close_after_days=14, max_links=1)
    CommentRule.objects.create(scope=Scope.SECTION, section=section, mode=Mode.READ_ONLY)
    CommentRule.objects.create(scope=Scope.STORY, article=story, max_length=500, max_links=0)

    html = editor_client.get(reverse("admin:articles_article_change", args=[story.pk])).content
    panel = cells(html.decode())

    assert panel == {
        "Chế độ": ("Chỉ đọc: hiện bình luận, không nhận thêm", "chuyên mục"),
        "Đóng sau (ngày)": ("14 ngày", "toàn trang"),
        "Giờ nghỉ": ("không có", "mặc định"),
        "Độ dài tối đa (ký tự)": ("500", "bài viết"),
        "Số liên kết tối đa": ("0", "bài viết"),
        "Ngưỡng báo cáo": ("3", "mặc định"),
    }


def test_a_section_page_shows_its_rule_in_force_and_the_list_shows_its_mode(editor_client, section):
    CommentRule.objects.create(scope=Scope.SITE, quiet_from="22:00", quiet_until="06:00")
    CommentRule.objects.create(scope=Scope.SECTION, section=section, mode=Mode.READ_ONLY)

    page = editor_client.get(reverse("admin:articles_section_change", args=[section.pk]))
    listing = editor_client.get(reverse("admin:articles_section_changelist"))

    panel = cells(page.content.decode())
    assert panel["Chế độ"] == ("Chỉ đọc: hiện bình luận, không nhận thêm", "chuyên mục")
    assert panel["Giờ nghỉ"] == ("22:00–06:00", "toàn trang")
    assert "Chỉ đọc: hiện bình luận, không nhận thêm" in listing.content.decode()


def test_a_section_is_made_read_only_from_its_own_page(editor_client, editor, section):
    url = reverse("admin:articles_section_change", args=[section.pk])

    response = editor_client.post(url, section_form(section, mode=Mode.READ_ONLY))

    assert response.status_code == 302
    rule = CommentRule.objects.get()
    assert (rule.scope, rule.section, rule.mode, rule.updated_by) == (
        Scope.SECTION,
        section,
        Mode.READ_ONLY,
        editor,
    )
    entry = AuditEntry.objects.get(action=AuditEntry.Action.COMMENT_RULES)
    assert entry.section_id == section.pk


def test_a_storys_own_rule_is_set_from_its_page_and_recorded(editor_client, editor, article):
    url = reverse("admin:articles_article_change", args=[article.pk])

    response = editor_client.post(url, story_form(article, max_length="400", max_links="0"))

    assert response.status_code == 302
    rule = CommentRule.objects.get()
    assert (rule.scope, rule.article, rule.max_length, rule.max_links) == (
        Scope.STORY,
        article,
        400,
        0,
    )
    entry = AuditEntry.objects.get(action=AuditEntry.Action.COMMENT_RULES)
    assert (entry.actor, entry.article_id) == (editor, article.pk)
    assert "độ dài tối đa (ký tự): (như cấp trên) → 400" in entry.summary


def test_a_looser_rule_on_the_storys_page_is_refused_for_an_editor_and_kept_for_the_chief(
    editor_client, chief_client, strict_section, article
):
    url = reverse("admin:articles_article_change", args=[article.pk])
    looser = story_form(article, mode=Mode.KNOWN_PUBLISHED)

    refused = editor_client.post(url, looser)

    assert refused.status_code == 200
    assert "chế độ (chuyên mục: Duyệt trước khi đăng)" in refused.content.decode()
    assert not CommentRule.objects.filter(scope=Scope.STORY).exists()

    assert chief_client.post(url, looser).status_code == 302
    assert CommentRule.objects.get(scope=Scope.STORY).mode == Mode.KNOWN_PUBLISHED


def test_a_live_storys_rule_takes_effect_at_once_even_when_its_edit_waits(editor_client, section):
    from tests.articles.test_revisions import form_for, opened

    story = ArticleFactory(section=section)
    url = reverse("admin:articles_article_change", args=[story.pk])
    data = form_for(story, opened(story), title="Tiêu đề mới")
    data.update(inline("comment_rule", None, mode=Mode.READ_ONLY))

    assert editor_client.post(url, data).status_code == 302

    story.refresh_from_db()
    assert story.title != "Tiêu đề mới"  # the edit waits for review; readers keep the old
    assert story.pending_revision_id is not None
    assert CommentRule.objects.get(article=story).mode == Mode.READ_ONLY


def test_removing_a_storys_rule_from_its_page_is_recorded(editor_client, article):
    rule = CommentRule.objects.create(scope=Scope.STORY, article=article, max_links=0)
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = story_form(article, max_links="0")
    data["comment_rule-0-DELETE"] = "on"

    assert editor_client.post(url, data).status_code == 302

    assert not CommentRule.objects.filter(pk=rule.pk).exists()
    [summary] = audit_summaries()
    assert summary.startswith("Bỏ quy định riêng")


def test_a_story_saved_without_the_rules_part_keeps_its_rule(editor_client, article):
    CommentRule.objects.create(scope=Scope.STORY, article=article, max_links=0)
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = {k: v for k, v in story_form(article).items() if not k.startswith("comment_rule-")}

    assert editor_client.post(url, data).status_code == 302

    assert CommentRule.objects.get(article=article).max_links == 0
    assert not audit_summaries()


def test_a_reporter_does_not_see_the_rule_inline(reporter_client, reporter, section):
    story = ArticleFactory(section=section, owner=reporter, draft=True)

    html = reporter_client.get(reverse("admin:articles_article_change", args=[story.pk]))

    assert "comment_rule-TOTAL_FORMS" not in html.content.decode()
