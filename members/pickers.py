"""The member pickers of the page editor: seminar speakers and case study contacts.

A picker is a chooser with search (Wagtail's chooser modal), listing each profile with
its organisation. It offers only listed profiles, and the form accepts only those, so an
editor cannot link a page to someone who is hidden, suspended or unconfirmed (the page
would then point at them). A link made before the profile was withdrawn stays a valid
choice on that row, so the page can still be saved as it is; the public page already
names such a person without a link.
"""

from django import forms
from django.db import models
from django.db.models import Q

from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.chooser import BaseChooseView, ChooseResultsView, ChooseView
from wagtail.admin.viewsets.chooser import ChooserViewSet

from .models import Profile


class ListedProfileChoiceField(forms.ModelChoiceField):
    def get_bound_field(self, form, field_name):
        # Each form has its own copy of the field, so the row's current link can be kept.
        current = form.initial.get(field_name)
        listed = Profile.objects.listed().values("pk")
        self.queryset = Profile.objects.filter(Q(pk__in=listed) | Q(pk=current))
        return super().get_bound_field(form, field_name)


class ProfileSearchForm(BaseFilterForm):
    """Search by a part of the name or of the organisation."""

    q = forms.CharField(
        label="Search by name or organisation",
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "Name or organisation"}),
    )

    def filter(self, objects):
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            objects = objects.filter(
                Q(display_name__icontains=query)
                | Q(organisation__name__icontains=query)
                | Q(organisation_name__icontains=query)
            )
            self.is_searching = True
            self.search_query = query
        return objects


class _ProfileColumns(BaseChooseView):
    filter_form_class = ProfileSearchForm

    @property
    def title_column(self):
        column = super().title_column
        column.label = "Name"
        return column

    @property
    def columns(self):
        return [
            *super().columns,
            Column("organisation", label="Organisation", accessor="organisation_label"),
        ]


class ProfileChooseView(_ProfileColumns, ChooseView):
    pass


class ProfileChooseResultsView(_ProfileColumns, ChooseResultsView):
    pass


class ProfileChooserViewSet(ChooserViewSet):
    model = Profile
    icon = "user"
    choose_one_text = "Choose a member profile"
    choose_another_text = "Choose another profile"
    page_title = "Choose a listed member profile"
    per_page = 20
    choose_view_class = ProfileChooseView
    choose_results_view_class = ProfileChooseResultsView
    # `register` below sets the widget together with the listed-only form field.
    register_widget = False

    def get_object_list(self):
        return (
            Profile.objects.listed().select_related("organisation").order_by("display_name", "pk")
        )


profile_chooser = ProfileChooserViewSet("member_profile_chooser")


def register() -> None:
    """Use the listed-only chooser wherever a Wagtail admin form links to a profile."""
    register_form_field_override(
        models.ForeignKey,
        to=Profile,
        override={
            "form_class": ListedProfileChoiceField,
            "widget": profile_chooser.widget_class,
        },
    )
