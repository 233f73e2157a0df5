"""Wagtail's "Editors" group may see the search insights and manage promoted results.
Other groups get the permissions in Settings → Groups."""

from django.db import migrations

CODENAMES = {
    "loggedsearch": {"view_search_insights": "Can see search insights"},
    "promotedquery": {
        "add_promotedquery": "Can add promoted result",
        "change_promotedquery": "Can change promoted result",
        "delete_promotedquery": "Can delete promoted result",
        "view_promotedquery": "Can view promoted result",
    },
}


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    editors = Group.objects.filter(name="Editors").first()
    if editors is None:
        return
    for model, permissions in CODENAMES.items():
        content_type, _ = ContentType.objects.get_or_create(app_label="search", model=model)
        for codename, name in permissions.items():
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type, codename=codename, defaults={"name": name}
            )
            editors.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0004_search_insights_and_promotions"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
