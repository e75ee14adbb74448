from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0004_duplicate_check_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="comment",
            name="fingerprint",
            field=models.CharField(blank=True, editable=False, max_length=32, null=True),
        ),
    ]
