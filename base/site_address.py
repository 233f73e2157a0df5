"""The site's own address, SITE_BASE_URL. Every URL that leaves a page (emails, feeds,
pings, the sitemap) is built on it, never on the host a request arrived on."""

from django.conf import settings


def site_url() -> str:
    return settings.SITE_BASE_URL.rstrip("/")


def absolute(url: str) -> str:
    """A path on the site made absolute, e.g. absolute("/privacy/"); a URL that is
    absolute already (a link to another site) is kept as it is."""
    return site_url() + url if url.startswith("/") else url
