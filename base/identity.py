"""Who the site says it is, wherever it speaks: its name and its address.

The name is the default Wagtail site's name (editable under Settings → Sites), or the
WAGTAIL_SITE_NAME setting; the address is SITE_BASE_URL. Pages and emails use these,
never the host a request happened to arrive on.
"""

from django.conf import settings

from wagtail.models import Site

from base.site_address import absolute, site_url

__all__ = ["absolute", "identity", "site_name", "site_url"]


def site_name(request=None) -> str:
    if request is not None:
        site = Site.find_for_request(request)  # cached on the request by Wagtail
    else:
        site = Site.objects.filter(is_default_site=True).only("site_name").first()
    return (site.site_name if site else "") or settings.WAGTAIL_SITE_NAME


def identity(request=None) -> dict[str, str]:
    """A context processor, and the common context of every email."""
    return {"site_name": site_name(request), "site_url": site_url()}
