"""What was sent: one `Send` a digest run or newsletter issue, one `Delivery` a person.

A `Delivery` row is claimed (written and committed) before its email is handed to the
backend, and marked sent once the backend has taken it, so no one is sent the same
issue twice, whatever is clicked twice, and a run that dies midway leaves unsent claims
that the next run sends again (see `sending.py`). A digest's delivery also lists the
documents it carried, so that later digests leave them out. A send's counts grow in the
same statement that marks each delivery, so they are true whenever a run stops. When a
person later leaves, the delivery of the last email they had is marked with why, which
gives each send its bounced and unsubscribed counts.
"""

from django.db import models
from django.db.models import Q


class Send(models.Model):
    class Kind(models.TextChoices):
        DIGEST = "digest", "Digest"
        ISSUE = "issue", "Newsletter issue"

    kind = models.CharField(max_length=16, choices=Kind.choices)
    frequency = models.CharField(max_length=16, blank=True)  # digests only
    issue = models.OneToOneField(
        "newsletter.NewsletterIssuePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="send",
    )
    subject = models.CharField(max_length=255, blank=True)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    sent = models.PositiveIntegerField(default=0)
    items = models.PositiveIntegerField(default=0)  # digests: items listed in all

    class Meta:
        ordering = ["-started_at", "-pk"]

    def __str__(self):
        if self.kind == self.Kind.ISSUE:
            return f"Newsletter: {self.subject}"
        return f"{self.frequency.capitalize()} digests, {self.started_at:%d %B %Y %H:%M}"


class Delivery(models.Model):
    class Outcome(models.TextChoices):
        NONE = "", "Delivered"
        BOUNCED = "bounced", "Bounced or complained"
        UNSUBSCRIBED = "unsubscribed", "Unsubscribed afterwards"

    send = models.ForeignKey(Send, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(
        "newsletter.Subscriber", on_delete=models.CASCADE, related_name="deliveries"
    )
    # Empty while claimed; when the email backend took the email.
    sent_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=16, choices=Outcome.choices, blank=True)
    # A digest's documents, by search doc id: claimed with the delivery, so that no later
    # digest lists them again (`digests.already_sent`).
    items = models.JSONField(default=list, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["send", "subscriber"], name="newsletter_delivery_once")
        ]
        indexes = [
            models.Index(fields=["subscriber", "-sent_at"]),
            # The few claims not yet sent: what the next run looks for after a crash.
            models.Index(
                fields=["send"], condition=Q(sent_at=None), name="newsletter_delivery_unsent"
            ),
        ]

    def __str__(self):
        return f"{self.send} to {self.subscriber_id}"
