from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0006_fill_fingerprints"),
    ]

    operations = [
        # The duplicate check no longer queries by (article, email).
        migrations.RemoveIndex(model_name="comment", name="comment_article_email_idx"),
        # A partial unique index: small, and on SQLite built without rebuilding the table.
        migrations.AddConstraint(
            model_name="comment",
            constraint=models.UniqueConstraint(
                condition=models.Q(fingerprint__isnull=False),
                fields=("article", "fingerprint"),
                name="comment_once_per_article",
            ),
        ),
    ]
