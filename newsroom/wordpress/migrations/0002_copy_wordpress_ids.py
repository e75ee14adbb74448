"""Copy the WordPress ids that stories and comments used to carry (`wp_id`) into this app's
tables, a page of rows at a time; backwards, copy them back. The next migrations of the
articles and comments apps drop their `wp_id` columns."""

from django.db import migrations

PAGE = 1000
# (app, model, this app's model, its link to the model)
LINKS = [
    ("articles", "Article", "ImportedStory", "article_id"),
    ("comments", "Comment", "ImportedComment", "comment_id"),
]


def pages(queryset, *fields):
    """Lists of (pk, *fields) rows of `queryset`, PAGE at a time, in primary key order."""
    last = 0
    while page := list(
        queryset.filter(pk__gt=last).order_by("pk").values_list("pk", *fields)[:PAGE]
    ):
        yield page
        last = page[-1][0]


def copy_to_this_app(apps, schema_editor):
    db = schema_editor.connection.alias
    for app, name, imported, link in LINKS:
        model, target = apps.get_model(app, name), apps.get_model("wordpress", imported)
        for page in pages(model.objects.using(db).filter(wp_id__isnull=False), "wp_id"):
            rows = [target(wp_id=wp_id, **{link: pk}) for pk, wp_id in page]
            target.objects.using(db).bulk_create(rows)


def copy_back(apps, schema_editor):
    db = schema_editor.connection.alias
    for app, name, imported, link in LINKS:
        model, source = apps.get_model(app, name), apps.get_model("wordpress", imported)
        for page in pages(source.objects.using(db), link, "wp_id"):
            rows = [model(pk=pk, wp_id=wp_id) for _, pk, wp_id in page]
            model.objects.using(db).bulk_update(rows, ["wp_id"])


class Migration(migrations.Migration):
    dependencies = [("wordpress", "0001_initial")]
    # The ids are copied here before the apps drop their columns; the apps' migrations need not
    # know this app exists.
    run_before = [
        ("articles", "0005_remove_article_wp_id"),
        ("comments", "0008_remove_comment_wp_id"),
    ]

    operations = [migrations.RunPython(copy_to_this_app, copy_back)]
