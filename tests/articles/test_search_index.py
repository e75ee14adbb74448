"""The search index follows every write to the stories (the database's triggers): a save, a
bulk update, a delete, a flush; a bulk load builds it once at the end; a rebuild gives the
same index. On SQLite (FTS5) and on PostgreSQL (tsvectors) alike."""

import importlib

import pytest
from django.apps import apps
from django.db import connection
from django.urls import reverse

from articles import search
from articles.models import Article
from articles.text import index_text
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def found(client, q):
    html = client.get(reverse("articles:search"), {"q": q}).content.decode()
    return html.count('<h2 class="card-title">')


def indexed():
    """The story ids in the index."""
    column = "article_id" if connection.vendor == "postgresql" else "rowid"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {search.INDEX}")
        return sorted(row[0] for row in cursor.fetchall())


def every_story():
    return sorted(Article.objects.values_list("pk", flat=True))


def test_a_saved_story_is_found_by_its_new_words_and_no_longer_by_its_old(client, section):
    story = ArticleFactory(section=section, title="Khai mạc hội chợ nông sản")
    assert found(client, "hoi cho") == 1

    story.title = "Bế mạc lễ hội cồng chiêng"
    story.save()

    assert found(client, "hoi cho") == 0
    assert found(client, "cong chieng") == 1


def test_a_bulk_update_of_the_search_text_is_indexed(client, section):
    story = ArticleFactory(section=section, title="Tin ngắn")

    Article.objects.filter(pk=story.pk).update(
        search_text=index_text("Tin ngắn", "", "Lời thoại: mùa thu hoạch sâm")
    )

    assert found(client, "thu hoach sam") == 1


def test_deleted_stories_leave_the_index(section):
    kept, gone = ArticleFactory.create_batch(2, section=section)

    gone.delete()

    assert indexed() == [kept.pk] == every_story()


def test_every_story_is_indexed_whatever_its_state_and_published_decides(client, section):
    ArticleFactory(section=section, title="Kế hoạch bảo vệ rừng", draft=True)

    assert indexed() == every_story()
    assert found(client, "bao ve rung") == 0


def test_a_rebuild_gives_the_index_the_triggers_kept(client, section):
    stories = ArticleFactory.create_batch(3, section=section, title="Giá cao su tăng")
    stories[0].delete()
    Article.objects.filter(pk=stories[1].pk).update(search_text=index_text("Mưa đá", "", ""))

    before = indexed(), found(client, "cao su"), found(client, "mua da")
    search.rebuild(connection)

    assert (
        (indexed(), found(client, "cao su"), found(client, "mua da"))
        == before
        == (
            every_story(),
            1,
            1,
        )
    )


def test_a_bulk_load_is_indexed_once_at_the_end(client, section):
    with search.bulk_load(connection):
        Article.objects.bulk_create(
            Article(
                title=f"Đêm nhạc Măng Đen {n}",
                slug=f"dem-nhac-{n}",
                section=section,
                status=Article.Status.PUBLISHED,
                search_text=index_text(f"Đêm nhạc Măng Đen {n}", "", ""),
            )
            for n in range(3)
        )
        assert indexed() == []

    assert found(client, "mang den") == 3
    story = Article.objects.first()
    story.title = "Đêm thơ"
    story.save()  # the triggers are back
    assert found(client, "mang den") == 2


def test_a_search_text_without_parts_is_all_body(client, section):
    story = ArticleFactory(section=section, title="Tin vắn")

    Article.objects.filter(pk=story.pk).update(search_text=" thong bao lich cat dien ")

    assert found(client, "lich cat dien") == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE is PostgreSQL's flush")
def test_truncating_the_stories_empties_the_index(section):
    ArticleFactory.create_batch(2, section=section)

    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the rows' own checks, done first
        cursor.execute("TRUNCATE articles_article CASCADE")

    assert indexed() == []


def test_the_migration_rewrites_old_search_texts_by_part(section):
    migration = importlib.import_module("articles.migrations.0014_search_index")
    story = ArticleFactory(section=section, title="Đảng bộ", standfirst="Sapo", body="<p>Bài</p>")
    Article.objects.filter(pk=story.pk).update(search_text=" dang bo sapo bai ")

    migration.rewrite_search_text(migration.by_part)(apps, None)

    story.refresh_from_db()
    assert story.search_text == "dang bo\nsapo\nbai"
