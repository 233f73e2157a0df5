"""Flags a form field carries for the site's field templates: `components/form_field.html`
reads `not_marked_optional`, and the newsletter's and allauth's field templates read
`is_honeypot`.

Django's `Field` declares no attribute for a template's own use, so each flag is set
here, in one place, rather than on fields up and down the apps.
"""

from django import forms


def mark_not_optional(field: forms.Field) -> None:
    """Never mark the field "(optional)", though it may be left empty: a box needed only
    to submit a draft, or a choice with a default."""
    field.not_marked_optional = True  # type: ignore[attr-defined]  # the template's flag


def mark_honeypot(field: forms.Field) -> None:
    """Render the field off-screen and hidden from assistive technology: people do not
    fill it in, scripts that fill every field do."""
    field.is_honeypot = True  # type: ignore[attr-defined]  # the template's flag
