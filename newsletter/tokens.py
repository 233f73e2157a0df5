"""Signed tokens in email links (django.core.signing): no token table to keep.

Confirmation links last a week, and each names the topics (subscription rows) and the
consent records (for alerts, for the editors' newsletter, or both) it was sent for:
pressing its button confirms those and nothing else, and only while they still wait, so
a link is spent once used and, as leaving deletes every topic and withdraws every
consent, cannot undo an unsubscribe. Unsubscribe and manage links last a year, as people
unsubscribe from emails months old. They name the subscriber and a digest of its address
(never the address itself), so a token stops working once the address it was sent to is
no longer that subscriber's.

Tokens are Django's `signing.dumps` with a salt a purpose, read by `signing.loads` with
that purpose's `max_age`: the same format every earlier email carried, so links already
sent keep working.
"""

import hashlib
from dataclasses import dataclass

from django.core import signing

from .models import Subscriber

CONFIRM = "newsletter.confirm"
MANAGE = "newsletter.manage"
CONFIRM_MAX_AGE = 7 * 24 * 3600
MANAGE_MAX_AGE = 365 * 24 * 3600


@dataclass(frozen=True)
class Confirmation:
    """What a confirmation link was sent for: whose topics, which ones, which consents."""

    subscriber: Subscriber
    subscription_ids: tuple[int, ...]
    consent_ids: tuple[int, ...]


def make(subscriber: Subscriber, purpose: str) -> str:
    return signing.dumps([subscriber.pk, _address(subscriber)], salt=purpose)


def make_confirmation(subscriber: Subscriber, subscription_ids, consent_ids) -> str:
    payload = [subscriber.pk, _address(subscriber), sorted(subscription_ids), sorted(consent_ids)]
    return signing.dumps(payload, salt=CONFIRM)


def _address(subscriber: Subscriber) -> str:
    """A digest of the address: links in logs and referrers never show the address."""
    return hashlib.sha256(subscriber.email.lower().encode()).hexdigest()[:16]


def read(token: str, purpose: str) -> Subscriber | None:
    """The subscriber a token names, or None when it is forged, expired or stale (or a
    confirmation token, which `read_confirmation` reads)."""
    try:
        pk, address = _payload(token, purpose)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return _named(pk, address)


def read_confirmation(token: str) -> Confirmation | None:
    """What a confirmation link names, or None when it is forged, expired or stale, or
    was sent before links named their topics. Links sent before the newsletter had a
    consent of its own name one consent as a number, and still work."""
    try:
        pk, address, subscription_ids, consents = _payload(token, CONFIRM)
        ids = tuple(int(named) for named in subscription_ids)
        consents = [consents] if isinstance(consents, int) else consents
        consent_ids = tuple(int(named) for named in consents)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    subscriber = _named(pk, address)
    return Confirmation(subscriber, ids, consent_ids) if subscriber else None


def _payload(token: str, purpose: str):
    max_age = CONFIRM_MAX_AGE if purpose == CONFIRM else MANAGE_MAX_AGE
    return signing.loads(token, salt=purpose, max_age=max_age)


def _named(pk, address: str) -> Subscriber | None:
    """The subscriber, while its address is still the one the token was sent to."""
    subscriber = Subscriber.objects.filter(pk=pk).first()
    if subscriber is None or _address(subscriber) != address:
        return None
    return subscriber
