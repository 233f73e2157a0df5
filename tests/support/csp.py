"""A Content Security Policy header read as its directives.

django-csp writes the directives in no fixed order (the policy means the same in any
order), so tests compare directives, never the header's text.
"""


def directives(header: str) -> dict[str, str]:
    """`"script-src 'self'; object-src 'none'"` -> {"script-src": "'self'", ...}."""
    pairs = (part.strip().partition(" ") for part in header.split(";") if part.strip())
    return {name: value.strip() for name, _, value in pairs}
