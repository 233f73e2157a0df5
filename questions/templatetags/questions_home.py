"""Questions on the home page: the home page template loads this library, so the home
page (in casestudies, below questions) names nothing of this app."""

from django import template

from ..models import Audience, Question

register = template.Library()

PINNED_SHOWN = 3


@register.simple_tag
def pinned_questions() -> list[Question]:
    """Questions editors pinned, newest pin first: public ones only, as the home page is
    the same for every visitor (and cached for anonymous ones)."""
    return list(
        Question.objects.live()
        .filter(audience=Audience.PUBLIC, pinned_at__isnull=False)
        .order_by("-pinned_at")[:PINNED_SHOWN]
    )
