"""Joining: double opt-in, the same answer for every address, limits, consent.

`subscribe` is all a public form calls. Whatever the address (new, waiting, confirmed,
gone or bounced), the form answers the same; what differs happens in the email, which
only the owner reads. Consent is per topic: an email's link names the topics of the
request that sent it, so confirming one topic never confirms another that someone else
put on the address. At most `NEWSLETTER_CONFIRMATIONS_PER_DAY` confirmation emails go to
one address, and from one client address, a day (counted in the shared cache). A
confirmed subscriber stays confirmed: a new topic waits for its own confirmation, and
the topics already confirmed carry on. A member signed in with a verified address needs
no email. Addresses are normalised (`addresses.normalise`) before they are stored or
compared."""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from . import emails, tokens
from .addresses import normalise
from .models import Consent, Subscriber, Subscription
from .topics import label

logger = logging.getLogger(__name__)
DAY = 24 * 3600


def subscribe(
    email: str, topics: list[str], frequency: str, *, form: str, wording: str, client_ip: str
) -> None:
    """Record the wish and consent, and send a confirmation email naming this request's
    waiting topics if the day's limits allow. A bounced or complained address is left as
    it is and sent nothing, with the same answer on the page: a form anyone can fill in
    must not mail an address that refused us. Its owner comes back by subscribing while
    signed in with that address verified (`subscribe_member`)."""
    email = normalise(email)
    with transaction.atomic():
        subscriber = _subscriber(email)
        if subscriber.status == Subscriber.Status.BOUNCED:
            logger.info("A subscribe for bounced subscriber %s was ignored.", subscriber.pk)
            return
        if subscriber.status == Subscriber.Status.UNSUBSCRIBED:
            subscriber.status = Subscriber.Status.PENDING
            subscriber.save(update_fields=["status"])
        waiting = _add_topics(subscriber, topics, frequency)
        consent = Consent.objects.create(subscriber=subscriber, form=form, wording=wording)
        if waiting and _within_limits(email, client_ip):
            transaction.on_commit(lambda: send_confirmation(subscriber, waiting, consent.pk))


def subscribe_member(
    user, email: str, topics: list[str], frequency: str, *, form: str, wording: str
):
    """A signed-in member's verified address: the topics of this request confirmed at
    once, no email. Topics someone else left waiting on the address stay waiting."""
    now = timezone.now()
    with transaction.atomic():
        subscriber = _subscriber(normalise(email))
        subscriber.user = user
        subscriber.save(update_fields=["user"])
        _confirm_topics(subscriber, _add_topics(subscriber, topics, frequency), now)
        Consent.objects.create(subscriber=subscriber, form=form, wording=wording, confirmed_at=now)
    return subscriber


def verified_address(user) -> str | None:
    """The member's primary verified address, if they are signed in and have one."""
    if not user.is_authenticated:
        return None
    address = user.emailaddress_set.filter(primary=True, verified=True).first()
    return address.email if address else None


def waiting_topics(confirmation: tokens.Confirmation):
    """The topics a confirmation link names that still wait: none once it has been used,
    or once the person has left (leaving deletes every topic)."""
    return confirmation.subscriber.subscriptions.filter(
        pk__in=confirmation.subscription_ids, confirmed_at=None
    )


def confirm(confirmation: tokens.Confirmation) -> bool:
    """The owner pressed the button: the topics the link names, its consent record and
    the address are confirmed. False when the link has nothing left to confirm."""
    now = timezone.now()
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=confirmation.subscriber.pk)
        ids = list(waiting_topics(confirmation).values_list("pk", flat=True))
        if not _confirm_topics(subscriber, ids, now):
            return False
        subscriber.consents.filter(
            pk=confirmation.consent_id, confirmed_at=None, withdrawn_at=None
        ).update(confirmed_at=now)
    return True


def send_confirmation(subscriber: Subscriber, subscription_ids: list[int], consent_id: int):
    """The email whose link confirms exactly these topics and this consent."""
    token = tokens.make_confirmation(subscriber, subscription_ids, consent_id)
    waiting = subscriber.subscriptions.filter(pk__in=subscription_ids).order_by("pk")
    context = {
        "confirm_url": emails.absolute(reverse("newsletter:confirm", args=[token])),
        "topics": [label(s.topic) for s in waiting],
        "already_confirmed": subscriber.is_confirmed,
    }
    subject = f"Confirm your email alerts from {settings.WAGTAIL_SITE_NAME}"
    emails.message(subscriber, subject, "newsletter/email/confirm", context).send()


def _subscriber(email: str) -> Subscriber:
    """The subscriber of a normalised address, made if new, locked for this transaction."""
    try:
        with transaction.atomic():
            subscriber, _ = Subscriber.objects.with_address(email).get_or_create(
                defaults={"email": email}
            )
    except IntegrityError:  # someone else created it a moment ago
        subscriber = Subscriber.objects.with_address(email).get()
    return Subscriber.objects.select_for_update().get(pk=subscriber.pk)


def _add_topics(subscriber, topics: list[str], frequency: str) -> list[int]:
    """Add topics; a waiting topic takes the new frequency, a confirmed one keeps its own.
    Returns the ids of this request's topics that wait for confirmation."""
    waiting = []
    for topic in topics:
        subscription, _ = Subscription.objects.get_or_create(
            subscriber=subscriber, topic=topic, defaults={"frequency": frequency}
        )
        if subscription.confirmed_at is None:
            subscription.frequency = frequency
            subscription.save(update_fields=["frequency"])
            waiting.append(subscription.pk)
    return waiting


def _confirm_topics(subscriber: Subscriber, ids: list[int], now) -> bool:
    """Confirm these waiting topics, and the address with them; False if none waited."""
    if not subscriber.subscriptions.filter(pk__in=ids, confirmed_at=None).update(
        confirmed_at=now, last_run_at=now
    ):
        return False
    if not subscriber.is_confirmed:
        subscriber.status = Subscriber.Status.CONFIRMED
        subscriber.confirmed_at = now
        subscriber.ended_at = None
        subscriber.ended_reason = ""
        subscriber.save()
    return True


def _within_limits(email: str, client_ip: str) -> bool:
    """Count one confirmation email against the address and the client; False once
    either has had its day's share."""
    today = timezone.now().date().isoformat()
    limit = settings.NEWSLETTER_CONFIRMATIONS_PER_DAY
    keys = [
        f"newsletter:confirm:{today}:{_digest(email.lower())}",
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
