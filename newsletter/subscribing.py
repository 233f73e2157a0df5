"""Joining: double opt-in, the same answer for every address, limits, consent.

`subscribe` is all a public form calls. Whatever the address (new, waiting, confirmed,
gone or bounced), the form answers the same; what differs happens in the email, which
only the owner reads. Consent is per topic: an email's link names the topics of the
request that sent it, so confirming one topic never confirms another that someone else
put on the address. At most `NEWSLETTER_CONFIRMATIONS_PER_DAY` confirmation emails go to
one address, and from one client address, a day (counted in the shared cache). A
confirmed subscriber stays confirmed: a new topic waits for its own confirmation, and
the topics already confirmed carry on. The editors' newsletter is a consent apart from
the alerts, asked for and confirmed the same way, but only when the person ticked it in
that request. A member signed in with a verified address needs
no email. Addresses are normalised (`addresses.normalise`) before they are stored or
compared."""

import hashlib
import logging
from dataclasses import dataclass, replace

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from base.identity import site_name

from . import emails, tokens
from .addresses import normalise
from .models import Consent, Subscriber, Subscription
from .topics import label

logger = logging.getLogger(__name__)
DAY = 24 * 3600


def subscribe(
    email: str,
    topics: list[str],
    frequency: str,
    *,
    form: str,
    wording: str,
    client_ip: str,
    newsletter_wording: str | None = None,
) -> None:
    """Record the wish and consent, and send a confirmation email naming this request's
    waiting topics, and the editors' newsletter when `newsletter_wording` says the person
    ticked it, if the day's limits allow. A bounced or complained address is left as it
    is and sent nothing, with the same answer on the page: a form anyone can fill in
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
        consents = _record(subscriber, topics, form, wording, newsletter_wording)
        asks_newsletter = any(c.purpose == Consent.Purpose.NEWSLETTER for c in consents)
        if (waiting or asks_newsletter) and _within_limits(email, client_ip):
            ids = [c.pk for c in consents]
            transaction.on_commit(lambda: send_confirmation(subscriber, waiting, ids))


def subscribe_member(
    user,
    email: str,
    topics: list[str],
    frequency: str,
    *,
    form: str,
    wording: str,
    newsletter_wording: str | None = None,
):
    """A signed-in member's verified address: the topics of this request, and the
    editors' newsletter if they ticked it, confirmed at once, no email. Topics someone
    else left waiting on the address stay waiting."""
    now = timezone.now()
    with transaction.atomic():
        subscriber = _subscriber(normalise(email))
        subscriber.user = user
        subscriber.save(update_fields=["user"])
        waiting = _add_topics(subscriber, topics, frequency)
        _record(subscriber, topics, form, wording, newsletter_wording, confirmed_at=now)
        _confirm(subscriber, waiting, bool(newsletter_wording), now)
    return subscriber


def choose_newsletter(subscriber: Subscriber, wanted: bool, *, form: str, wording: str):
    """The owner's own choice, made on a page only they can open (the manage link sent to
    the address), applies at once: turned on, it is a confirmed consent and confirms the
    address, as the link proves it is theirs; turned off, its consents are withdrawn."""
    now = timezone.now()
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if wanted == subscriber.newsletter:
            return
        if wanted:
            Consent.objects.create(
                subscriber=subscriber,
                purpose=Consent.Purpose.NEWSLETTER,
                form=form,
                wording=wording,
                confirmed_at=now,
            )
            _confirm(subscriber, [], True, now)
            return
        subscriber.newsletter = False
        subscriber.save(update_fields=["newsletter"])
        subscriber.consents.filter(purpose=Consent.Purpose.NEWSLETTER, withdrawn_at=None).update(
            withdrawn_at=now, withdrawn_reason="The subscriber turned the newsletter off."
        )


def verified_address(user) -> str | None:
    """The member's primary verified address, if they are signed in and have one."""
    if not user.is_authenticated:
        return None
    address = user.emailaddress_set.filter(primary=True, verified=True).first()
    return address.email if address else None


@dataclass(frozen=True)
class Waiting:
    """What a confirmation link still has to confirm: its topics that wait, and whether
    it asks for the editors' newsletter."""

    topics: list[Subscription]
    newsletter: bool

    def __bool__(self) -> bool:
        return bool(self.topics) or self.newsletter


def waiting(confirmation: tokens.Confirmation) -> Waiting:
    """What a confirmation link names that still waits: nothing once it has been used, or
    once the person has left (leaving deletes every topic and withdraws every consent)."""
    subscriber = confirmation.subscriber
    topics = subscriber.subscriptions.filter(
        pk__in=confirmation.subscription_ids, confirmed_at=None
    ).order_by("pk")
    newsletter = (
        not subscriber.newsletter
        and subscriber.consents.filter(
            pk__in=confirmation.consent_ids,
            purpose=Consent.Purpose.NEWSLETTER,
            confirmed_at=None,
            withdrawn_at=None,
        ).exists()
    )
    return Waiting(list(topics), newsletter)


def confirm(confirmation: tokens.Confirmation) -> bool:
    """The owner pressed the button: what the link names (topics, the newsletter), its
    consent records and the address are confirmed. False when nothing is left to confirm."""
    now = timezone.now()
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=confirmation.subscriber.pk)
        left = waiting(replace(confirmation, subscriber=subscriber))
        if not _confirm(subscriber, [s.pk for s in left.topics], left.newsletter, now):
            return False
        subscriber.consents.filter(
            pk__in=confirmation.consent_ids, confirmed_at=None, withdrawn_at=None
        ).update(confirmed_at=now)
    return True


def send_confirmation(subscriber: Subscriber, subscription_ids: list[int], consent_ids: list[int]):
    """The email whose link confirms exactly these topics and these consents."""
    token = tokens.make_confirmation(subscriber, subscription_ids, consent_ids)
    asked = waiting(tokens.Confirmation(subscriber, tuple(subscription_ids), tuple(consent_ids)))
    context = {
        "confirm_url": emails.absolute(reverse("newsletter:confirm", args=[token])),
        "topics": [label(s.topic) for s in asked.topics],
        "newsletter": asked.newsletter,
        "already_confirmed": subscriber.is_confirmed,
    }
    asking = " and ".join(
        what
        for what, wanted in (("email alerts", asked.topics), ("newsletter", asked.newsletter))
        if wanted
    )
    subject = f"Confirm your {asking or 'email alerts'} from {site_name()}"
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


def _record(subscriber, topics, form, wording, newsletter_wording, confirmed_at=None):
    """This request's consent records, each with the words shown beside it: one for its
    alerts if it named topics, one for the editors' newsletter if the person ticked it
    and does not get it yet."""
    asked = []
    if topics:
        asked.append((Consent.Purpose.ALERTS, wording))
    if newsletter_wording and not subscriber.newsletter:
        asked.append((Consent.Purpose.NEWSLETTER, newsletter_wording))
    return [
        Consent.objects.create(
            subscriber=subscriber,
            purpose=purpose,
            form=form,
            wording=words,
            confirmed_at=confirmed_at,
        )
        for purpose, words in asked
    ]


def _confirm(subscriber: Subscriber, topic_ids: list[int], newsletter: bool, now) -> bool:
    """Confirm these waiting topics and, if asked, the editors' newsletter, and the
    address with them; False if none of it waited."""
    topics = subscriber.subscriptions.filter(pk__in=topic_ids, confirmed_at=None).update(
        confirmed_at=now, last_run_at=now
    )
    newsletter = newsletter and not subscriber.newsletter
    if not (topics or newsletter):
        return False
    subscriber.newsletter = subscriber.newsletter or newsletter
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
