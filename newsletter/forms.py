"""The subscription forms: an address, topics, how they combine, a frequency, the
editors' newsletter as a choice of its own, and a honeypot.

The words beside each choice are what the person agrees to, and are kept as their
consent record: `ALERTS_WORDING` for alerts, `NewsletterField.wording` for the newsletter.
"""

from django import forms

from base.field_flags import mark_not_optional
from base.honeypot import HoneypotMixin

from . import topics
from .models import Frequency

ALERTS_WORDING = (
    "We will email you about new content on the topics you chose, as often as you chose. "
    "Every email has a link to unsubscribe at once. We keep a record of this agreement."
)
NEWSLETTER_HINT = (
    "News and lessons from the network, written by the editors. It is separate from "
    "alerts. Every issue has a link to stop it at once. We keep a record of this agreement."
)
ANY, ALL = "any", "all"


class FrequencyField(forms.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            label="How often should we email you?",
            choices=Frequency.choices,
            initial=Frequency.WEEKLY,
            widget=forms.RadioSelect,
            error_messages={"required": "Choose how often we should email you."},
            **kwargs,
        )


class EmailField(forms.EmailField):
    def __init__(self, **kwargs):
        super().__init__(
            label="Email address",
            max_length=254,
            error_messages={
                "required": "Enter your email address.",
                "invalid": "Enter an email address in the correct format, like name@example.org.",
            },
            widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
            **kwargs,
        )


class NewsletterField(forms.BooleanField):
    """The editors' newsletter, never ticked for the person: a consent apart from alerts."""

    def __init__(self, label="Also send me the editors\u2019 newsletter (about once a month)"):
        super().__init__(label=label, help_text=NEWSLETTER_HINT, required=False)

    def wording(self) -> str:
        return f"{self.label}. {self.help_text}"


def newsletter_box_wording(form: forms.Form) -> str:
    """The words beside the form's newsletter box (a `NewsletterField`)."""
    field = form.fields["newsletter"]
    assert isinstance(field, NewsletterField)
    return field.wording()


class SubscribeForm(HoneypotMixin):
    """What every subscription form asks; a signed-in member is not asked their address."""

    email = EmailField()
    frequency = FrequencyField(help_text=ALERTS_WORDING)
    newsletter = NewsletterField()

    def __init__(self, *args, member_email=None, **kwargs):
        super().__init__(*args, **kwargs)
        if member_email:
            del self.fields["email"]
        self.order_fields(["email", "frequency", "newsletter", "website"])

    def newsletter_wording(self) -> str | None:
        """The newsletter's words if the person ticked it, else None."""
        if not self.cleaned_data.get("newsletter"):
            return None
        return newsletter_box_wording(self)


class TopicsForm(SubscribeForm):
    """/newsletter/: ready-made topics, each its own alert or all of them as one."""

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.groups = []
        self.fields["everything"] = forms.BooleanField(
            label="Everything new on the site", required=False
        )
        for name, group_label, choices in groups:
            self.fields[f"topic_{name}"] = forms.MultipleChoiceField(
                label=group_label,
                choices=choices,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
            self.groups.append(f"topic_{name}")
        self.fields["combine"] = forms.ChoiceField(
            label="How should the boxes you ticked combine?",
            help_text="Each ticked box is a separate alert: you hear about anything that "
            "matches any of them. Or make them one alert, as the search page does: "
            "Relationships and London then means only relationships work in London. "
            "Boxes ticked in the same group, such as two regions, still mean either.",
            choices=[
                (ANY, "Any of these (separate alerts)"),
                (ALL, "Only content that matches all of these together (one alert)"),
            ],
            initial=ANY,
            required=False,
            widget=forms.RadioSelect,
        )
        # It has a default (any), so it is not marked "(optional)" either.
        mark_not_optional(self.fields["combine"])
        self.order_fields(
            ["email", "everything", *self.groups, "combine", "frequency", "newsletter"]
        )

    def topics(self) -> list[str]:
        """The alerts to save: one a ticked box, or all ticks as one saved search."""
        chosen = [""] if self.cleaned_data.get("everything") else []
        for name in self.groups:
            chosen.extend(self.cleaned_data.get(name, []))
        if chosen and self.cleaned_data.get("combine") == ALL:
            return [topics.together(chosen)]
        return chosen

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        if not self.errors and not self.topics() and not cleaned.get("newsletter"):
            raise forms.ValidationError(
                "Choose at least one topic, everything new, or the editors\u2019 newsletter."
            )
        return cleaned


class SearchAlertForm(SubscribeForm):
    """/newsletter/subscribe/?…: the search in the query string is the topic."""


class ManageForm(forms.Form):
    frequency = FrequencyField()


class NewsletterChoiceForm(forms.Form):
    """The manage page's switch for the editors' newsletter, showing the current choice."""

    newsletter = NewsletterField(label="Send me the editors\u2019 newsletter (about once a month)")
