"""Linking practice to people: a profile is linked only where the viewer may see it, and
the people who can help on a page's topic."""

from django import template

from members import helpers
from members.visibility import can_view

register = template.Library()


@register.simple_tag(takes_context=True)
def visible_profile(context, profile):
    """The profile if the current viewer may open it, else None."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return profile if profile is not None and can_view(user, profile) else None


@register.inclusion_tag("components/members/people_who_can_help.html", takes_context=True)
def people_who_can_help(context, terms=None, about="", exclude=None, **more_terms):
    """The people who can help on a topic, given as a mapping of facet names to terms
    (`terms`: a search's filters) and as keywords (`theme=page.themes.all`); "Ask them"
    links the message to `about`, by default this page. `exclude`: a profile id to leave
    out (a question's asker)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    subject = helpers.topic({**(terms or {}), **more_terms})
    people = helpers.people_who_can_help(subject, user, exclude=[exclude] if exclude else [])
    return {"people": people, "about": about or (request.get_full_path() if request else "")}
