"""The contribution form: the fields of a case study a member writes, with their limits.

Sizes are checked here with messages a person can act on; the Markdown is rendered only
through `casestudies.markdown`, and links must be web or email addresses."""

import datetime

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator

from base.clean_text import LineField, ProseField
from casestudies.contributions.drafts import Draft
from taxonomy.models import Organisation, OutcomeArea, Region, Sector, Stage, Theme

from .links import links_message
from .parts import PARTS

TITLE_MAX = 150
SUMMARY_MAX = 600
BODY_MAX = 30_000
ORGANISATION_MAX = 200
TAGS_MAX = 10
TAG_MAX = 50


def _terms(model, label, help_text):
    return forms.ModelMultipleChoiceField(
        model.objects.all(),
        required=False,
        label=label,
        help_text=help_text,
        widget=forms.CheckboxSelectMultiple,
    )


def _part(formset, data, initial):
    """One part's rows; a post without them (an older page, a script) has none."""
    prefix = formset.get_default_prefix()
    if data is not None and f"{prefix}-TOTAL_FORMS" not in data:
        data = {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    return formset(data, initial=initial or None)


class ContributionForm(forms.Form):
    title = LineField(
        max_length=TITLE_MAX,
        label="Title",
        help_text=(
            "What was done and where, for example "
            "“Co-operative commissioning of youth services in Lambeth”."
        ),
    )
    summary = ProseField(
        max_length=SUMMARY_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Summary",
        help_text=(
            "One or two sentences shown in listings and search results "
            f"(up to {SUMMARY_MAX} characters). Needed before you submit it for review."
        ),
    )
    lead_organisation = LineField(
        max_length=ORGANISATION_MAX,
        required=False,
        label="Lead organisation",
        help_text=(
            "The organisation that led the work. Choose one the network lists, or type a new name."
        ),
    )
    region = forms.ModelChoiceField(
        Region.objects.all(),
        required=False,
        to_field_name="slug",
        label="Region",
        help_text="Where the work took place.",
    )
    body = ProseField(
        max_length=BODY_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 18}),
        label="The case study",
        help_text=(
            "Written in Markdown: a blank line starts a paragraph, ## starts a heading, "
            "**bold**, *italic*, [a link](https://example.org) and - for a list. "
            f"Up to {BODY_MAX:,} characters. Needed before you submit it for review."
        ),
    )
    sectors = _terms(Sector, "Sectors", "The sectors of the organisations involved.")
    themes = _terms(Theme, "Themes", "Which of the three issues it shows.")
    stages = _terms(
        Stage, "Commissioning stages", "The stages of the commissioning cycle it covers."
    )
    outcome_areas = _terms(OutcomeArea, "Outcome areas", "The kinds of social value it produced.")
    year = forms.IntegerField(
        required=False,
        min_value=1990,
        label="Year",
        help_text="The year the work started or was commissioned, for example 2019.",
    )
    tags = LineField(
        max_length=TAGS_MAX * (TAG_MAX + 2),
        required=False,
        label="Tags",
        help_text=(
            "Other words people might search for, separated by commas, for example "
            f"“co-production, youth services”. Up to {TAGS_MAX}."
        ),
    )
    may_share = forms.BooleanField(
        required=False, label="I have permission to share this account of the work."
    )
    no_service_users = forms.BooleanField(
        required=False,
        label="It names no person who uses services, unless they agreed to be named.",
    )
    licence = forms.BooleanField(
        required=False,
        label=(
            "I agree that it is published under the Creative Commons Attribution 4.0 "
            "licence (CC BY 4.0)."
        ),
    )

    CONFIRMATIONS = ("may_share", "no_service_users", "licence")

    def __init__(self, data=None, *, initial=None, submitting=False):
        super().__init__(data, initial=initial)
        self.submitting = submitting
        self.parts = {
            name: _part(formset, data, (initial or {}).get(name)) for name, formset in PARTS.items()
        }
        next_year = datetime.date.today().year + 1
        self.fields["year"].validators.append(MaxValueValidator(next_year))
        self.fields["year"].widget.attrs["max"] = next_year
        # allauth-style trap for robots: a field people never see, named like a real one.
        self.honeypot = settings.ACCOUNT_SIGNUP_FORM_HONEYPOT_FIELD
        self.fields[self.honeypot] = forms.CharField(
            required=False,
            label="Leave this empty",
            widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
        )

    def is_trapped(self) -> bool:
        return bool(self.data.get(self.honeypot))

    def clean_body(self):
        body = self.cleaned_data["body"]
        if message := links_message(body):
            raise forms.ValidationError(message)
        return body

    def clean_tags(self):
        words = (tag.strip() for tag in self.cleaned_data["tags"].split(","))
        tags = list(dict.fromkeys(tag for tag in words if tag))
        if len(tags) > TAGS_MAX:
            raise forms.ValidationError(
                f"Use up to {TAGS_MAX} tags; you have {len(tags)}. Keep the ones people would "
                "search for."
            )
        if long := [tag for tag in tags if len(tag) > TAG_MAX]:
            raise forms.ValidationError(
                f"Each tag can be up to {TAG_MAX} characters. Shorten “{long[0][:60]}…” or "
                "separate it into tags with commas."
            )
        return tags

    def is_valid(self) -> bool:
        parts_valid = [part.is_valid() for part in self.parts.values()]
        return super().is_valid() and all(parts_valid)

    def part_errors(self) -> list[tuple[str, str]]:
        """(the id of a box, its message) for every error in the rows, for the summary."""
        found = []
        for part in self.parts.values():
            found += [(f"id_{part.prefix}-errors", error) for error in part.non_form_errors()]
            for row in part.forms:
                for name, errors in row.errors.items():
                    found += [(row[name].auto_id, error) for error in errors]
        return found

    def all_errors(self) -> list[str]:
        """Every message on the form and its rows, for autosave's one-line answer."""
        own = [str(error) for errors in self.errors.values() for error in errors]
        return own + [str(error) for _, error in self.part_errors()]

    def clean(self):
        cleaned = super().clean()
        if self.submitting:
            if not cleaned.get("summary"):
                self.add_error("summary", "Write a summary before submitting it for review.")
            if not (cleaned.get("body") or "").strip():
                self.add_error("body", "Write the case study before submitting it for review.")
            for name in self.CONFIRMATIONS:
                if not cleaned.get(name):
                    self.add_error(name, "Tick this to confirm before submitting.")
        return cleaned

    def draft(self) -> Draft:
        data = self.cleaned_data
        name = (data.get("lead_organisation") or "").strip()
        organisation = Organisation.objects.filter(name__iexact=name).first() if name else None
        partners = list(dict.fromkeys(row["name"] for row in self.parts["partners"].values()))
        return Draft(
            title=data["title"],
            summary=data.get("summary", ""),
            body=data.get("body", ""),
            lead_organisation=organisation,
            lead_organisation_name="" if organisation else name,
            region=data.get("region"),
            year=data.get("year"),
            sectors=list(data.get("sectors") or []),
            themes=list(data.get("themes") or []),
            stages=list(data.get("stages") or []),
            outcome_areas=list(data.get("outcome_areas") or []),
            tags=data.get("tags") or [],
            partners=[partner for partner in partners if isinstance(partner, Organisation)],
            partner_names=[partner for partner in partners if isinstance(partner, str)],
            outcomes=self.parts["outcomes"].values(),
            lessons=self.parts["lessons"].values(),
            sources=self.parts["sources"].values(),
        )

    @classmethod
    def initial_from(cls, draft: Draft) -> dict:
        organisation = draft.lead_organisation
        return {
            "title": draft.title,
            "summary": draft.summary,
            "body": draft.body,
            "lead_organisation": organisation.name
            if organisation
            else draft.lead_organisation_name,
            "region": draft.region,
            "year": draft.year,
            "sectors": draft.sectors,
            "themes": draft.themes,
            "stages": draft.stages,
            "outcome_areas": draft.outcome_areas,
            "tags": ", ".join(draft.tags),
            "partners": [
                *({"name": organisation.name} for organisation in draft.partners),
                *({"name": name} for name in draft.partner_names),
            ],
            "outcomes": draft.outcomes,
            "lessons": draft.lessons,
            "sources": draft.sources,
        }
