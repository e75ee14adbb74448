import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

from articles.models import Article, Author, Section, Tag, Video
from tests.clips import require_ffmpeg

pytestmark = pytest.mark.django_db


def counts():
    return (
        Section.objects.count(),
        Author.objects.count(),
        Tag.objects.count(),
        Article.objects.count(),
        Article.objects.published().count(),
        get_user_model().objects.count(),
    )


def test_seed_demo_loads_content_and_accounts_once(settings, capsys):
    settings.DEBUG = True

    call_command("seed_demo")
    first = counts()
    call_command("seed_demo")

    assert counts() == first
    sections, authors, _tags, stories, published, users = first
    assert sections >= 5 and authors >= 3
    assert stories >= 30 and published < stories  # drafts and a scheduled story too
    assert Article.objects.filter(status="draft").exists()
    assert (
        Article.objects.filter(status="published")
        .exclude(pk__in=Article.objects.published())
        .exists()
    )
    assert Article.objects.exclude(image="").first().image_renditions
    out = capsys.readouterr().out
    roles = {
        "phongvien": "Phóng viên",
        "bientap": "Biên tập viên",
        "tongbientap": "Tổng biên tập",
        "kiemduyet": "Moderators",
    }
    assert "admin" in out
    user_model = get_user_model()
    for username, group in roles.items():
        assert username in out
        assert user_model.objects.get(username=username).groups.filter(name=group).exists()
    assert users == 5
    live = Article.objects.published()
    assert not live.exclude(review_state=Article.Review.APPROVED).exists()
    assert not Article.objects.filter(revisions=None).exists()  # each story has its history


def test_seed_demo_refuses_without_debug(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")

    assert not get_user_model().objects.exists()


def test_demo_home_and_story_pages_render(client, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    settings.DEBUG = False

    assert client.get("/").status_code == 200
    for story in Article.objects.published()[:5]:
        assert client.get(story.get_absolute_url()).status_code == 200


def test_demo_video_story_is_encoded_and_its_captions_are_searchable(
    client, settings, django_capture_on_commit_callbacks
):
    require_ffmpeg()
    settings.DEBUG = True
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo")

    video = Video.objects.select_related("article").get()
    assert video.state == Video.State.READY, video.failure
    watch = client.get(reverse("articles:watch", kwargs={"slug": video.article.slug}))
    assert watch.status_code == 200 and "<video" in watch.content.decode()
    found = client.get(reverse("articles:search"), {"q": "homestay ven rung thong"})
    assert video.article.title in found.content.decode()
