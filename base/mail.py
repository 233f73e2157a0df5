"""The site's emails in one voice and one layout.

Every email is written once, as plain text, in a template that extends
`email/base.txt` (greeting-free body, then the site's name and address). The HTML part is
that text in `email/base.html`'s layout, so the two parts never say different things;
emails with richer HTML of their own (digests) extend `email/base.html` directly.
"""

from collections.abc import Callable

from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from base.identity import absolute, site_name, site_url

# A digest run sends thousands of emails: the identity is read once a minute, not per email.
_CACHE_KEY, _CACHE_SECONDS = "mail:identity", 60


def context(**extra) -> dict:
    """The site's name and address, and the privacy notice, for any email template."""
    names = cache.get_or_set(_CACHE_KEY, _from_the_database, _CACHE_SECONDS)
    assert names is not None  # get_or_set with a default never answers None
    return {
        "site_name": names["site_name"],
        "site_url": site_url(),
        "privacy_url": absolute(names["privacy_path"]),
        **extra,
    }


def _no_privacy_notice() -> str:
    return ""


# The privacy notice is a page of the site's own (`network.home`), which registers how to
# find it when it starts (`find_privacy_notice_with`); this layer names no app above it.
_privacy_path: Callable[[], str] = _no_privacy_notice


def find_privacy_notice_with(path: Callable[[], str]) -> None:
    global _privacy_path
    _privacy_path = path


def _from_the_database() -> dict:
    return {"site_name": site_name(), "privacy_path": _privacy_path()}


SIGNATURE = "\n-- \n"  # email/base.txt's footer starts here; the HTML layout has its own


def html_from_text(text: str, subject: str, ctx: dict | None = None) -> str:
    body = text.split(SIGNATURE, 1)[0].strip()
    return render_to_string(
        "email/from_text.html", {**context(), **(ctx or {}), "text": body, "subject": subject}
    )


def add_html_part(message: EmailMultiAlternatives, ctx: dict | None = None) -> None:
    """Give a text-only message its HTML part, in the site's layout."""
    if not any(mimetype == "text/html" for _body, mimetype in message.alternatives):
        message.attach_alternative(
            html_from_text(str(message.body), str(message.subject), ctx), "text/html"
        )
