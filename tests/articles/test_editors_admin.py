from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Author
from tests.factories import ArticleFactory, AuthorFactory, BylineFactory, UserFactory

pytestmark = pytest.mark.django_db


CRUD = ["add", "change", "delete", "view"]


def test_editors_group_may_manage_articles_and_comment_rules_and_nothing_else():
    perms = {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Group.objects.get(name="Biên tập viên").permissions.select_related("content_type")
    }

    for model in ["article", "section", "author", "tag"]:
        for action in CRUD:
            assert f"articles.{action}_{model}" in perms
    comments = {p for p in perms if not p.startswith("articles.")}
    assert comments == {f"comments.{action}_commentrule" for action in CRUD}


@pytest.mark.parametrize(
    "url, status",
    [
        ("admin:articles_article_changelist", 200),
        ("admin:articles_section_changelist", 200),
        ("admin:articles_author_changelist", 200),
        ("admin:articles_tag_changelist", 200),
        ("admin:auth_user_changelist", 403),
        ("admin:auth_group_changelist", 403),
    ],
)
def test_editor_reaches_articles_but_not_users(editor_client, url, status):
    assert editor_client.get(reverse(url)).status_code == status


def test_article_list_shows_status_section_time_and_byline(editor_client, section):
    story = ArticleFactory(section=section, title="Bài danh sách")
    BylineFactory(article=story, author=AuthorFactory(name="Lê Thu"))
    ArticleFactory(section=section, title="Bài hẹn", scheduled=True)

    html = editor_client.get(reverse("admin:articles_article_changelist")).content.decode()

    assert "Bài danh sách" in html
    assert "Đang đăng" in html and "Đã duyệt" in html
    assert "Hẹn giờ" in html
    assert "Lê Thu" in html
    assert section.name in html


def test_article_list_query_count_does_not_grow_with_bylines(
    editor_client, section, django_assert_max_num_queries
):
    for _ in range(30):
        BylineFactory(article=ArticleFactory(section=section), author=AuthorFactory())

    with django_assert_max_num_queries(20):
        editor_client.get(reverse("admin:articles_article_changelist"))


def test_article_list_search_and_filter(editor_client, section):
    ArticleFactory(section=section, title="Cà phê Đăk Hà")
    ArticleFactory(section=section, title="Cao su Sa Thầy", draft=True)
    url = reverse("admin:articles_article_changelist")

    assert "Cà phê Đăk Hà" in editor_client.get(url, {"q": "Cà phê"}).content.decode()
    drafts = editor_client.get(url, {"publication": "draft"}).content.decode()
    assert "Cao su Sa Thầy" in drafts and "Cà phê Đăk Hà" not in drafts
    writing = editor_client.get(url, {"review_state__exact": "writing"}).content.decode()
    assert "Cao su Sa Thầy" in writing and "Cà phê Đăk Hà" not in writing


def test_publish_action_publishes_approved_drafts_and_scheduled_now(editor_client, client, section):
    draft = ArticleFactory(section=section, draft=True, review_state=Article.Review.APPROVED)
    unreviewed = ArticleFactory(section=section, draft=True, title="Chưa duyệt")
    scheduled = ArticleFactory(section=section, scheduled=True)
    earlier = timezone.now() - timedelta(days=3)
    old = ArticleFactory(section=section, publish_at=earlier)
    stories = [draft, unreviewed, scheduled, old]

    response = editor_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish", "_selected_action": [s.pk for s in stories]},
        follow=True,
    )

    for story in (draft, scheduled):
        assert client.get(story.get_absolute_url()).status_code == 200
    assert client.get(unreviewed.get_absolute_url()).status_code == 404
    html = response.content.decode()
    assert "Chưa duyệt" in html and "Đang viết" in html  # refused, and why
    old.refresh_from_db()
    assert old.publish_at == earlier  # already public: left as it was


def test_unpublish_action_takes_stories_off_the_site(chief_client, client, article):
    chief_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "unpublish", "_selected_action": [article.pk]},
    )

    assert client.get(article.get_absolute_url()).status_code == 410
    assert Article.objects.get().status == Article.Status.UNPUBLISHED


def test_editors_may_not_unpublish(editor_client, client, article):
    html = editor_client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert 'value="unpublish"' not in html

    editor_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "unpublish", "_selected_action": [article.pk]},
    )

    assert client.get(article.get_absolute_url()).status_code == 200


def test_actions_are_hidden_from_users_who_may_only_view(client, article):
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(
        *Group.objects.get(name="Biên tập viên").permissions.filter(codename="view_article")
    )
    client.force_login(viewer)

    html = client.get(reverse("admin:articles_article_changelist")).content.decode()

    assert 'value="publish"' not in html
    assert 'value="unpublish"' not in html


def test_view_on_site_previews_a_draft_for_staff_and_404s_for_readers(
    editor_client, client, section
):
    draft = ArticleFactory(section=section, draft=True)
    content_type = ContentType.objects.get_for_model(Article)
    shortcut = reverse("admin:view_on_site", args=[content_type.pk, draft.pk])

    change_page = editor_client.get(reverse("admin:articles_article_change", args=[draft.pk]))
    assert shortcut in change_page.content.decode()

    response = editor_client.get(shortcut)
    assert response.status_code == 302
    assert response["Location"].endswith(draft.get_absolute_url())
    assert editor_client.get(draft.get_absolute_url()).status_code == 200
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_admin_pages_are_never_cached(editor_client):
    response = editor_client.get(reverse("admin:articles_article_changelist"))

    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_editor_adds_an_author_without_seeing_user_accounts(editor_client):
    response = editor_client.get(reverse("admin:articles_author_add"))
    assert response.status_code == 200
    assert 'name="user"' not in response.content.decode()

    response = editor_client.post(
        reverse("admin:articles_author_add"), {"name": "Đinh Thị Lan", "slug": "", "bio": ""}
    )

    assert response.status_code == 302
    assert Author.objects.get().slug == "dinh-thi-lan"
