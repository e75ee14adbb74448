from django.contrib.auth.management import create_permissions
from django.db import migrations

# View and change comments (moderating is changing), and keep the disallowed-words list.
PERMISSIONS = [
    ("comment", "view"),
    ("comment", "change"),
    ("disallowedword", "view"),
    ("disallowedword", "add"),
    ("disallowedword", "change"),
    ("disallowedword", "delete"),
]


def create_moderators(apps, schema_editor):
    app_config = apps.get_app_config("comments")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    codenames = [f"{action}_{model}" for model, action in PERMISSIONS]
    moderators.permissions.set(
        Permission.objects.filter(content_type__app_label="comments", codename__in=codenames)
    )


def remove_moderators(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Moderators").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_moderators, remove_moderators)]
