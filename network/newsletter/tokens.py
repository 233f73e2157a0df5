"""Signed tokens in email links (django.core.signing): no token table to keep.

Confirmation links last a week. Unsubscribe and manage links last a year, as people
unsubscribe from emails months old. They name the subscriber and a digest of its address
(never the address itself), so a token stops working once the address it was sent to is
no longer that subscriber's.
"""

import hashlib

from django.core import signing

from .models import Subscriber

CONFIRM = "newsletter.confirm"
MANAGE = "newsletter.manage"
CONFIRM_MAX_AGE = 7 * 24 * 3600
MANAGE_MAX_AGE = 365 * 24 * 3600


def make(subscriber: Subscriber, purpose: str) -> str:
    return signing.dumps([subscriber.pk, _address(subscriber)], salt=purpose)


def _address(subscriber: Subscriber) -> str:
    """A digest of the address: links in logs and referrers never show the address."""
    return hashlib.sha256(subscriber.email.lower().encode()).hexdigest()[:16]


def read(token: str, purpose: str) -> Subscriber | None:
    """The subscriber a token names, or None when it is forged, expired or stale."""
    max_age = CONFIRM_MAX_AGE if purpose == CONFIRM else MANAGE_MAX_AGE
    try:
        pk, email = signing.loads(token, salt=purpose, max_age=max_age)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    subscriber = Subscriber.objects.filter(pk=pk).first()
    if subscriber is None or _address(subscriber) != email:
        return None
    return subscriber
