"""Every email the newsletter sends, built in one place so that each carries the
unsubscribe headers of RFC 2369 and RFC 8058 and the site's name as its sender."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from network import mail

from . import tokens
from .models import Subscriber


def absolute(path: str) -> str:
    return settings.SITE_BASE_URL.rstrip("/") + path


def leaving_urls(subscriber: Subscriber) -> tuple[str, str]:
    """The subscriber's one-click unsubscribe URL and the page to manage their topics."""
    token = tokens.make(subscriber, tokens.MANAGE)
    return (
        absolute(reverse("newsletter:unsubscribe", args=[token])),
        absolute(reverse("newsletter:manage", args=[token])),
    )


def list_headers(subscriber: Subscriber, unsubscribe: str) -> dict[str, str]:
    mailto = settings.NEWSLETTER_UNSUBSCRIBE_MAILTO
    links = [f"<{unsubscribe}>"]
    if mailto:
        links.append(f"<mailto:{mailto}?subject=unsubscribe%20{subscriber.pk}>")
    return {
        "List-Unsubscribe": ", ".join(links),
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def message(
    subscriber: Subscriber, subject: str, template: str, context: dict, connection=None
) -> EmailMultiAlternatives:
    """A text and HTML email from `<template>.txt` and `<template>.html`."""
    unsubscribe, manage = leaving_urls(subscriber)
    context = {
        **mail.context(),
        "unsubscribe_url": unsubscribe,
        "manage_url": manage,
        **context,
    }
    email = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"{template}.txt", context),
        from_email=settings.NEWSLETTER_FROM_EMAIL,
        to=[subscriber.email],
        headers=list_headers(subscriber, unsubscribe),
        connection=connection,
    )
    email.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    return email
