"""Email addresses in the one form subscribers are stored and looked up in.

Mail systems treat `"fz"@probe.test`, `fz@probe.test` and `fz@Probe.TEST` as one
mailbox, so the newsletter must too, or one person becomes two subscribers with two
consents and two sets of limits. The local part keeps its case (some servers honour
it); lookups compare case-insensitively, as the unique constraint does.
"""

from email.errors import MessageError
from email.headerregistry import Address


def normalise(email: str) -> str:
    """The address stripped, its local part unquoted where quotes change nothing, and
    its domain in lower case. What the standard library cannot parse (a non-ASCII local
    part, say) is only stripped and has its domain lower-cased."""
    email = email.strip()
    try:
        parsed = Address(addr_spec=email)
    except (ValueError, MessageError):
        local, at, domain = email.rpartition("@")
        return f"{local}{at}{domain.lower()}" if at else email
    return Address(username=parsed.username, domain=parsed.domain.lower()).addr_spec
