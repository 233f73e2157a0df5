"""The one path every list email takes, digests and newsletter issues alike: claim a
batch, hand it to the email backend, record what happened.

A batch's `Delivery` rows, a digest's with the documents it lists, are written and
committed in one statement *before* its emails are handed over, and their unique
constraint makes a second claim of the same email impossible. So a second run, a second
click or two workers at once can never send anyone the same issue twice, and the next
digest run (one at a time: `digests.LOCK`) leaves out every item a delivery lists. If the
backend fails midway, the claims of the emails it did not take are released, so a
rerun resumes with exactly those people. Only a process killed while handing a batch
over leaves claims for emails that may not have gone: those people miss that one
email, rather than receive it twice.

One statement a batch (not a digest), and one row a digest (not an item), is what lets
a run hand over a thousand digests a second.
"""

import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import connection as db_connection
from django.db import transaction
from django.db.models import F

from .models import Delivery, Send

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
    """Write a delivery for each email whose person has none yet this send; the emails
    whose deliveries were written."""
    if db_connection.vendor == "postgresql":
        with db_connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {Delivery._meta.db_table} "
                "(send_id, subscriber_id, items, sent_at, outcome) "
                "SELECT %s, unnest(%s::bigint[]), unnest(%s::jsonb[]), now(), '' "
                "ON CONFLICT DO NOTHING RETURNING subscriber_id",
                [
                    send.pk,
                    [o.subscriber_id for o in batch],
                    [json.dumps(list(o.items)) for o in batch],
                ],
            )
            ids = {row[0] for row in cursor.fetchall()}
        return [o for o in batch if o.subscriber_id in ids]
    with transaction.atomic():
        done = set(
            Delivery.objects.filter(
                send=send, subscriber_id__in=[o.subscriber_id for o in batch]
            ).values_list("subscriber_id", flat=True)
        )
        claimed = [o for o in batch if o.subscriber_id not in done]
        Delivery.objects.bulk_create(
            Delivery(send=send, subscriber_id=o.subscriber_id, items=list(o.items)) for o in claimed
        )
    return claimed


def _release(send: Send, unsent: list[Outgoing]) -> None:
    """Undo the claims of emails the backend did not take, their items with them."""
    Delivery.objects.filter(send=send, subscriber_id__in=[o.subscriber_id for o in unsent]).delete()


def record_leaving(subscriber_id: int, outcome: str) -> None:
    """A person left: mark the delivery of the last email they had, so that its send
    counts them as bounced or unsubscribed afterwards."""
    last = Delivery.objects.filter(subscriber_id=subscriber_id).order_by("-sent_at", "-pk")
    Delivery.objects.filter(pk__in=last.values("pk")[:1]).update(outcome=outcome)
