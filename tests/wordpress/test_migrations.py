"""Upgrading moves the WordPress ids that stories and comments used to carry (`wp_id`) into
the wordpress app's tables; downgrading puts them back."""

import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from newsroom.wordpress.models import ImportedComment, ImportedStory
from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory

# The apps' last migrations that still had `wp_id`.
OLD = [("articles", "0004_postgres_search"), ("comments", "0007_one_comment_per_article")]
COPY = importlib.import_module("newsroom.wordpress.migrations.0002_copy_wordpress_ids")


def migrate_to(targets):
    MigrationExecutor(connection).migrate(targets)
    return MigrationExecutor(connection).loader.project_state(OLD).apps


def set_old_ids(old_apps, app, name, ids):
    model = old_apps.get_model(app, name)
    for pk, wp_id in ids.items():
        model.objects.filter(pk=pk).update(wp_id=wp_id)


def old_ids(old_apps, app, name):
    rows = old_apps.get_model(app, name).objects.filter(wp_id__isnull=False)
    return dict(rows.values_list("pk", "wp_id"))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_upgrading_maps_the_old_ids_and_downgrading_puts_them_back(section, monkeypatch):
    monkeypatch.setattr(COPY, "PAGE", 2)  # several pages, the last one short
    stories = ArticleFactory.create_batch(4, section=section)
    comments = CommentFactory.create_batch(6, article=stories[0])
    story_ids = {stories[0].pk: 4, stories[1].pk: 5, stories[2].pk: 7}  # stories[3] is ours
    comment_ids = {c.pk: 100 + n for n, c in enumerate(comments[:5])}
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        old_apps = migrate_to([("wordpress", None)])
        set_old_ids(old_apps, "articles", "Article", story_ids)
        set_old_ids(old_apps, "comments", "Comment", comment_ids)

        migrate_to(latest)

        assert dict(ImportedStory.objects.values_list("article_id", "wp_id")) == story_ids
        assert dict(ImportedComment.objects.values_list("comment_id", "wp_id")) == comment_ids

        old_apps = migrate_to([("wordpress", None)])

        assert old_ids(old_apps, "articles", "Article") == story_ids
        assert old_ids(old_apps, "comments", "Comment") == comment_ids
    finally:
        migrate_to(latest)
