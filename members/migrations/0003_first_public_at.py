"""`Profile.first_public_at`: when everyone could first see a profile. For the profiles
already public, when they were made: the date their search documents carried until now,
so that no alert announces them again."""

from django.db import migrations, models


def public_since_made(apps, schema_editor):
    Profile = apps.get_model("members", "Profile")
    Profile.objects.filter(visibility="public").update(first_public_at=models.F("created_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0002_user_names_from_profiles"),
    ]

    operations = [
        migrations.AddField(
            model_name="profile",
            name="first_public_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(public_since_made, migrations.RunPython.noop, elidable=True),
    ]
