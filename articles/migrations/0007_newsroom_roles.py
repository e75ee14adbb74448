"""The newsroom's three roles, with Vietnamese names, and a review state for every story.

"Editors" becomes "Biên tập viên"; "Phóng viên" (reporters) and "Tổng biên tập" (the
editor-in-chief) are new. What each may do beyond permissions (their own stories, their
sections) is enforced by `articles.review`.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

READ = ["view_section", "view_tag", "view_author", "view_revision", "view_auditentry"]
REPORTER = READ + [
    "add_article",
    "change_article",
    "view_article",
    "add_byline",
    "change_byline",
    "delete_byline",
    "view_byline",
]
EDITOR_EXTRA = ["review_article", "add_correction", "view_correction"]
CHIEF_EXTRA = ["oversee_article"]




def set_up_roles(apps, schema_editor):
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    articles = Permission.objects.filter(content_type__app_label="articles")

    editors = Group.objects.filter(name="Editors").first() or Group(name="Biên tập viên")
    editors.name = "Biên tập viên"
    editors.save()
    editors.permissions.add(*articles.filter(codename__in=EDITOR_EXTRA + READ))
    reporters, _ = Group.objects.get_or_create(name="Phóng viên")
    reporters.permissions.set(articles.filter(codename__in=REPORTER))
    chief, _ = Group.objects.get_or_create(name="Tổng biên tập")
    chief.permissions.set(
        list(editors.permissions.all()) + list(articles.filter(codename__in=CHIEF_EXTRA))
    )

    Article = apps.get_model("articles", "Article")
    Article.objects.filter(status="published").update(review_state="approved")


def undo_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=["Phóng viên", "Tổng biên tập"]).delete()
    Group.objects.filter(name="Biên tập viên").update(name="Editors")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_newsroom_desk"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(set_up_roles, undo_roles)]
