"""The member pickers of the page editor: seminar speakers and case study contacts.

They offer only listed profiles, so an editor cannot link a page to someone who is hidden,
suspended or unconfirmed (the page would then point at them). A link made before the
profile was withdrawn stays a valid choice on that row, so the page can still be saved
as it is; the public page already names such a person without a link.
"""

from django import forms
from django.db import models
from django.db.models import Q

from wagtail.admin.forms.models import register_form_field_override

from .models import Profile


class ListedProfileChoiceField(forms.ModelChoiceField):
    def get_bound_field(self, form, field_name):
        # Each form has its own copy of the field, so the row's current link can be kept.
        current = form.initial.get(field_name)
        listed = Profile.objects.listed().values("pk")
        self.queryset = Profile.objects.filter(Q(pk__in=listed) | Q(pk=current))
        return super().get_bound_field(form, field_name)


def register() -> None:
    """Use the listed-only picker wherever a Wagtail admin form links to a profile."""
    register_form_field_override(
        models.ForeignKey, to=Profile, override={"form_class": ListedProfileChoiceField}
    )
