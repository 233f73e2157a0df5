"""Contribution moderators moderate questions and answers too: they get
`questions.moderate_question`, which the questions queue in the admin, the review of a
member's first posts and reports, and the editors' thread tools (lock, move, merge, pin)
check. One group keeps the site civil, whatever members wrote."""

from django.db import migrations

MODERATORS = "Contribution moderators"


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    moderators = Group.objects.filter(name=MODERATORS).first()
    if moderators is None:
        return
    # Made here if `migrate` has not made it yet (it does so once every migration ran).
    content_type, _ = ContentType.objects.get_or_create(app_label="questions", model="question")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="moderate_question",
        defaults={
            "name": "Can moderate questions and answers: review, accept, lock, move, merge, pin"
        },
    )
    moderators.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    moderators = Group.objects.filter(name=MODERATORS).first()
    if moderators is not None:
        moderators.permissions.remove(
            *moderators.permissions.filter(
                content_type__app_label="questions", codename="moderate_question"
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("access", "0002_content_editors_promote_with_wagtail"),
        ("questions", "0002_moderation"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
