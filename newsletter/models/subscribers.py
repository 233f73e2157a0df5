"""Subscribers, their topics (saved searches), consent records and what was sent.

A subscriber is one email address. Its topics are `Subscription` rows, each a search in
the normalised query-string form the JSON API takes (`topics.normalise`). Consent rows
are kept after the person leaves, with the reason. What each digest listed is kept on its
`Delivery` (`sends.py`), so no one is sent the same item twice.
"""

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.db.models.functions import Lower

from ..addresses import normalise
from ..topics import label


class SubscriberQuerySet(models.QuerySet):
    def with_address(self, email: str):
        """The subscriber of an address however it was typed: every lookup by address
        goes through here, so each compares the same normalised form."""
        return self.filter(email__iexact=normalise(email))


class Subscriber(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for confirmation"
        CONFIRMED = "confirmed", "Confirmed"
        UNSUBSCRIBED = "unsubscribed", "Unsubscribed"
        BOUNCED = "bounced", "Bounced or complained"

    email = models.EmailField(max_length=254)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="newsletter_subscribers",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_reason = models.CharField(max_length=200, blank=True)
    temporary_bounces = models.PositiveIntegerField(default=0)
    # The editors' newsletter is a consent of its own, apart from the alerts: on only
    # once the person confirms a request that ticked it, or ticks it while proven owner.
    newsletter = models.BooleanField("Gets the editors' newsletter", default=False)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("email"), name="newsletter_subscriber_email_unique")
        ]
        ordering = ["email"]

    def __str__(self):
        return self.email

    @property
    def is_confirmed(self) -> bool:
        return self.status == self.Status.CONFIRMED


class Frequency(models.TextChoices):
    IMMEDIATELY = "immediately", "As soon as something is published"
    DAILY = "daily", "Once a day"
    WEEKLY = "weekly", "Once a week"


class Subscription(models.Model):
    """One topic of a subscriber: a saved search and how often to hear about it."""

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions"
    )
    TOPIC_MAX_LENGTH = 2000
    # The search, as `topics.normalise` writes it: "" is everything new.
    topic = models.CharField(max_length=TOPIC_MAX_LENGTH, blank=True)
    frequency = models.CharField(max_length=16, choices=Frequency.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    # None until the person confirms this topic; only confirmed topics are sent.
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # When a digest last considered this topic; content from shortly before it is new.
    last_run_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "topic"], name="newsletter_subscription_unique"
            )
        ]
        indexes = [models.Index(fields=["frequency", "topic"])]

    def __str__(self):
        return f"{self.subscriber}: {self.topic or 'everything new'} ({self.frequency})"


class Consent(models.Model):
    """What a person agreed to, where and when; kept after they leave, with the reason.
    Alerts and the editors' newsletter are agreed to apart, each with its own record."""

    class Purpose(models.TextChoices):
        ALERTS = "alerts", "Email alerts"
        NEWSLETTER = "newsletter", "The editors' newsletter"

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(max_length=16, choices=Purpose.choices, default=Purpose.ALERTS)
    form = models.CharField(max_length=100)  # which form: "newsletter page", "search alerts", …
    wording = models.TextField()  # the words shown beside the button
    given_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["given_at"]

    def __str__(self):
        return f"{self.subscriber} via {self.form} at {self.given_at:%Y-%m-%d %H:%M}"


def followed() -> list[dict]:
    """Confirmed subscribers of each topic at each frequency, most followed first."""
    rows = (
        Subscription.objects.filter(
            confirmed_at__isnull=False, subscriber__status=Subscriber.Status.CONFIRMED
        )
        .values("topic")
        .annotate(
            total=Count("pk"),
            immediately=Count("pk", filter=Q(frequency="immediately")),
            daily=Count("pk", filter=Q(frequency="daily")),
            weekly=Count("pk", filter=Q(frequency="weekly")),
        )
        .order_by("-total", "topic")
    )
    return [{**row, "label": label(row["topic"])} for row in rows]
