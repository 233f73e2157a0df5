"""What an issue page shows, for its templates: the items it lists, and the whole issue as
its email, for the editor's "Email" preview. Here rather than on the page model, so the
models (which the email code reads) do not depend on the email code."""

from django import template
from django.utils.safestring import mark_safe

from .. import issues

register = template.Library()


@register.simple_tag
def issue_items(page) -> list[issues.Item]:
    return issues.items(page)


@register.simple_tag
def issue_as_email(page) -> str:
    # The email's own template escaped everything it was given.
    return mark_safe(issues.preview_html(issues.render(page)))  # noqa: S308
