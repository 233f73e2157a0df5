"""The links an email carries, read as the site's own URL names.

An email's links are built with `reverse()`, so each must resolve to the view it names;
a path written by hand would drift from the URLconf without any test noticing.
"""

import re
from urllib.parse import urlsplit

from django.urls import resolve


def named_links(text: str, base: str) -> dict[str, str]:
    """{view name: URL} for every link on `base` in `text` (the site's root left out)."""
    links = set(re.findall(re.escape(base) + r"/[^\s\"'<>]*", text)) - {f"{base}/"}
    return {resolve(urlsplit(link).path).view_name: link for link in links}
