"""Fingerprint the comments already stored; of any existing duplicates the oldest keeps it."""

from django.db import migrations

from comments.duplicates import fingerprint

BATCH = 2000


def fill(apps, schema_editor):
    Comment = apps.get_model("comments", "Comment")
    seen, found = set(), []
    rows = Comment.objects.order_by("pk").values_list("pk", "article_id", "email", "body")
    for pk, article_id, email, body in rows.iterator(chunk_size=BATCH):
        value = fingerprint(email, body)
        if (article_id, value) not in seen:
            seen.add((article_id, value))
            found.append(Comment(pk=pk, fingerprint=value))
    # Written after reading: SQLite gives no isolation between queries on one connection.
    Comment.objects.bulk_update(found, ["fingerprint"], batch_size=BATCH)


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0005_comment_fingerprint"),
    ]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
