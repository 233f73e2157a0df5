"""The contribution form: the fields of a case study a member writes, with their limits.

Sizes are checked here with messages a person can act on; the Markdown is rendered only
through `base.markdown`, and links must be web or email addresses."""

import dataclasses
import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.validators import MaxValueValidator

from base.clean_text import LineField, ProseField
from base.field_flags import mark_not_optional
from casestudies.evidence import LEVELS
from contributions.drafts import Draft
from taxonomy.models import Organisation, OutcomeArea, Region, Sector, Stage, Theme

from .links import links_message
from .parts import PARTS

TITLE_MAX = 150
SUMMARY_MAX = 600
BODY_MAX = 30_000
ORGANISATION_MAX = 200
TAGS_MAX = 10
TAG_MAX = 50
EVIDENCE_REASON_MAX = 2_000


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
    evidence_level = forms.ChoiceField(
        choices=[
            ("", "I am not sure"),
            *((level.slug, f"{level.label}. {level.meaning}") for level in LEVELS if level.number),
        ],
        required=False,
        widget=forms.RadioSelect,
        label="How strong is the evidence that it worked?",
        help_text="Propose a level; an editor weighs it and sets the level readers see.",
    )
    evidence_reason = ProseField(
        max_length=EVIDENCE_REASON_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Why this level",
        help_text=(
            "What the evidence is, for example “the university's evaluation compared 200 "
            "people with a matched group”."
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

    # What each unticked confirmation says on submitting: each its own words, so the
    # error summary never lists the same link text twice.
    CONFIRMATIONS = {
        "may_share": "Confirm that you have permission to share this account of the work.",
        "no_service_users": "Confirm that it names no person who uses services without "
        "their agreement.",
        "licence": "Agree to publishing it under the CC BY 4.0 licence.",
    }
    # Optional while writing, needed to submit: their labels do not say "(optional)".
    NEEDED_TO_SUBMIT = ("summary", "body")
    # The order of the page, which the error summary follows. Parts are named by the
    # prefix of their rows.
    LAYOUT = (
        "title",
        "summary",
        "lead_organisation",
        "region",
        "body",
        "outcomes",
        "lessons",
        "sources",
        "partners",
        "sectors",
        "themes",
        "stages",
        "outcome_areas",
        "year",
        "tags",
        "evidence_level",
        "evidence_reason",
        "may_share",
        "no_service_users",
        "licence",
    )
    # Where a form field's value lands in a Draft, when they differ.
    DRAFT_ATTRIBUTES = {"lead_organisation": ("lead_organisation", "lead_organisation_name")}

    def __init__(self, data=None, *, initial=None, submitting=False):
        super().__init__(data, initial=initial)
        self.submitting = submitting
        self.parts = {
            name: _part(formset, data, (initial or {}).get(name)) for name, formset in PARTS.items()
        }
        next_year = datetime.date.today().year + 1
        self.fields["year"].validators.append(MaxValueValidator(next_year))
        self.fields["year"].widget.attrs["max"] = next_year
        for name in self.NEEDED_TO_SUBMIT:
            mark_not_optional(self.fields[name])
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

    def errors_in_order(self) -> list[tuple[str, str, str]]:
        """(the id of a box, what the box is called, the message) for every error, in the
        order of the page: the error summary links to each, and autosave names each."""
        found = [("", "", str(error)) for error in self.non_field_errors()]
        for name in self.LAYOUT:
            if name in self.parts:
                found += self._part_errors(self.parts[name])
                continue
            field = self[name]
            target = field.id_for_label or f"{field.auto_id}_0"
            found += [(target, str(field.label), str(error)) for error in field.errors]
        return found

    @staticmethod
    def _part_errors(part) -> list[tuple[str, str, str]]:
        found = [(f"id_{part.prefix}-errors", part.noun, error) for error in part.non_form_errors()]
        for number, row in enumerate(part.forms, start=1):
            for name, errors in row.errors.items():
                if name == NON_FIELD_ERRORS:
                    continue
                called = (
                    f"{part.row_name} {number}, {row[name].label[0].lower()}{row[name].label[1:]}"
                )
                found += [(row[name].auto_id, called, str(error)) for error in errors]
        return found

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        if self.submitting:
            if not cleaned.get("summary"):
                self.add_error("summary", "Write a summary before submitting it for review.")
            if not (cleaned.get("body") or "").strip():
                self.add_error("body", "Write the case study before submitting it for review.")
            for name, message in self.CONFIRMATIONS.items():
                if not cleaned.get(name):
                    self.add_error(name, message)
        return cleaned

    def draft(self, previous: Draft | None = None) -> Draft:
        """The draft the form holds. On a form with errors (an autosave while the member
        is still writing), what is valid is kept: a box with an error keeps its value from
        `previous` (the draft as last saved), or stays empty, and rows with errors are
        left out until they are put right."""
        draft = self._draft()
        if previous is None:
            return draft
        kept = {}
        for name in self.errors:
            for attribute in self.DRAFT_ATTRIBUTES.get(name, (name,)):
                if hasattr(previous, attribute):
                    kept[attribute] = getattr(previous, attribute)
        return dataclasses.replace(draft, **kept)

    def _draft(self) -> Draft:
        data = self.cleaned_data
        name = (data.get("lead_organisation") or "").strip()
        organisation = Organisation.objects.filter(name__iexact=name).first() if name else None
        partners = list(dict.fromkeys(row["name"] for row in self.parts["partners"].values()))
        return Draft(
            title=data.get("title", ""),
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
            evidence_level=data.get("evidence_level") or "",
            evidence_reason=data.get("evidence_reason") or "",
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
            "evidence_level": draft.evidence_level,
            "evidence_reason": draft.evidence_reason,
            "partners": [
                *({"name": organisation.name} for organisation in draft.partners),
                *({"name": name} for name in draft.partner_names),
            ],
            "outcomes": draft.outcomes,
            "lessons": draft.lessons,
            "sources": draft.sources,
        }
