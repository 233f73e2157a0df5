"""Template tags of search: related case studies on a case study page."""

from django import template

from search.kinds import document_id, viewer_for
from search.service import related
from search.visibility import ANONYMOUS

register = template.Library()


@register.simple_tag(takes_context=True)
def related_case_studies(context, page, limit=4):
    """Up to `limit` other published case studies like `page`, related by text and by
    shared facets; never the page itself, never a draft."""
    request = context.get("request")
    user = getattr(request, "user", None)
    viewer = viewer_for(user) if user is not None else ANONYMOUS
    return related(document_id("case_study", page.pk), viewer, limit)
