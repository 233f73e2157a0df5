"""Messages between members: sent by email, never showing the recipient's address, and the
sender's only when they ask. Each sender may send a limited number a day."""

from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from base import mail
from base.clean_text import one_line
from base.site_address import absolute

from .models import ContactMessage, Profile
from .visibility import can_view, is_member

ABOUT_MAX = 500


def about_text(about: str | None) -> str:
    """The start of a message about a page of this site ("Ask them" beside a question
    links it), or nothing: only a path here is taken, so a link from elsewhere cannot put
    another site's address in a member's mouth."""
    about = (about or "").strip()
    parts = urlsplit(about)
    local = (
        about.startswith("/")
        and not about.startswith("//")
        and not parts.scheme
        and not parts.netloc
        and about.isprintable()
        and "\\" not in about
        and len(about) <= ABOUT_MAX
    )
    return f"About {absolute(about)}\n\n" if local else ""


class ContactRefused(Exception):
    """The message may not be sent; the text says why, for the sender."""


def messages_left_today(sender) -> int:
    since = timezone.now() - timedelta(days=1)
    sent = ContactMessage.objects.filter(sender=sender, sent_at__gte=since).count()
    return max(settings.MEMBERS_CONTACT_DAILY_LIMIT - sent, 0)


def can_contact(sender, recipient: Profile) -> bool:
    return (
        is_member(sender)
        and recipient.user_id != sender.pk
        and recipient.accepts_messages
        and recipient.is_listed
        and can_view(sender, recipient)
    )


def send_contact_message(sender, recipient: Profile, body: str, share_email: bool):
    if not can_contact(sender, recipient):
        raise ContactRefused("This member is not accepting messages.")
    if messages_left_today(sender) <= 0:
        raise ContactRefused(
            f"You can send up to {settings.MEMBERS_CONTACT_DAILY_LIMIT} messages a day. "
            "Try again tomorrow."
        )
    sender_profile = getattr(sender, "profile", None)
    sender_name = sender_profile.display_name if sender_profile else "A member"
    message = ContactMessage.objects.create(
        sender=sender,
        recipient=recipient.user,
        sender_name=sender_name,
        recipient_name=recipient.display_name,
        body=body,
        shared_email=share_email,
    )
    _email(message, sender_profile, recipient)
    return message


def _email(message: ContactMessage, sender_profile: Profile | None, recipient: Profile) -> None:
    sender = message.sender
    assert sender is not None  # the message was made just now, by a signed-in member
    context = mail.context(
        **{
            "message": message,
            "recipient": recipient,
            "sender_url": absolute(sender_profile.get_absolute_url()) if sender_profile else "",
            "sender_email": sender.email if message.shared_email else "",
            "edit_url": absolute(reverse("members:edit")),
        }
    )
    email = EmailMultiAlternatives(
        subject=one_line(
            f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{message.sender_name} sent you a message"
        ),
        body=render_to_string("members/email/contact_message.txt", context),
        to=[recipient.user.email],
        reply_to=[sender.email] if message.shared_email else None,
    )
    mail.add_html_part(email)
    email.send()
