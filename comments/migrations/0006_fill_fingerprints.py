"""Fingerprint the comments already stored; of any existing duplicates the oldest keeps it."""

import hashlib

from django.db import migrations

BATCH = 2000


def fingerprint(email, body):
    """comments.duplicates.fingerprint as it was when this migration was written."""
    body = body.replace("\r\n", "\n").strip()
    text = f"{email.strip().lower()}\n{body}"
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def fill(apps, schema_editor):
    """A batch of rows at a time, read whole before writing (SQLite gives no isolation
    between a cursor and writes on the same connection)."""
    Comment = apps.get_model("comments", "Comment")
    seen, last = set(), 0
    while True:
        rows = list(
            Comment.objects.filter(pk__gt=last)
            .order_by("pk")
            .values_list("pk", "article_id", "email", "body")[:BATCH]
        )
        if not rows:
            return
        found = []
        for pk, article_id, email, body in rows:
            value = fingerprint(email, body)
            if (article_id, value) not in seen:
                seen.add((article_id, value))
                found.append(Comment(pk=pk, fingerprint=value))
        Comment.objects.bulk_update(found, ["fingerprint"])
        last = rows[-1][0]


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0005_comment_fingerprint"),
    ]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
