"""Member profiles and the log of messages members send each other.

A profile belongs to one user account and is made at sign-up. Who may see it is decided
in `visibility.py`; nothing here holds an email address except through the user.
"""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property

from base.markdown import render_markdown
from taxonomy.models import Organisation, OutcomeArea, Region, Role, Sector, Stage, Theme


class Visibility(models.TextChoices):
    PUBLIC = "public", "Everyone, including people who are not signed in"
    MEMBERS = "members", "Signed-in members only"
    HIDDEN = "hidden", "Nobody: hide my profile"


def photo_path(profile: "Profile", filename: str) -> str:
    """A random file name: a photo's address says nothing about whose it is."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return f"members/photos/{uuid.uuid4().hex}.{extension}"


class ProfileQuerySet(models.QuerySet):
    def confirmed(self):
        """Profiles whose owner has confirmed an email address."""
        return self.filter(user__emailaddress__verified=True).distinct()

    def active(self):
        """Profiles of confirmed accounts that are neither suspended nor switched off."""
        return self.confirmed().filter(suspended_at__isnull=True, user__is_active=True)

    def listed(self):
        """Profiles that may appear in the directory and the site search for someone."""
        return self.active().exclude(visibility=Visibility.HIDDEN)

    def with_related(self):
        return self.select_related(
            "user", "role", "organisation", "sector", "region"
        ).prefetch_related("themes", "stages", "outcome_areas")


# The type checker cannot see the reverse relations: they are declared on Wagtail pages
# and orderables, and Wagtail has no type information.
class Profile(models.Model):  # type: ignore[django-manager-missing]
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    slug = models.SlugField(max_length=80, unique=True)
    display_name = models.CharField(
        max_length=100, help_text="The name other members see, for example Sam Patel."
    )
    job_title = models.CharField(max_length=120, blank=True)
    role = models.ForeignKey(
        Role, null=True, blank=True, on_delete=models.SET_NULL, related_name="profiles"
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )
    # An organisation the network does not list yet: editors can add it and link it later.
    organisation_name = models.CharField(max_length=255, blank=True)
    sector = models.ForeignKey(
        Sector, null=True, blank=True, on_delete=models.SET_NULL, related_name="profiles"
    )
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.SET_NULL, related_name="profiles"
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="profiles")
    stages = models.ManyToManyField(Stage, blank=True, related_name="profiles")
    outcome_areas = models.ManyToManyField(OutcomeArea, blank=True, related_name="profiles")
    bio = models.TextField(blank=True, max_length=5000, help_text="Markdown.")
    photo = models.ImageField(upload_to=photo_path, blank=True)
    visibility = models.CharField(
        max_length=10, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    accepts_messages = models.BooleanField(default=True)
    # Offered as someone who can help beside questions, case studies and seminars on the
    # topics of their profile (`helpers.py`); nobody is, until they say so.
    open_to_questions = models.BooleanField(default=False)
    suspended_at = models.DateTimeField(null=True, blank=True)
    suspension_reason = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    # When everyone could first see the profile: from then on it is news to alerts and
    # digests (which only ever list what is public). Set once, never moved.
    first_public_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ProfileQuerySet.as_manager()

    # The photo's file name as stored before a save, set by `photos.remember_stored_photo`
    # so the file a save replaces can be deleted; not a field.
    _stored_photo: str

    class Meta:
        ordering = ["display_name", "pk"]
        verbose_name = "member"
        verbose_name_plural = "members"

    def __str__(self) -> str:
        return self.display_name

    def save(self, *args, **kwargs):
        if self.visibility == Visibility.PUBLIC and self.first_public_at is None:
            self.first_public_at = timezone.now()
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "first_public_at"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("members:profile", kwargs={"slug": self.slug})

    @property
    def published_at(self):
        """When the profile became news: when it first became public, else when it was
        made (it is then listed to members only, who see it among the newest)."""
        return self.first_public_at or self.created_at

    @property
    def is_suspended(self) -> bool:
        return self.suspended_at is not None

    @cached_property
    def is_confirmed(self) -> bool:
        # allauth has no type information, so the type checker cannot see the reverse
        # relation its EmailAddress model adds to the user.
        addresses = self.user.emailaddress_set  # type: ignore[attr-defined]
        # A page that links to many members prefetches their addresses (`linked_members`).
        if "emailaddress_set" in getattr(self.user, "_prefetched_objects_cache", {}):
            return any(address.verified for address in addresses.all())
        return addresses.filter(verified=True).exists()

    @property
    def is_listed(self) -> bool:
        """Whether the directory and site search may show this profile to anyone."""
        return (
            self.visibility != Visibility.HIDDEN
            and not self.is_suspended
            and self.user.is_active
            and self.is_confirmed
        )

    @property
    def organisation_label(self) -> str:
        return self.organisation.name if self.organisation else self.organisation_name

    def bio_html(self):
        return render_markdown(self.bio)

    def expertise(self) -> list:
        """Themes, stages and outcome areas together, in that order."""
        return [*self.themes.all(), *self.stages.all(), *self.outcome_areas.all()]


class ContactMessage(models.Model):
    """One message sent through the contact form, kept so staff can act on reports."""

    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="sent_contact_messages",
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="received_contact_messages",
    )
    # Names as they were when the message was sent, so the log still reads after a deletion.
    sender_name = models.CharField(max_length=100)
    recipient_name = models.CharField(max_length=100)
    body = models.TextField(max_length=2000)
    shared_email = models.BooleanField(default=False)
    sent_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = "contact message"

    def __str__(self) -> str:
        return f"{self.sender_name} to {self.recipient_name}, {self.sent_at:%d %b %Y %H:%M}"
