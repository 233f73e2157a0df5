"""Template tags for listings: links that keep the visitor's filters, and page ranges."""

from django import template
from django.http import QueryDict

register = template.Library()


@register.simple_tag(takes_context=True)
def with_param(context, key, value, drop=""):
    """The current URL's query string with `key` set to `value`.

    An empty or None `value` removes `key`. `drop` names another parameter to remove,
    typically "page", so that changing a filter starts again from the first page.
    Returns the bare path when nothing is left, so a link never points at a stray "?".
    """
    request = context.get("request")
    query = request.GET.copy() if request is not None else QueryDict(mutable=True)
    if value in (None, ""):
        query.pop(key, None)
    else:
        query[key] = value
    if drop:
        query.pop(drop, None)
    encoded = query.urlencode()
    if encoded:
        return f"?{encoded}"
    return request.path if request is not None else "?"


@register.simple_tag
def page_range(page_obj, on_each_side=1, on_ends=1):
    """The page numbers to offer around the current page, with ellipses between gaps."""
    return page_obj.paginator.get_elided_page_range(
        page_obj.number, on_each_side=on_each_side, on_ends=on_ends
    )


@register.filter
def lookup(mapping, key):
    """`mapping[key]`, or None when it is missing: for dicts keyed by a variable."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None
