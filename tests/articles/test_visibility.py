"""Drafts and scheduled stories: invisible to readers, previewable by editors, never cached."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import ArticleFactory, TagFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden_stories(section):
    tag = TagFactory(name="Ẩn")
    return [
        ArticleFactory(section=section, title="Bản nháp bí mật", draft=True, tags=[tag]),
        ArticleFactory(section=section, title="Bài hẹn giờ ngày mai", scheduled=True, tags=[tag]),
    ]


@pytest.mark.parametrize("which", [0, 1], ids=["draft", "scheduled"])
def test_draft_and_scheduled_stories_are_404_for_readers(client, hidden_stories, which):
    response = client.get(hidden_stories[which].get_absolute_url())

    assert response.status_code == 404


def test_logged_in_user_without_change_permission_gets_404(client, hidden_stories):
    client.force_login(UserFactory(is_staff=True))

    assert client.get(hidden_stories[0].get_absolute_url()).status_code == 404


@pytest.mark.parametrize("which", [0, 1], ids=["draft", "scheduled"])
def test_editor_previews_hidden_story_and_response_is_never_cached(
    editor_client, hidden_stories, which
):
    response = editor_client.get(hidden_stories[which].get_absolute_url())

    assert response.status_code == 200
    assert "Bản xem trước" in response.content.decode()
    assert "no-cache" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()


def test_published_story_is_not_marked_preview(editor_client, article):
    response = editor_client.get(article.get_absolute_url())

    assert "Bản xem trước" not in response.content.decode()


def test_scheduled_story_appears_by_itself_when_its_time_comes(client, section):
    story = ArticleFactory(section=section, title="Tin hẹn giờ", scheduled=True)
    assert client.get(story.get_absolute_url()).status_code == 404

    type(story).objects.filter(pk=story.pk).update(publish_at=timezone.now() - timedelta(seconds=1))

    assert client.get(story.get_absolute_url()).status_code == 200
    assert "Tin hẹn giờ" in client.get(reverse("articles:home")).content.decode()


def test_hidden_stories_appear_on_no_public_list(client, section, hidden_stories):
    ArticleFactory(section=section, title="Bài công khai")
    urls = [
        reverse("articles:home"),
        section.get_absolute_url(),
        hidden_stories[0].tags.first().get_absolute_url(),
        reverse("articles:search") + "?q=bai",
        reverse("articles:feed"),
        reverse("articles:section_feed", kwargs={"slug": section.slug}),
        reverse("sitemap"),
    ]
    for url in urls:
        body = client.get(url).content.decode()
        for story in hidden_stories:
            assert story.title not in body, url
            assert story.slug not in body, url


def test_search_finds_hidden_stories_for_nobody(editor_client, hidden_stories):
    body = editor_client.get(reverse("articles:search"), {"q": "bí mật"}).content.decode()

    assert "Bản nháp bí mật" not in body
