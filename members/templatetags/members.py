"""Linking practice to people: a profile is linked only where the viewer may see it."""

from django import template

from members.visibility import can_view

register = template.Library()


@register.simple_tag(takes_context=True)
def visible_profile(context, profile):
    """The profile if the current viewer may open it, else None."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return profile if profile is not None and can_view(user, profile) else None
