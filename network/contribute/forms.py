"""The contribution form: the fields of a case study a member writes, with their limits.

Sizes are checked here with messages a person can act on; the Markdown is rendered only
through `casestudies.markdown`, and links must be web or email addresses."""

import datetime
import re

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator

from casestudies.contributions.drafts import Draft
from taxonomy.models import Organisation, OutcomeArea, Region, Sector, Stage, Theme

TITLE_MAX = 150
SUMMARY_MAX = 600
BODY_MAX = 30_000
ORGANISATION_MAX = 200
ALLOWED_SCHEMES = ("http", "https", "mailto")
# Inline links and images `](target)`, autolinks `<target>` and reference definitions.
_LINKS = re.compile(
    r"\]\(\s*<?([^)\s>]+)|<([a-zA-Z][\w+.-]*:[^>\s]*)>|^\s*\[[^\]]+\]:\s*<?(\S+?)>?\s*$", re.M
)
_SCHEME = re.compile(r"^([a-zA-Z][\w+.-]*):")


def bad_links(text: str) -> list[str]:
    """Link targets in Markdown whose scheme is not http, https or mailto."""
    found = []
    for match in _LINKS.finditer(text or ""):
        target = next(group for group in match.groups() if group)
        scheme = _SCHEME.match(target)
        if scheme and scheme.group(1).lower() not in ALLOWED_SCHEMES:
            found.append(target)
    return found


def _terms(model, label, help_text):
    return forms.ModelMultipleChoiceField(
        model.objects.all(),
        required=False,
        label=label,
        help_text=help_text,
        widget=forms.CheckboxSelectMultiple,
    )


class ContributionForm(forms.Form):
    title = forms.CharField(
        max_length=TITLE_MAX,
        label="Title",
        help_text=(
            "What was done and where, for example "
            "“Co-operative commissioning of youth services in Lambeth”."
        ),
    )
    summary = forms.CharField(
        max_length=SUMMARY_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Summary",
        help_text=(
            "One or two sentences shown in listings and search results "
            f"(up to {SUMMARY_MAX} characters). Needed before you submit it for review."
        ),
    )
    lead_organisation = forms.CharField(
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
    body = forms.CharField(
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

    def __init__(self, *args, submitting=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.submitting = submitting
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
        bad = bad_links(body)
        if bad:
            raise forms.ValidationError(
                "Links must start with http://, https:// or mailto:. Change or remove: "
                + ", ".join(bad[:3])
                + "."
            )
        return body

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
        }
