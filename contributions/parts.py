"""The parts of a contribution that come in rows: outcomes, lessons, sources and partner
organisations.

Each part is a formset whose blank rows are ignored, so the page offers a few empty rows
and works without JavaScript (saving the draft brings fresh blank rows); with it,
`contribute.js` adds rows on "Add another". Each part has a limit on its rows and on the
size of every box, with messages that say what to do.
"""

from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from base.clean_text import LineField, ProseField
from casestudies.evidence import OUTCOME_EVIDENCE_CHOICES
from taxonomy.models import Organisation

from .links import links_message

SHORT_MAX = 255
EVIDENCE_MAX = 2_000
LESSON_MAX = 5_000
URL_MAX = 500
BLANK_ROWS = 1


class OutcomeForm(forms.Form):
    measure = LineField(
        max_length=SHORT_MAX,
        required=False,
        label="What changed",
        help_text="What was measured, for example “local people in work”.",
    )
    before = LineField(
        max_length=SHORT_MAX,
        required=False,
        label="Before",
        help_text="For example “12”.",
    )
    after = LineField(
        max_length=SHORT_MAX,
        required=False,
        label="After",
        help_text="For example “40”.",
    )
    evidence = ProseField(
        max_length=EVIDENCE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Evidence",
        help_text="Where the figures come from, for example “the council's payroll”.",
    )
    evidence_type = forms.ChoiceField(
        choices=[("", "Not stated"), *OUTCOME_EVIDENCE_CHOICES],
        required=False,
        label="Kind of evidence",
        help_text="What the figures rest on.",
    )

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        others = any(cleaned.get(name) for name in ("before", "after", "evidence", "evidence_type"))
        if others and not cleaned.get("measure"):
            self.add_error("measure", "Say what changed, or clear this outcome's other boxes.")
        return cleaned


class LessonForm(forms.Form):
    title = LineField(
        max_length=SHORT_MAX,
        required=False,
        label="Lesson",
        help_text="In a sentence, for example “Ask residents before writing the specification”.",
    )
    body = ProseField(
        max_length=LESSON_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="What happened",
        help_text=(
            f"How you learnt it, in Markdown like the case study (up to {LESSON_MAX:,} characters)."
        ),
    )

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        if cleaned.get("body") and not cleaned.get("title"):
            self.add_error("title", "Sum the lesson up in a sentence, or clear its text.")
        if message := links_message(cleaned.get("body", "")):
            self.add_error("body", message)
        return cleaned


class SourceForm(forms.Form):
    title = LineField(
        max_length=SHORT_MAX,
        required=False,
        label="Source",
        help_text="A report, article or web page, for example “Cabinet report, March 2015”.",
    )
    url = LineField(
        max_length=URL_MAX,
        required=False,
        label="Web address",
        help_text="Starting https:// or http://, if it is online.",
        widget=forms.URLInput(attrs={"inputmode": "url"}),
    )

    def clean_url(self):
        url = self.cleaned_data["url"].strip()
        if url.lower().startswith("www."):
            # What people copy from a printed page: the web address it clearly is.
            url = f"https://{url}"
        if url:
            try:
                URLValidator(schemes=["http", "https"])(url)
            except ValidationError:
                raise ValidationError(
                    "Write a web address that starts with https:// or http://, for example "
                    "https://example.org/report.pdf."
                ) from None
        return url

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        if cleaned.get("url") and not cleaned.get("title"):
            self.add_error("title", "Give this source a title, or clear its web address.")
        return cleaned


class PartnerForm(forms.Form):
    name = LineField(
        max_length=SHORT_MAX,
        required=False,
        label="Partner organisation",
        help_text="Choose one of the organisations the network lists as you type, or type a "
        "new name.",
        widget=forms.TextInput(attrs={"list": "organisation-options", "autocomplete": "off"}),
    )

    def clean_name(self):
        """The Organisation of that name (in any case), or the name as typed: an editor adds
        an organisation the network does not list yet."""
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            return None
        return Organisation.objects.filter(name__iexact=name).first() or name


class Rows(forms.BaseFormSet):
    """Rows of one part; blank rows are ignored, and at most `limit` may be filled."""

    limit = 10
    noun = "rows"
    row_name = "Row"
    default_prefix = "rows"

    @classmethod
    def get_default_prefix(cls):
        return cls.default_prefix

    def __init__(self, *args, blank_rows=BLANK_ROWS, **kwargs):
        super().__init__(*args, **kwargs)
        self.extra = blank_rows

    def clean(self):
        if not any(self.errors) and len(self.values()) > self.limit:
            raise ValidationError(
                f"You can add up to {self.limit} {self.noun}. Remove one to add another."
            )

    def values(self) -> list:
        """The filled rows, each as its cleaned data (rows with errors left out)."""
        rows = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if data and not form.errors and any(data.values()):
                rows.append(data)
        return rows


def rows(
    form, part_limit: int, noun: str, prefix: str, row_name: str, blank_rows: int = BLANK_ROWS
):
    """A formset class for one part, bounded so a request cannot ask for endless rows.
    `row_name` names one row in messages ("Source 2, web address: …")."""
    # The class made is a subclass of `Rows`, which formset_factory's type does not say.
    formset = cast(
        type[Rows],
        forms.formset_factory(
            form,
            formset=Rows,
            extra=0,
            max_num=part_limit + blank_rows,
            absolute_max=part_limit + blank_rows,
        ),
    )
    formset.limit = part_limit
    formset.noun = noun
    formset.row_name = row_name
    formset.default_prefix = prefix
    formset.default_error_messages = {
        **forms.BaseFormSet.default_error_messages,
        "too_many_forms": f"You can add up to {part_limit} {noun}. Remove one to add another.",
        "missing_management_form": (
            f"The {noun} on this page could not be read. Reload the page and try again."
        ),
    }
    return formset


PARTS = {
    "outcomes": rows(OutcomeForm, 10, "outcomes", "outcomes", "Outcome"),
    "lessons": rows(LessonForm, 10, "lessons", "lessons", "Lesson"),
    "sources": rows(SourceForm, 10, "sources", "sources", "Source"),
    "partners": rows(PartnerForm, 10, "partner organisations", "partners", "Partner"),
}
