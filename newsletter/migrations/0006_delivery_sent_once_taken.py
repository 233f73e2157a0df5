"""A delivery is claimed with no `sent_at` and marked when the email backend takes its
email, so that the next run can find and resend the claims of a run that died midway.
Deliveries already written keep their time: they were counted as sent."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("newsletter", "0005_issue_send_permission"),
    ]

    operations = [
        migrations.AlterField(
            model_name="delivery",
            name="sent_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddIndex(
            model_name="delivery",
            index=models.Index(
                condition=models.Q(("sent_at", None)),
                fields=["send"],
                name="newsletter_delivery_unsent",
            ),
        ),
    ]
