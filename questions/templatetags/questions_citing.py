"""The questions that cite a page, on the case study and seminar pages: their templates
load this library, so casestudies (below questions) names nothing of this app."""

from django import template

from .. import citations

register = template.Library()


@register.inclusion_tag("questions/_citing.html", takes_context=True)
def questions_citing(context, page):
    """Live questions the viewer may read whose question or an answer cites `page`: public
    ones only for an anonymous visitor, whose copy of the page the page cache shares."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"questions": citations.questions_citing(page, user) if user is not None else []}
