"""The site's primary navigation: where the section index pages live.

The index pages are ordinary Wagtail pages that editors may move, rename or not yet have
created, so their URLs are looked up rather than written into templates. The lookup runs
once per request, and a section without a live index page simply has no link.
"""

from django import template

from wagtail.models import Page, Site

register = template.Library()

_CACHE_ATTRIBUTE = "_navigation_sections"


def _index_page(model, site):
    pages = model.objects.live().public()
    if site is not None:
        pages = pages.descendant_of(site.root_page, inclusive=True)
    return pages.order_by("path").first()


def _section(label, model, request, site):
    page = _index_page(model, site)
    url = page.get_url(request) if page is not None else None
    return {"label": label, "url": url}


def _sections(request):
    from casestudies.models import CaseStudyIndexPage, SeminarIndexPage

    site = Site.find_for_request(request) if request is not None else None
    return [
        _section("Case studies", CaseStudyIndexPage, request, site),
        _section("Seminars", SeminarIndexPage, request, site),
        {"label": "Members", "url": "/members/"},
    ]


def _current(url, path):
    """`page` on the section's own page, `true` anywhere below it, else empty."""
    if not url or not path:
        return ""
    if path == url:
        return "page"
    return "true" if url != "/" and path.startswith(url) else ""


@register.simple_tag(takes_context=True)
def nav_links(context):
    """The primary sections as dicts of `label`, `url` and `current` (for aria-current).

    Sections whose index page does not exist are left out.
    """
    request = context.get("request")
    sections = getattr(request, _CACHE_ATTRIBUTE, None)
    if sections is None:
        sections = _sections(request)
        if request is not None:
            setattr(request, _CACHE_ATTRIBUTE, sections)
    path = getattr(request, "path", "")
    return [
        {**section, "current": _current(section["url"], path)}
        for section in sections
        if section["url"]
    ]


@register.simple_tag(takes_context=True)
def section_url(context, label):
    """The URL of one primary section by its label, or an empty string if it has none."""
    for section in nav_links(context):
        if section["label"] == label:
            return section["url"]
    return ""


@register.simple_tag
def breadcrumb_trail(page):
    """The pages above `page` within its site, from the home page down.

    Empty for the home page itself, and for anything that is not a Wagtail page.
    """
    if not isinstance(page, Page):
        return []
    site = page.get_site()
    if site is None:
        return []
    root = site.root_page
    return list(page.get_ancestors().filter(path__startswith=root.path, depth__gte=root.depth))
