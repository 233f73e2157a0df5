"""The subscription forms: an address, topics, a frequency, and a honeypot."""

from django import forms

from .models import Frequency

CONSENT_WORDING = (
    "We will email you about new content on the topics you chose, as often as you chose, "
    "and now and then the editors' newsletter. Every email has a link to unsubscribe at "
    "once. We keep a record of this agreement."
)


class HoneypotMixin(forms.Form):
    # People do not see this field; scripts that fill every field do.
    website = forms.CharField(
        label="Leave this field empty",
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    website.is_honeypot = True

    def is_bot(self) -> bool:
        return bool(self.cleaned_data.get("website"))


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


class TopicsForm(HoneypotMixin):
    """/newsletter/: ready-made topics."""

    email = EmailField()
    frequency = FrequencyField()

    def __init__(self, *args, groups, member_email=None, **kwargs):
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
        if member_email:
            del self.fields["email"]
        self.order_fields(["email", "everything", *self.groups, "frequency", "website"])

    def topics(self) -> list[str]:
        chosen = [""] if self.cleaned_data.get("everything") else []
        for name in self.groups:
            chosen.extend(self.cleaned_data.get(name, []))
        return chosen

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not self.topics():
            raise forms.ValidationError("Choose at least one topic, or everything new.")
        return cleaned


class SearchAlertForm(HoneypotMixin):
    """/newsletter/subscribe/?…: the search in the query string is the topic."""

    email = EmailField()
    frequency = FrequencyField()

    def __init__(self, *args, member_email=None, **kwargs):
        super().__init__(*args, **kwargs)
        if member_email:
            del self.fields["email"]
        self.order_fields(["email", "frequency", "website"])


class ManageForm(forms.Form):
    frequency = FrequencyField()
