"""The site's primary navigation: the pages editors put in the menu, then what members
do (the directory, questions to and from peers, sharing a case study) and email alerts,
so each is one click from every page.

The sections are the live, public pages directly below the site's home page that have
"Show in menus" ticked (Wagtail's `show_in_menus`), in their order in the page tree, so
editors choose, rename and reorder them in the admin. The lookup runs once per request.
"""

from django import template

from wagtail.models import Page, Site

register = template.Library()

_CACHE_ATTRIBUTE = "_navigation_sections"
MEMBERS = {"label": "Members", "url": "/members/"}
# What people do here, after the sections editors choose.
ACTIONS = [
    MEMBERS,
    {"label": "Questions", "url": "/questions/"},
    {"label": "Share a case study", "url": "/contribute/"},
    {"label": "Email alerts", "url": "/newsletter/"},
]


def _sections(request):
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return ACTIONS
    pages = site.root_page.get_children().live().public().in_menu().specific()
    return [{"label": page.title, "url": page.get_url(request)} for page in pages] + ACTIONS


def _current(url, path):
    """`page` on the section's own page, `true` anywhere below it, else empty."""
    if not url or not path:
        return ""
    if path == url:
        return "page"
    return "true" if url != "/" and path.startswith(url) else ""


@register.simple_tag(takes_context=True)
def nav_links(context):
    """The primary sections as dicts of `label`, `url` and `current` (for aria-current)."""
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
