"""Every email the newsletter sends, built in one place so that each carries the
unsubscribe headers of RFC 2369 and RFC 8058 and the site's name as its sender.

A list email goes to thousands of people who differ only in their own links (and, for a
digest, in which items it lists). A `Layout` renders the email's templates once, with
markers where those parts go; each message then only joins strings.

Building the MIME message (what every backend does with an email) is most of the cost
of a digest. Django looks for lines longer than RFC 5322 allows with a Python loop over
every line of every part, to choose quoted-printable for them; `_charset` makes the same
choice in one pass in C and gives it to the message, which spares Django the loop.
"""

import re
from email import charset as Charset

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import RFC5322_EMAIL_LINE_LENGTH_LIMIT
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape

from base import mail
from base.clean_text import one_line
from base.site_address import absolute

from . import tokens
from .models import Subscriber

# Markers no one can type into content (a NUL byte), so content never fills them.
BODY, UNSUBSCRIBE, MANAGE = "\x00body\x00", "\x00unsubscribe\x00", "\x00manage\x00"
_MARKER = re.compile("\x00(body|unsubscribe|manage)\x00")


def leaving_urls(subscriber: Subscriber, around=None) -> tuple[str, str]:
    """The subscriber's one-click unsubscribe URL and the page to manage their topics;
    `around` is what `leaving_url_parts` gave, for many emails at once."""
    token = tokens.make(subscriber, tokens.MANAGE)
    (unsubscribe, after), (manage, after_manage) = around or leaving_url_parts()
    return unsubscribe + token + after, manage + token + after_manage


_STAND_IN = "token"


def leaving_url_parts() -> tuple[tuple[str, str], tuple[str, str]]:
    """The unsubscribe and manage URLs before and after their token. Reversing both URLs
    for every email costs more than signing its token; a token's characters (URL-safe
    base64 and colons) are never quoted, so putting it between the parts gives what
    `reverse` would."""
    return _around_token("unsubscribe"), _around_token("manage")


def _around_token(name: str) -> tuple[str, str]:
    before, after = absolute(reverse(f"newsletter:{name}", args=[_STAND_IN])).rsplit(_STAND_IN, 1)
    return before, after


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
    """A one-off text and HTML email from `<template>.txt` and `<template>.html`."""
    return Layout(template, context).message(subscriber, subject, connection=connection)


class Layout:
    """An email's two templates rendered once, for any number of people."""

    def __init__(self, template: str, context: dict):
        context = {
            **mail.context(),
            "unsubscribe_url": UNSUBSCRIBE,
            "manage_url": MANAGE,
            "body": BODY,
            **context,
        }
        self.text = _MARKER.split(render_to_string(f"{template}.txt", context))
        self.html = _MARKER.split(render_to_string(f"{template}.html", context))
        self.leaving = leaving_url_parts()

    def message(
        self, subscriber: Subscriber, subject: str, *, text="", html="", connection=None
    ) -> EmailMultiAlternatives:
        """The email to one subscriber; `text` and `html` fill the template's `body`."""
        unsubscribe, manage = leaving_urls(subscriber, self.leaving)
        # One blank line before the signature, however the body ends.
        parts = {"body": text.rstrip("\n"), "unsubscribe": unsubscribe, "manage": manage}
        body = _fill(self.text, parts)
        email = EmailMultiAlternatives(
            subject=one_line(subject),
            body=body,
            from_email=settings.NEWSLETTER_FROM_EMAIL,
            to=[subscriber.email],
            headers=list_headers(subscriber, unsubscribe),
            connection=connection,
        )
        parts = {"body": html, "unsubscribe": escape(unsubscribe), "manage": escape(manage)}
        html_body = _fill(self.html, parts)
        email.attach_alternative(html_body, "text/html")
        email.encoding = _charset(body, html_body)
        return email


class _Shared(Charset.Charset):
    """A charset no one changes, so a copy of a message shares it (the test backend
    deep-copies every message it is handed)."""

    def __deepcopy__(self, memo):
        return self


_UTF8, _UTF8_QP = _Shared("utf-8"), _Shared("utf-8")
# As Django's own: 8bit, not base64. The standard library's type information allows only
# the encodings' numbers here, though None (no encoding) is what Charset itself uses.
_UTF8.body_encoding = None  # type: ignore[assignment]
_UTF8_QP.body_encoding = Charset.QP


def _charset(*parts: str):
    """The body charset Django would choose for an email of these parts: UTF-8, in
    quoted-printable where a line is longer than RFC 5322 allows. (Django decides that for
    UTF-8 only, part by part, and skips its own check when given a charset rather than a
    name; here one long line puts both parts in quoted-printable, which is as valid.)
    Lines measured as bytes split at CR and LF are never shorter than Django measures."""
    if settings.DEFAULT_CHARSET.lower() != "utf-8":
        return None
    for part in parts:
        lines = part.encode(errors="surrogateescape").splitlines()
        if max(map(len, lines), default=0) > RFC5322_EMAIL_LINE_LENGTH_LIMIT:
            return _UTF8_QP
    return _UTF8


def _fill(split: list[str], parts: dict[str, str]) -> str:
    """Join a template split at its markers (text, name, text, name, …) with `parts`."""
    return "".join(piece if n % 2 == 0 else parts[piece] for n, piece in enumerate(split))
