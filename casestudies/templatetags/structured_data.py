"""`{% structured_data page %}`: the page's schema.org JSON-LD (`casestudies.structured_data`)
in a script element, for the head of every page; nothing for pages that have none."""

from django import template

from casestudies import structured_data as data

register = template.Library()


@register.simple_tag(takes_context=True)
def structured_data(context, page=None):
    if page is None or not hasattr(page, "specific_class"):
        return ""
    return data.script(data.for_page(page, context.get("request")))
