"""The "Content editor" group: staff in it edit the career content in the admin
and nothing else. It holds the add, change, delete and view permissions of the
content models (careers, and the plans' suggested networking steps and
targets), and none on people's data: users, plans, progress rows, portfolio
cases, networking logs, assessment results, email addresses or profiles.

An editor is a staff account (Staff status ticked, no superuser status) in
this group. Permissions are created here, since Django only creates them
after all migrations have run."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Content editor"
CONTENT = {
    "careers": [
        "track",
        "responsibility",
        "skill",
        "role",
        "course",
        "industry",
        "background",
        "workenvironment",
        "firststep",
        "habit",
        "entryroute",
        "contentblock",
        "question",
        "answeroption",
        "optionweight",
    ],
    "plans": ["suggestedstep", "target"],
}
# The one row of assessment settings is edited, never added or deleted.
SETTINGS = {"careers": {"assessmentsettings": ["change", "view"]}}
ACTIONS = ["add", "change", "delete", "view"]


def wanted() -> list[tuple[str, str]]:
    """(app label, codename) of every permission the group holds."""
    perms = [(app, f"{action}_{model}") for app, models in CONTENT.items() for model in models for action in ACTIONS]
    perms += [
        (app, f"{action}_{model}")
        for app, models in SETTINGS.items()
        for model, actions in models.items()
        for action in actions
    ]
    return perms


def create_group(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP)
    permissions = []
    for app_label, codename in wanted():
        permissions.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    group.permissions.set(permissions)


def delete_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("careers", "0008_course_facts"),
        ("plans", "0001_initial"),  # the suggested steps and targets
    ]

    operations = [migrations.RunPython(create_group, delete_group)]
