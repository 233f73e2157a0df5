"""The editors' newsletter becomes a consent of its own. Everyone who confirmed before
agreed to words that included it ("and now and then the editors' newsletter"), so every
confirmed subscriber keeps getting it; their consent record with those words stays as
the record of that agreement."""

from django.db import migrations, models


def keep_existing_readers(apps, schema_editor):
    Subscriber = apps.get_model("newsletter", "Subscriber")
    Subscriber.objects.filter(status="confirmed").update(newsletter=True)


class Migration(migrations.Migration):
    dependencies = [
        ("newsletter", "0006_delivery_sent_once_taken"),
    ]

    operations = [
        migrations.AddField(
            model_name="consent",
            name="purpose",
            field=models.CharField(
                choices=[("alerts", "Email alerts"), ("newsletter", "The editors' newsletter")],
                default="alerts",
                max_length=16,
            ),
        ),
        migrations.AddField(
            model_name="subscriber",
            name="newsletter",
            field=models.BooleanField(default=False, verbose_name="Gets the editors' newsletter"),
        ),
        migrations.RunPython(keep_existing_readers, migrations.RunPython.noop),
    ]
