"""Name every member's account after their profile's display name, so the admin shows
"Sam Patel" rather than the random username; profiles saved from now on keep it so
(signals.py)."""

from django.conf import settings
from django.db import migrations


def name_users(apps, schema_editor):
    Profile = apps.get_model("members", "Profile")
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    for user_id, display_name in Profile.objects.values_list("user_id", "display_name"):
        User.objects.filter(pk=user_id).update(first_name=display_name, last_name="")


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.RunPython(name_users, migrations.RunPython.noop, elidable=True)]
