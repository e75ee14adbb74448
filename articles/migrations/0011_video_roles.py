"""Every role of the newsroom may attach videos and caption tracks (to the stories it may
edit: `articles.admin_video` checks that); deleting a video stays with editors."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

WRITE = [
    "add_video",
    "change_video",
    "view_video",
    "add_captiontrack",
    "change_captiontrack",
    "delete_captiontrack",
    "view_captiontrack",
]
ROLES = {"Phóng viên": WRITE, "Biên tập viên": WRITE + ["delete_video"]}
ROLES["Tổng biên tập"] = ROLES["Biên tập viên"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="articles", codename__in=codenames)
        )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=ROLES):
        group.permissions.remove(
            *Permission.objects.filter(content_type__model__in=["video", "captiontrack"])
        )


class Migration(migrations.Migration):
    dependencies = [("articles", "0010_video")]

    operations = [migrations.RunPython(grant, revoke)]
