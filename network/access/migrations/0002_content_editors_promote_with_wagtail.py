"""Content editors manage promoted results in Wagtail's own search promotions (Settings →
Promoted search results) now that search keeps none of its own: they get adding,
changing, deleting and seeing `wagtailsearchpromotions.SearchPromotion`, which Wagtail's
promotion views check, and the permissions of search's removed promoted-result model go
from every group and person (they name a model that no longer exists)."""

from django.db import migrations

EDITORS = "Content editors"
VERBS = ("add", "change", "delete", "view")


def move(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission.objects.filter(
        content_type__app_label="search", codename__endswith="_promotedquery"
    ).delete()
    editors = Group.objects.filter(name=EDITORS).first()
    if editors is None:
        return
    # Made here if `migrate` has not made them yet (it does so once every migration ran).
    content_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailsearchpromotions", model="searchpromotion"
    )
    for verb in VERBS:
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{verb}_searchpromotion",
            defaults={"name": f"Can {verb} search promotion"},
        )
        editors.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("access", "0001_least_privilege_groups"),
        ("search", "0009_promotions_on_wagtails_models"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
    ]

    # Going back leaves the groups as they are: the old permissions name a removed model.
    operations = [migrations.RunPython(move, migrations.RunPython.noop)]
