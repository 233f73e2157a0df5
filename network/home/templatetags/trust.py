"""Links to the site's own pages (about, contact, privacy, accessibility), found by the
purpose an editor gave them rather than by title, looked up once per request.

`{% trust_links as links %}` gives the footer's links; `{% privacy_link %}` is the line
beside every form that asks for personal data.
"""

from django import template

from network.home.models import Purpose, StandardPage

register = template.Library()

_CACHE_ATTRIBUTE = "_trust_pages"


def _pages(request) -> dict[str, str]:
    """Purpose -> URL of the live, public page that has it."""
    cached = getattr(request, _CACHE_ATTRIBUTE, None)
    if cached is not None:
        return cached
    pages = StandardPage.objects.live().public().exclude(purpose="")
    urls = {page.purpose: page.get_url(request) for page in pages}
    if request is not None:
        setattr(request, _CACHE_ATTRIBUTE, urls)
    return urls


@register.simple_tag(takes_context=True)
def trust_links(context):
    """The footer's links in a fixed order; the cookies link is the privacy notice's
    section on cookies, since the site sets only essential ones."""
    urls = _pages(context.get("request"))
    links = [
        {"label": purpose.label, "url": urls[purpose.value]}
        for purpose in Purpose
        if urls.get(purpose.value)
    ]
    if urls.get(Purpose.PRIVACY):
        links.append({"label": "Cookies", "url": f"{urls[Purpose.PRIVACY]}#cookies"})
    return links


@register.simple_tag(takes_context=True)
def privacy_url(context):
    return _pages(context.get("request")).get(Purpose.PRIVACY, "")


@register.inclusion_tag("components/privacy_link.html", takes_context=True)
def privacy_link(context, purpose="this information"):
    """ "How we use this information" beside a form; nothing when there is no notice."""
    return {"url": privacy_url(context), "purpose": purpose}
