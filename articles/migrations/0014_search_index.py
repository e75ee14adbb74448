"""Search over the archive (`articles.search`): each story's search_text becomes its title,
standfirst and body folded, one part a line; then the index and the triggers that keep it:
SQLite's FTS5 or a PostgreSQL table of weighted tsvectors with GIN indexes (by
`schema_editor.connection.vendor`), filled in one statement."""

from django.db import migrations

from articles import search
from articles.text import index_text, plain_text, search_document

BATCH = 500


def spoken_words(apps):
    tracks = apps.get_model("articles", "CaptionTrack").objects
    spoken = {}
    for article_id, transcript in tracks.values_list("video__article_id", "transcript"):
        spoken.setdefault(article_id, []).append(transcript)
    return spoken


def rewrite_search_text(document):
    def rewrite(apps, schema_editor):
        Article = apps.get_model("articles", "Article")
        spoken = spoken_words(apps)
        stories = Article.objects.only("title", "standfirst", "body", "search_text")
        batch = []
        for story in stories.iterator(chunk_size=BATCH):
            story.search_text = document(story, spoken.get(story.pk, []))
            batch.append(story)
            if len(batch) == BATCH:
                Article.objects.bulk_update(batch, ["search_text"])
                batch = []
        Article.objects.bulk_update(batch, ["search_text"])

    return rewrite


def by_part(story, spoken):
    return index_text(story.title, story.standfirst, " ".join([plain_text(story.body), *spoken]))


def as_before(story, spoken):
    return search_document(story.title, story.standfirst, plain_text(story.body), *spoken)


def install(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":  # 0004's index: search has its own
        schema_editor.execute("DROP INDEX IF EXISTS article_search_fts_idx")
    search.install(schema_editor.connection)


def uninstall(apps, schema_editor):
    search.uninstall(schema_editor.connection)
    if schema_editor.connection.vendor == "postgresql":  # 0004's index, over search_text
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS article_search_fts_idx ON articles_article "
            "USING gin (to_tsvector('simple'::regconfig, COALESCE(search_text, '')))"
        )


class Migration(migrations.Migration):
    dependencies = [("articles", "0013_readers_of_the_day")]

    operations = [
        migrations.RunPython(rewrite_search_text(by_part), rewrite_search_text(as_before)),
        migrations.RunPython(install, uninstall),
    ]
