"""Leaving: unsubscribing, permanent bounces and complaints end every topic of an
address and its editors' newsletter, with the reason kept on the subscriber and its
consent records; temporary bounces are only counted.

Bounces and complaints arrive through django-anymail's `tracking` signal, from whichever
provider's webhook is configured; `on_tracking` is connected in `signals.py`.
"""

import logging

from django.db import transaction
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone

from . import sending
from .addresses import normalise
from .models import Delivery, Subscriber
from .topics import label

logger = logging.getLogger(__name__)

# anymail's event types that end every subscription of the address.
ENDING_EVENTS = {
    "bounced": "The address bounced permanently.",
    "rejected": "The email service refused to send to the address.",
    "complained": "The recipient reported an email as spam.",
    "unsubscribed": "The recipient unsubscribed through the email service.",
}
TEMPORARY_EVENTS = {"deferred", "autoresponded"}


def end(subscriber: Subscriber, reason: str, status=Subscriber.Status.UNSUBSCRIBED) -> None:
    """End every topic of this subscriber now, keeping why on it and its consents."""
    now = timezone.now()
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        subscriber.subscriptions.all().delete()
        subscriber.newsletter = False
        subscriber.status = status
        subscriber.ended_at = now
        subscriber.ended_reason = reason
        subscriber.save()
        subscriber.consents.filter(withdrawn_at=None).update(
            withdrawn_at=now, withdrawn_reason=reason
        )
        bounced = status == Subscriber.Status.BOUNCED
        outcome = Delivery.Outcome.BOUNCED if bounced else Delivery.Outcome.UNSUBSCRIBED
        sending.record_leaving(subscriber.pk, outcome)


def on_tracking(sender, event, esp_name, **kwargs) -> None:
    """django-anymail's tracking signal: one delivery event from the provider."""
    if not event.recipient:
        return
    subscriber = Subscriber.objects.with_address(event.recipient).first()
    if subscriber is None:
        return
    if event.event_type in ENDING_EVENTS:
        reason = ENDING_EVENTS[event.event_type]
        if event.description:
            reason = f"{reason} ({esp_name}: {event.description})"[:200]
        end(subscriber, reason, Subscriber.Status.BOUNCED)
        logger.info("Newsletter subscriber %s ended: %s", subscriber.pk, event.event_type)
    elif event.event_type in TEMPORARY_EVENTS:
        Subscriber.objects.filter(pk=subscriber.pk).update(
            temporary_bounces=F("temporary_bounces") + 1
        )


def forget_member(user) -> None:
    """An account is being deleted: its subscriptions end and the address is unlinked;
    the consent records stay, as the record of what was agreed."""
    for subscriber in member_subscribers(user):
        end(subscriber, "The member deleted their account.")
        Subscriber.objects.filter(pk=subscriber.pk).update(user=None)


def member_subscribers(user):
    """The subscribers linked to the account or using one of its verified addresses."""
    addresses = [
        normalise(email).lower()
        for email in user.emailaddress_set.filter(verified=True).values_list("email", flat=True)
    ]
    return Subscriber.objects.alias(lower=Lower("email")).filter(
        Q(user=user) | Q(lower__in=addresses)
    )


def member_subscriptions(user) -> list[dict]:
    """The member's subscriptions, for their "your data" download."""
    rows = []
    for subscriber in member_subscribers(user).prefetch_related("subscriptions", "consents"):
        rows.append(
            {
                "email": subscriber.email,
                "status": subscriber.status,
                "confirmed_at": _iso(subscriber.confirmed_at),
                "newsletter": subscriber.newsletter,
                "topics": [
                    {"topic": label(s.topic), "search": s.topic, "frequency": s.frequency}
                    for s in subscriber.subscriptions.all()
                ],
                "consents": [
                    {
                        "purpose": c.purpose,
                        "form": c.form,
                        "wording": c.wording,
                        "given_at": _iso(c.given_at),
                        "withdrawn_at": _iso(c.withdrawn_at),
                        "withdrawn_reason": c.withdrawn_reason,
                    }
                    for c in subscriber.consents.all()
                ],
            }
        )
    return rows


def _iso(moment):
    return moment.isoformat() if moment else None
