"""Data migrations keep what people had: every digest item a person was sent moves onto
its delivery; everyone confirmed before the newsletter became a choice of its own keeps
getting it."""

import datetime

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("newsletter", "0002_newsletter_issues_and_sends")]
AFTER = [("newsletter", "0003_digest_items_on_deliveries")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_each_item_goes_onto_the_delivery_of_the_digest_that_carried_it(transactional_db):
    apps = migrate(BEFORE)
    try:
        Subscriber = apps.get_model("newsletter", "Subscriber")
        Send = apps.get_model("newsletter", "Send")
        Delivery = apps.get_model("newsletter", "Delivery")
        DigestItem = apps.get_model("newsletter", "DigestItem")
        reader = Subscriber.objects.create(email="reader@example.org", status="confirmed")
        now = timezone.now()
        days = {}
        for day in (2, 1):
            send = Send.objects.create(kind="digest", frequency="daily")
            delivery = Delivery.objects.create(send=send, subscriber=reader)
            at = now - datetime.timedelta(days=day)
            Delivery.objects.filter(pk=delivery.pk).update(sent_at=at)
            days[day] = delivery.pk
            for n in range(2):
                item = DigestItem.objects.create(subscriber=reader, doc_id=f"case_study:{day}{n}")
                DigestItem.objects.filter(pk=item.pk).update(sent_at=at)

        apps = migrate(AFTER)

        Delivery = apps.get_model("newsletter", "Delivery")
        items = dict(Delivery.objects.values_list("pk", "items"))
        assert items == {
            days[2]: ["case_study:20", "case_study:21"],
            days[1]: ["case_study:10", "case_study:11"],
        }
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_subscribers_confirmed_before_the_newsletter_was_a_choice_keep_getting_it(
    transactional_db,
):
    apps = migrate([("newsletter", "0006_delivery_sent_once_taken")])
    try:
        Subscriber = apps.get_model("newsletter", "Subscriber")
        for status in ("confirmed", "pending", "unsubscribed", "bounced"):
            Subscriber.objects.create(email=f"{status}@example.org", status=status)

        apps = migrate([("newsletter", "0007_newsletter_consent_apart")])

        Subscriber = apps.get_model("newsletter", "Subscriber")
        readers = Subscriber.objects.filter(newsletter=True).values_list("email", flat=True)
        assert list(readers) == ["confirmed@example.org"]
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
