"""Joining: double opt-in, the same answer for every address, limits, consent.

`subscribe` is all a public form calls. Whatever the address (new, waiting, confirmed or
gone), the form answers the same; what differs happens in the email, which only the
owner reads. At most `NEWSLETTER_CONFIRMATIONS_PER_DAY` confirmation emails go to one
address, and from one client address, a day (counted in the shared cache). A confirmed
subscriber stays confirmed: a new topic waits for its own confirmation, and the topics
already confirmed carry on. A member signed in with a verified address needs no email.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from . import emails, tokens
from .models import Consent, Subscriber, Subscription
from .topics import label

logger = logging.getLogger(__name__)
DAY = 24 * 3600


def subscribe(
    email: str, topics: list[str], frequency: str, *, form: str, wording: str, client_ip: str
) -> None:
    """Record the wish and consent, and send a confirmation email if one is needed and
    the day's limits allow."""
    with transaction.atomic():
        subscriber = _subscriber(email)
        if subscriber.status in (Subscriber.Status.UNSUBSCRIBED, Subscriber.Status.BOUNCED):
            subscriber.status = Subscriber.Status.PENDING
            subscriber.save(update_fields=["status"])
        waiting = _add_topics(subscriber, topics, frequency, confirmed=False)
        Consent.objects.create(subscriber=subscriber, form=form, wording=wording)
        if (waiting or not subscriber.is_confirmed) and _within_limits(email, client_ip):
            transaction.on_commit(lambda: send_confirmation(subscriber))


def subscribe_member(
    user, email: str, topics: list[str], frequency: str, *, form: str, wording: str
):
    """A signed-in member's verified address: confirmed at once, no email."""
    with transaction.atomic():
        subscriber = _subscriber(email)
        subscriber.user = user
        subscriber.save(update_fields=["user"])
        _add_topics(subscriber, topics, frequency, confirmed=True)
        Consent.objects.create(subscriber=subscriber, form=form, wording=wording)
        confirm(subscriber)
    return subscriber


def verified_address(user) -> str | None:
    """The member's primary verified address, if they are signed in and have one."""
    if not user.is_authenticated:
        return None
    address = user.emailaddress_set.filter(primary=True, verified=True).first()
    return address.email if address else None


def confirm(subscriber: Subscriber) -> None:
    """The owner pressed the button: the address and every waiting topic are confirmed."""
    now = timezone.now()
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if not subscriber.is_confirmed:
            subscriber.status = Subscriber.Status.CONFIRMED
            subscriber.confirmed_at = now
            subscriber.ended_at = None
            subscriber.ended_reason = ""
            subscriber.save()
        subscriber.subscriptions.filter(confirmed_at=None).update(confirmed_at=now, last_run_at=now)
        subscriber.consents.filter(confirmed_at=None, withdrawn_at=None).update(confirmed_at=now)


def send_confirmation(subscriber: Subscriber) -> None:
    token = tokens.make(subscriber, tokens.CONFIRM)
    waiting = subscriber.subscriptions.filter(confirmed_at=None)
    context = {
        "confirm_url": emails.absolute(reverse("newsletter:confirm", args=[token])),
        "topics": [label(s.topic) for s in waiting],
        "already_confirmed": subscriber.is_confirmed,
    }
    subject = f"Confirm your email alerts from {settings.WAGTAIL_SITE_NAME}"
    emails.message(subscriber, subject, "newsletter/email/confirm", context).send()


def _subscriber(email: str) -> Subscriber:
    email = email.strip()
    try:
        with transaction.atomic():
            subscriber, _ = Subscriber.objects.get_or_create(
                email__iexact=email, defaults={"email": email}
            )
    except IntegrityError:  # someone else created it a moment ago
        subscriber = Subscriber.objects.get(email__iexact=email)
    return Subscriber.objects.select_for_update().get(pk=subscriber.pk)


def _add_topics(subscriber, topics: list[str], frequency: str, *, confirmed: bool) -> bool:
    """Add topics; a waiting topic takes the new frequency, a confirmed one keeps its own.
    Returns whether any topic waits for confirmation."""
    now = timezone.now() if confirmed else None
    for topic in topics:
        subscription, created = Subscription.objects.get_or_create(
            subscriber=subscriber,
            topic=topic,
            defaults={"frequency": frequency, "confirmed_at": now, "last_run_at": now},
        )
        if not created and subscription.confirmed_at is None:
            subscription.frequency = frequency
            subscription.save(update_fields=["frequency"])
    return subscriber.subscriptions.filter(confirmed_at=None).exists()


def _within_limits(email: str, client_ip: str) -> bool:
    """Count one confirmation email against the address and the client; False once
    either has had its day's share."""
    today = timezone.now().date().isoformat()
    limit = settings.NEWSLETTER_CONFIRMATIONS_PER_DAY
    keys = [
        f"newsletter:confirm:{today}:{_digest(email.strip().lower())}",
        f"newsletter:confirm:{today}:ip:{_digest(client_ip)}",
    ]
    counts = []
    for key in keys:
        cache.add(key, 0, DAY)
        counts.append(cache.incr(key))
    if max(counts) > limit:
        logger.info("A newsletter confirmation email was not sent: the day's limit was reached.")
        return False
    return True


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:32]
