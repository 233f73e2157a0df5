"""The one path every list email takes, digests and newsletter issues alike: claim a
batch, hand each email to the email backend, mark each one sent as the backend takes it.

A batch's `Delivery` rows, a digest's with the documents it lists, are written and
committed in one statement *before* its emails are handed over, with no `sent_at`; their
unique constraint makes a second claim of the same email impossible, so a second run, a
second click or two workers at once can never both send it. Once the backend has taken
an email, one statement marks its delivery sent and adds it to its send's counts: the
counts are true whenever the process stops. If the backend refuses an email, the claims
of the batch's emails not yet sent are released at once.

A process killed midway leaves claims that were never marked. Every run holds a lock
(one for all digests, one per issue), so the next run to get it knows their run is dead:
`release_unsent` deletes them, and that run sends those people their email as if it had
never been tried. Only a kill in the instant between the backend taking an email and its
mark being written can still go wrong, and then the other way: that one person gets that
email twice (and the items it listed may come again). No one is missed.

One statement a batch for the claims, and one row a digest (not an item), is what lets a
run hand over a thousand digests a second; each mark is one more statement, not a
transaction of several.
"""

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import connection as db_connection
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from .models import Delivery, Send

logger = logging.getLogger(__name__)
BATCH = 250


@dataclass
class Outgoing:
    """One email to one subscriber, with the documents it lists (digests only)."""

    subscriber_id: int
    message: object  # an EmailMessage
    items: Sequence[str] = field(default_factory=tuple)


def deliver(send: Send, batch: list[Outgoing], connection) -> list[Outgoing]:
    """Claim the batch, hand what was claimed to the backend one email at a time, marking
    each sent as it is taken, and release the claims of what it did not take. Returns the
    emails sent."""
    claimed = _claim(send, batch)
    sent: list[Outgoing] = []
    try:
        for outgoing in claimed:
            connection.send_messages([outgoing.message])
            _mark_sent(send, outgoing)
            sent.append(outgoing)
    finally:
        if len(sent) < len(claimed):
            _release(send, claimed[len(sent) :])
    return sent


def release_unsent(sends: QuerySet) -> int:
    """Delete the claims of these sends that were never marked sent, so that this run
    sends them again. Only for a caller holding the lock every run of these sends holds:
    then no live run owns such a claim. Returns how many there were."""
    released, _ = Delivery.objects.filter(send__in=sends, sent_at=None).delete()
    if released:
        logger.warning("Released %s claims left unsent by a run that stopped.", released)
    return released


def _claim(send: Send, batch: list[Outgoing]) -> list[Outgoing]:
    """Write a delivery for each email whose person has none yet this send; the emails
    whose deliveries were written."""
    if db_connection.vendor == "postgresql":
        with db_connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {Delivery._meta.db_table} "
                "(send_id, subscriber_id, items, outcome) "
                "SELECT %s, unnest(%s::bigint[]), unnest(%s::jsonb[]), '' "
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


def _mark_sent(send: Send, outgoing: Outgoing) -> None:
    """The backend took this email: mark its delivery sent and count it (and its items)
    on the send, together, so that neither can be written without the other."""
    if db_connection.vendor == "postgresql":
        with db_connection.cursor() as cursor:
            cursor.execute(
                f"WITH marked AS (UPDATE {Delivery._meta.db_table} SET sent_at = now() "  # noqa: S608
                "WHERE send_id = %s AND subscriber_id = %s AND sent_at IS NULL RETURNING 1) "
                f"UPDATE {Send._meta.db_table} SET sent = sent + 1, items = items + %s "
                "WHERE id = %s AND EXISTS (SELECT FROM marked)",
                [send.pk, outgoing.subscriber_id, len(outgoing.items), send.pk],
            )
        return
    with transaction.atomic():
        marked = Delivery.objects.filter(
            send=send, subscriber_id=outgoing.subscriber_id, sent_at=None
        ).update(sent_at=timezone.now())
        Send.objects.filter(pk=send.pk).update(
            sent=F("sent") + marked, items=F("items") + marked * len(outgoing.items)
        )


def _release(send: Send, unsent: list[Outgoing]) -> None:
    """Undo the claims of emails the backend did not take, their items with them."""
    Delivery.objects.filter(send=send, subscriber_id__in=[o.subscriber_id for o in unsent]).delete()


def record_leaving(subscriber_id: int, outcome: str) -> None:
    """A person left: mark the delivery of the last email they had, so that its send
    counts them as bounced or unsubscribed afterwards."""
    last = Delivery.objects.filter(subscriber_id=subscriber_id, sent_at__isnull=False)
    last = last.order_by("-sent_at", "-pk")
    Delivery.objects.filter(pk__in=last.values("pk")[:1]).update(outcome=outcome)
