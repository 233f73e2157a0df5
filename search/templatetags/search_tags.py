"""Template tags of search: the documents related to a page's own (the "Related case
studies" on a case study page), for kinds that offer them, and the labels of a hit."""

from django import template

from search.facets import badges
from search.kinds import related_document_id, viewer_for
from search.service import related
from search.visibility import ANONYMOUS

register = template.Library()


@register.filter
def hit_badges(hit) -> list[str]:
    """The labels a listed hit shows for its facet values (`facets.badges`)."""
    return badges(hit.facets)


@register.simple_tag(takes_context=True)
def related_documents(context, page, limit=4):
    """Up to `limit` other published documents like `page`'s own, related by text and by
    shared facets; never the page itself, never a draft; none for a kind that does not
    offer related documents."""
    doc_id = related_document_id(page)
    if doc_id is None:
        return []
    request = context.get("request")
    user = getattr(request, "user", None)
    viewer = viewer_for(user) if user is not None else ANONYMOUS
    return related(doc_id, viewer, limit)
