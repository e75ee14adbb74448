"""On PostgreSQL: the unaccent extension and a full-text index over the stories' search text.

SQLite needs neither: there search matches the folded words stored in search_text.
"""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE INDEX IF NOT EXISTS article_search_fts_idx ON articles_article "
    "USING gin (to_tsvector('simple'::regconfig, COALESCE(search_text, '')))",
]
BACKWARD = ["DROP INDEX IF EXISTS article_search_fts_idx"]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("articles", "0003_wordpress_ids")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
