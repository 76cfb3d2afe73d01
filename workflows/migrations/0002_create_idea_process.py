"""Create the idea process workflow on the idea list, and drop Wagtail's defaults.

The workflow's tasks are acted on by the role groups that accounts'
migration created. Wagtail's own migrations leave a "Moderators approval"
workflow on the root page and the "Moderators" and "Editors" groups with
page permissions over the whole tree; the product's roles replace them, so
they are removed rather than left for someone to join by mistake. News
pages are published by communicators directly, without a workflow.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

IDEA_INDEX_PATH = "000100010001"
WORKFLOW_NAME = "Idéprocessen"

# (model name, task name, groups that act, groups that anchor the plan)
TASKS = [
    ("assessmenttask", "Bedömning", ["Idéambassadörer"], []),
    ("decisionbasistask", "Beslutsunderlag", ["Innovationsgrupp"], []),
    ("managementdecisiontask", "Beslut i ledningsgruppen", ["Ledningsgrupp"], []),
    ("unitdecisiontask", "Beslut av enhetschef", ["Enhetschefer"], []),
    ("plantask", "Genomförandeplan", ["Utförare"], ["Innovationsgrupp"]),
    ("implementationtask", "Genomförande", ["Utförare"], []),
    ("evaluationtask", "Utvärdering", ["Innovationsgrupp"], []),
]
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"
WAGTAIL_DEFAULT_GROUPS = ["Moderators", "Editors"]
CANCEL_PERMISSION = "cancel_idea_process"
CANCEL_GROUPS = ["Innovationsgrupp"]


def create_idea_process(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Group = apps.get_model("auth.Group")
    Page = apps.get_model("wagtailcore.Page")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")

    workflow, _created = Workflow.objects.get_or_create(
        name=WORKFLOW_NAME, defaults={"active": True}
    )
    for position, (model_name, name, groups, anchoring) in enumerate(TASKS):
        model = apps.get_model("workflows", model_name)
        content_type, _created = ContentType.objects.get_or_create(
            app_label="workflows", model=model_name
        )
        task, _created = model.objects.get_or_create(
            name=name, defaults={"content_type": content_type, "active": True}
        )
        task.groups.set(Group.objects.filter(name__in=groups))
        if anchoring:
            task.anchoring_groups.set(Group.objects.filter(name__in=anchoring))
        WorkflowTask.objects.update_or_create(
            workflow=workflow, task_id=task.pk, defaults={"sort_order": position}
        )
    idea_index = Page.objects.get(path=IDEA_INDEX_PATH)
    WorkflowPage.objects.update_or_create(
        page=idea_index, defaults={"workflow": workflow}
    )


def remove_wagtail_defaults(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Task = apps.get_model("wagtailcore.Task")
    Workflow = apps.get_model("wagtailcore.Workflow")

    defaults = Workflow.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW)
    Task.objects.filter(
        name=WAGTAIL_DEFAULT_WORKFLOW, workflow_tasks__workflow__in=defaults
    ).delete()
    defaults.delete()
    Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS, user__isnull=True).delete()


def grant_cancel_permission(apps, schema_editor):
    # Permissions are normally created after all migrations have run.
    create_permissions(global_apps.get_app_config("workflows"), verbosity=0, apps=apps)
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    permission = Permission.objects.get(
        content_type__app_label="workflows", codename=CANCEL_PERMISSION
    )
    for group in Group.objects.filter(name__in=CANCEL_GROUPS):
        group.permissions.add(permission)


def forwards(apps, schema_editor):
    create_idea_process(apps, schema_editor)
    remove_wagtail_defaults(apps, schema_editor)
    grant_cancel_permission(apps, schema_editor)


def backwards(apps, schema_editor):
    # Wagtail's removed defaults are not recreated: they had no members and
    # the roles of accounts' migration replace them.
    Workflow = apps.get_model("wagtailcore.Workflow")
    Task = apps.get_model("wagtailcore.Task")
    Workflow.objects.filter(name=WORKFLOW_NAME).delete()
    Task.objects.filter(name__in=[name for _model, name, _g, _a in TASKS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("workflows", "0001_initial"),
        ("accounts", "0002_create_roles"),
        ("ideapages", "0002_create_site_tree"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
