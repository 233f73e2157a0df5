"""Links in a member's Markdown may only be web or email addresses: anything else
(`javascript:`, `data:`, …) is refused with a message naming it, before the sanitiser
ever sees it."""

import re

ALLOWED_SCHEMES = ("http", "https", "mailto")
# Inline links and images `](target)`, autolinks `<target>` and reference definitions.
_LINKS = re.compile(
    r"\]\(\s*<?([^)\s>]+)|<([a-zA-Z][\w+.-]*:[^>\s]*)>|^\s*\[[^\]]+\]:\s*<?(\S+?)>?\s*$", re.M
)
_SCHEME = re.compile(r"^([a-zA-Z][\w+.-]*):")


def bad_links(text: str) -> list[str]:
    """Link targets in Markdown whose scheme is not http, https or mailto."""
    found = []
    for match in _LINKS.finditer(text or ""):
        target = next(group for group in match.groups() if group)
        scheme = _SCHEME.match(target)
        if scheme and scheme.group(1).lower() not in ALLOWED_SCHEMES:
            found.append(target)
    return found


def links_message(text: str) -> str:
    """What to change when `text` has links of other schemes, or ""."""
    bad = bad_links(text)
    if not bad:
        return ""
    return (
        "Links must start with http://, https:// or mailto:. Change or remove: "
        + ", ".join(bad[:3])
        + "."
    )
