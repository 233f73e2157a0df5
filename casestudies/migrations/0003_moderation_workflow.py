"""The "Moderators" group and the contributions workflow (one group approval task for
them), assigned to the case study index page when it exists. A site whose index is made
later gets the assignment from `contributions.workflow.moderation_workflow`."""

from django.db import migrations

WORKFLOW_NAME = "Contributions"
MODERATORS = "Moderators"
TASK_NAME = "Review by a moderator"


def create(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    CaseStudyIndexPage = apps.get_model("casestudies", "CaseStudyIndexPage")

    moderators, _ = Group.objects.get_or_create(name=MODERATORS)
    admin_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access, _ = Permission.objects.get_or_create(
        content_type=admin_type, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    moderators.permissions.add(access)

    task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME, content_type=task_type, active=True)
    task.groups.add(moderators)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})

    index = CaseStudyIndexPage.objects.order_by("path").first()
    if index is not None:
        WorkflowPage.objects.get_or_create(page_id=index.pk, defaults={"workflow": workflow})
        page_type = ContentType.objects.get(app_label="wagtailcore", model="page")
        for codename in ("add_page", "change_page", "publish_page"):
            permission = Permission.objects.filter(content_type=page_type, codename=codename).first()
            if permission is not None:
                GroupPagePermission.objects.get_or_create(
                    group=moderators, page_id=index.pk, permission=permission
                )


def remove(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Workflow.objects.filter(name=WORKFLOW_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("casestudies", "0002_contributions"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create, remove)]
