"""The procurement notices a case study came from: an OCDS identifier (`ocid`) and/or the
notice's web address on Find a Tender or Contracts Finder.

One place says what each looks like and where a notice is read; the model's validators,
the import and the page all use it.
"""

import re
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError

# An OCDS contracting process identifier: "ocds-", the publisher's six-character prefix,
# then the publisher's own identifier.
OCID = re.compile(r"^ocds-[a-z0-9]{6}-[A-Za-z0-9][A-Za-z0-9._/-]{0,120}$")
OCID_MAX_LENGTH = 140
NOTICE_SITES = {
    "www.find-tender.service.gov.uk": "Find a Tender",
    "find-tender.service.gov.uk": "Find a Tender",
    "www.contractsfinder.service.gov.uk": "Contracts Finder",
    "contractsfinder.service.gov.uk": "Contracts Finder",
}
# Contracts Finder's identifiers are its notices' own: the notice's address follows.
CONTRACTS_FINDER_PREFIX = "ocds-b5fd17-"
CONTRACTS_FINDER_NOTICE = "https://www.contractsfinder.service.gov.uk/Notice/{id}"


def validate_ocid(value: str) -> None:
    if value and not OCID.match(value):
        raise ValidationError(
            f"“{value}” is not an OCDS identifier; one looks like ocds-h6vhtk-0123ab "
            "(“ocds-”, the publisher's six-letter prefix, a hyphen, then the notice's "
            "identifier).",
            code="ocid",
        )


def validate_notice_url(value: str) -> None:
    if not value:
        return
    parts = urlsplit(value)
    if parts.scheme != "https" or parts.hostname not in NOTICE_SITES:
        raise ValidationError(
            "The notice's web address must be a page on Find a Tender "
            "(https://www.find-tender.service.gov.uk/…) or Contracts Finder "
            "(https://www.contractsfinder.service.gov.uk/…).",
            code="notice_url",
        )


def notice_link(ocid: str, url: str) -> str:
    """Where the notice is read: its address, or the one a Contracts Finder identifier
    gives; "" when neither is known."""
    if url:
        return url
    if ocid.startswith(CONTRACTS_FINDER_PREFIX):
        return CONTRACTS_FINDER_NOTICE.format(id=ocid.removeprefix(CONTRACTS_FINDER_PREFIX))
    return ""


def site_name(url: str) -> str:
    return NOTICE_SITES.get(urlsplit(url).hostname or "", "")
