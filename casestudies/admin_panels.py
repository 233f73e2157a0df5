"""Editor panels that fit the content: inline rows titled by what they hold.

Wagtail titles each row of an InlinePanel "Speaker 1", "Speaker 2"…; a field rendered
with `title_input()` names its row instead (the speaker's name, the lesson's title), kept
up to date as the editor types, and rows that already hold something start collapsed.
That part is done in the browser by static/js/admin/editor.js, loaded into every
editor by casestudies/wagtail_hooks.py; without it the rows keep Wagtail's titles.
"""

from django import forms

from wagtail.admin.panels import InlinePanel


def title_input() -> forms.TextInput:
    """A text box whose value titles its inline row (read by editor.js)."""
    return forms.TextInput(attrs={"data-panel-title": ""})


class TitledInlinePanel(InlinePanel):
    """An InlinePanel whose rows are validated together by `formset`, a subclass of
    modelcluster's BaseChildFormSet (for rules across rows, such as unique slugs)."""

    def __init__(self, *args, formset=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.formset = formset

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "formset": self.formset}

    def get_form_options(self):
        options = super().get_form_options()
        if self.formset is not None:
            options["formsets"][self.relation_name]["formset"] = self.formset
        return options


class OrganisationsInput(forms.CheckboxSelectMultiple):
    """Many organisations as a short, searchable list of checkboxes: the chosen ones
    first, then the rest in a scrolling box with a search field (editor.js) that narrows
    it as the editor types. Without JavaScript it is a plain list of checkboxes."""

    template_name = "casestudies/admin/organisations_input.html"

    def optgroups(self, name, value, attrs=None):
        groups = super().optgroups(name, value, attrs)
        return sorted(groups, key=lambda group: not group[1][0]["selected"])
