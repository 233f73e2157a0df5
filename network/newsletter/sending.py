"""The one path every list email takes, digests and newsletter issues alike: claim a
batch, hand it to the email backend, record what happened.

A batch's `Delivery` rows (and a digest's `DigestItem` rows) are written and committed
in one transaction *before* its emails are handed over, and the unique constraints on
them make a second claim of the same email impossible. So a second run, a second click
or two workers at once can never send anyone the same issue or item twice. If the
backend fails midway, the claims of the emails it did not take are released, so a
rerun resumes with exactly those people. Only a process killed while handing a batch
over leaves claims for emails that may not have gone: those people miss that one
email, rather than receive it twice.

One transaction and two statements a batch (not a digest) is what lets a run hand over
a thousand digests a second.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import connection as db_connection
from django.db import transaction
from django.db.models import F

from .models import Delivery, DigestItem, Send

BATCH = 250


@dataclass
class Outgoing:
    """One email to one subscriber, with the documents it lists (digests only)."""

    subscriber_id: int
    message: object  # an EmailMessage
    items: Sequence[str] = field(default_factory=tuple)


def deliver(send: Send, batch: list[Outgoing], connection) -> list[Outgoing]:
    """Claim the batch, hand what was claimed to the backend one email at a time, and
    release the claims of what it did not take. Returns the emails sent."""
    claimed = _claim(send, batch)
    sent: list[Outgoing] = []
    try:
        for outgoing in claimed:
            connection.send_messages([outgoing.message])
            sent.append(outgoing)
    finally:
        if len(sent) < len(claimed):
            _release(send, claimed[len(sent) :])
        if sent:
            Send.objects.filter(pk=send.pk).update(
                sent=F("sent") + len(sent), items=F("items") + sum(len(o.items) for o in sent)
            )
    return sent


def _claim(send: Send, batch: list[Outgoing]) -> list[Outgoing]:
    with transaction.atomic():
        ids = _insert_deliveries(send, [o.subscriber_id for o in batch])
        claimed = [o for o in batch if o.subscriber_id in ids]
        _insert_items(claimed)
    return claimed


def _insert_deliveries(send: Send, subscriber_ids: list[int]) -> set[int]:
    """Write a delivery for each subscriber not yet sent this send; the ones written."""
    if db_connection.vendor == "postgresql":
        with db_connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {Delivery._meta.db_table} "
                "(send_id, subscriber_id, sent_at, outcome) "
                "SELECT %s, unnest(%s::bigint[]), now(), '' "
                "ON CONFLICT DO NOTHING RETURNING subscriber_id",
                [send.pk, subscriber_ids],
            )
            return {row[0] for row in cursor.fetchall()}
    done = set(
        Delivery.objects.filter(send=send, subscriber_id__in=subscriber_ids).values_list(
            "subscriber_id", flat=True
        )
    )
    new = [pk for pk in subscriber_ids if pk not in done]
    Delivery.objects.bulk_create(Delivery(send=send, subscriber_id=pk) for pk in new)
    return set(new)


def _insert_items(claimed: list[Outgoing]) -> None:
    """A digest's items, one statement for the batch; a repeat breaks the unique
    constraint, which rolls the whole claim back: nothing of the batch is sent."""
    subscriber_ids = [o.subscriber_id for o in claimed for _ in o.items]
    if not subscriber_ids:
        return
    doc_ids = [doc_id for o in claimed for doc_id in o.items]
    if db_connection.vendor == "postgresql":
        table = DigestItem._meta.db_table
        with db_connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (subscriber_id, doc_id, sent_at) "
                "SELECT unnest(%s::bigint[]), unnest(%s::text[]), now()",
                [subscriber_ids, doc_ids],
            )
        return
    pairs = zip(subscriber_ids, doc_ids, strict=True)
    DigestItem.objects.bulk_create(
        (DigestItem(subscriber_id=s, doc_id=d) for s, d in pairs), batch_size=500
    )


def _release(send: Send, unsent: list[Outgoing]) -> None:
    """Undo the claims of emails the backend did not take (a rare path: one statement
    a person is fine)."""
    with transaction.atomic():
        for outgoing in unsent:
            if outgoing.items:
                DigestItem.objects.filter(
                    subscriber_id=outgoing.subscriber_id, doc_id__in=outgoing.items
                ).delete()
        Delivery.objects.filter(
            send=send, subscriber_id__in=[o.subscriber_id for o in unsent]
        ).delete()


def record_leaving(subscriber_id: int, outcome: str) -> None:
    """A person left: mark the delivery of the last email they had, so that its send
    counts them as bounced or unsubscribed afterwards."""
    last = Delivery.objects.filter(subscriber_id=subscriber_id).order_by("-sent_at", "-pk")
    Delivery.objects.filter(pk__in=last.values("pk")[:1]).update(outcome=outcome)
