"""Organisation identifiers in the org-id scheme: a list's prefix and the identifier it
gives, such as `GB-COH-01234567` (a company) or `GB-CHC-1234567` (a charity).

One table says which lists the network takes, what an identifier on each looks like, and
where each list's public register shows an organisation. The model field, the import and
the structured data on pages all read it.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError


@dataclass(frozen=True)
class Scheme:
    prefix: str
    name: str
    pattern: str  # what the part after the prefix looks like
    example: str
    register: str = ""  # the public register's page for one identifier, `{id}` for it

    def register_url(self, identifier: str) -> str:
        return self.register.format(id=identifier) if self.register else ""


SCHEMES = {
    scheme.prefix: scheme
    for scheme in (
        Scheme(
            "GB-COH",
            "Companies House",
            r"(?:[0-9]{8}|[A-Z]{2}[0-9]{6})",
            "GB-COH-01234567",
            "https://find-and-update.company-information.service.gov.uk/company/{id}",
        ),
        Scheme(
            "GB-CHC",
            "Charity Commission for England and Wales",
            r"[0-9]{6,8}",
            "GB-CHC-1234567",
            "https://register-of-charities.charitycommission.gov.uk/charity-search/-/charity-details/{id}",
        ),
        Scheme(
            "GB-SC",
            "Scottish Charity Regulator",
            r"SC[0-9]{6}",
            "GB-SC-SC012345",
            "https://www.oscr.org.uk/about-charities/search-the-register/charity-details?number={id}",
        ),
        Scheme(
            "GB-NIC",
            "Charity Commission for Northern Ireland",
            r"[0-9]{6}",
            "GB-NIC-100002",
            "https://www.charitycommissionni.org.uk/charity-details/?regId={id}",
        ),
        Scheme(
            "GB-MPR",
            "Mutuals Public Register",
            r"[0-9]{1,6}R?",
            "GB-MPR-12345R",
        ),
        Scheme("GB-LAE", "Local authorities in England", r"[A-Z]{3,4}", "GB-LAE-LBH"),
        Scheme("GB-LAS", "Local authorities in Scotland", r"[A-Z]{3,4}", "GB-LAS-EDH"),
        Scheme("GB-PLA", "Principal local authorities in Wales", r"[A-Z]{3,4}", "GB-PLA-CRF"),
        Scheme("GB-LANI", "Local councils in Northern Ireland", r"[A-Z]{3,4}", "GB-LANI-BFS"),
        Scheme("GB-NHS", "NHS organisation data service", r"[A-Z0-9]{3,5}", "GB-NHS-RJ1"),
        Scheme("GB-GOR", "UK government organisations", r"[A-Z]{1,3}[0-9]{1,5}", "GB-GOR-D1"),
        Scheme(
            "GB-EDU",
            "Schools in England and Wales",
            r"[0-9]{6}",
            "GB-EDU-100000",
            "https://get-information-schools.service.gov.uk/Establishments/Establishment/Details/{id}",
        ),
        Scheme("GB-UKPRN", "UK register of learning providers", r"1[0-9]{7}", "GB-UKPRN-10007788"),
    )
}
_SHAPE = re.compile(r"^(?P<prefix>[A-Z]{2}-[A-Z]{2,5})-(?P<id>.+)$")
MAX_LENGTH = 64


def normalise(value: str) -> str:
    """As written, without surrounding space and in capitals: `gb-coh-01234567` is
    `GB-COH-01234567`."""
    return value.strip().upper()


def split(value: str) -> tuple[Scheme, str]:
    """The scheme and the identifier within it, or a ValidationError saying what is
    wrong in one sentence."""
    value = normalise(value)
    match = _SHAPE.match(value)
    scheme = SCHEMES.get(match["prefix"]) if match else None
    if scheme is None:
        raise ValidationError(
            f"“{value}” is not an organisation identifier the network knows. It starts with "
            f"a list's prefix, such as {', '.join(SCHEMES)}, then a hyphen and the "
            "identifier on that list: for example GB-COH-01234567.",
            code="org_id_scheme",
        )
    identifier = match["id"] if match else ""
    if not re.fullmatch(scheme.pattern, identifier):
        raise ValidationError(
            f"“{identifier}” is not an identifier on {scheme.name} ({scheme.prefix}); "
            f"one looks like {scheme.example}.",
            code="org_id_shape",
        )
    return scheme, identifier


def validate(value: str) -> None:
    if value:
        split(value)


def register_url(value: str) -> str:
    """The public register's page for the organisation, or "" when its list has none
    (or the identifier is not valid)."""
    try:
        scheme, identifier = split(value)
    except ValidationError:
        return ""
    return scheme.register_url(identifier)
