"""Signed tokens in email links (django.core.signing): no token table to keep.

Confirmation links last a week. Unsubscribe and manage links last a year, as people
unsubscribe from emails months old. They name the subscriber and a digest of its address
(never the address itself), so a token stops working once the address it was sent to is
no longer that subscriber's.

A digest run signs a token for every person it writes to. Django's `signing.dumps` builds
a signer and derives its HMAC key for each token; `make` keeps one signer a purpose and
key, its HMAC keyed once, and only copies it per token. The tokens are Django's, byte for
byte (same salt, timestamp and signature), so `signing.loads` reads them and every link
already sent keeps working.
"""

import hashlib

from django.conf import settings
from django.core import signing
from django.utils.crypto import salted_hmac

from .models import Subscriber

CONFIRM = "newsletter.confirm"
MANAGE = "newsletter.manage"
CONFIRM_MAX_AGE = 7 * 24 * 3600
MANAGE_MAX_AGE = 365 * 24 * 3600


class _Signer(signing.TimestampSigner):
    """Django's timestamp signer with its HMAC, for its own key, keyed once."""

    def __init__(self, purpose: str):
        super().__init__(salt=purpose)
        self._keyed = salted_hmac(self.salt + "signer", b"", self.key, algorithm=self.algorithm)

    def signature(self, value, key=None):
        if key is not None and key != self.key:
            return super().signature(value, key)
        mac = self._keyed.copy()
        mac.update(value.encode())
        return signing.b64_encode(mac.digest()).decode()


_signers: dict[tuple[str, str], _Signer] = {}


def make(subscriber: Subscriber, purpose: str) -> str:
    key = (purpose, settings.SECRET_KEY)
    signer = _signers.get(key)
    if signer is None:
        signer = _signers[key] = _Signer(purpose)
    return signer.sign_object([subscriber.pk, _address(subscriber)])


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
