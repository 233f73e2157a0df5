"""A digest's items move from one `DigestItem` row each onto the digest's `Delivery`.

Every item sent is kept: each goes onto the delivery of the digest that carried it (the
subscriber's last digest delivery claimed no later than the item, which the same claim
wrote), so the next digests still leave it out."""

import bisect
import datetime
from itertools import groupby

from django.db import migrations, models

SAME_CLAIM = datetime.timedelta(minutes=1)  # an item and its delivery: one claim, moments apart


def items_onto_deliveries(apps, schema_editor):
    DigestItem = apps.get_model("newsletter", "DigestItem")
    Delivery = apps.get_model("newsletter", "Delivery")
    rows = DigestItem.objects.order_by("subscriber_id", "sent_at").values_list(
        "subscriber_id", "doc_id", "sent_at"
    )
    for subscriber_id, items in groupby(rows.iterator(), key=lambda row: row[0]):
        deliveries = list(
            Delivery.objects.filter(subscriber_id=subscriber_id, send__kind="digest").order_by(
                "sent_at", "pk"
            )
        )
        if not deliveries:
            continue
        times = [delivery.sent_at for delivery in deliveries]
        for _, doc_id, sent_at in items:
            at = max(0, bisect.bisect_right(times, sent_at + SAME_CLAIM) - 1)
            deliveries[at].items.append(doc_id)
        Delivery.objects.bulk_update([d for d in deliveries if d.items], ["items"])


class Migration(migrations.Migration):
    dependencies = [
        ("newsletter", "0002_newsletter_issues_and_sends"),
    ]

    operations = [
        migrations.AddField(
            model_name="delivery",
            name="items",
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.RunPython(items_onto_deliveries, migrations.RunPython.noop, elidable=True),
        migrations.DeleteModel(
            name="DigestItem",
        ),
    ]
