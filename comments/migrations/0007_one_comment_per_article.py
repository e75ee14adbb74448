from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_postgres_search"),
        ("comments", "0006_fill_fingerprints"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="comment",
            constraint=models.UniqueConstraint(
                fields=("article", "fingerprint"), name="comment_once_per_article"
            ),
        ),
        # The duplicate check no longer queries by (article, email) before each insert.
        migrations.RemoveIndex(model_name="comment", name="comment_article_email_idx"),
    ]
