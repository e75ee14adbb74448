"""Who may do what with the new tables.

Moderators see and decide reports and see the comment rules; editors and the editor-in-chief
set the rules, and only the editor-in-chief may make a story's rule looser than its section's
(superusers may do everything). Moderators and the editor-in-chief see the moderation
figures.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODERATORS = [
    "view_commentreport",
    "change_commentreport",
    "view_commentrule",
    "view_moderation_figures",
]
EDITORS = ["view_commentrule", "add_commentrule", "change_commentrule", "delete_commentrule"]
# The editor-in-chief sees the figures, not the comments themselves (emails, addresses).
CHIEF = [*EDITORS, "loosen_commentrule", "view_moderation_figures"]
GROUPS = {"Moderators": MODERATORS, "Biên tập viên": EDITORS, "Tổng biên tập": CHIEF}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("comments")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="comments", codename__in=codenames)
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GROUPS.items():
        if group := Group.objects.filter(name=name).first():
            group.permissions.remove(
                *Permission.objects.filter(
                    content_type__app_label="comments", codename__in=codenames
                )
            )


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0009_likes_reports_rules"),
        ("articles", "0012_story_reads"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
