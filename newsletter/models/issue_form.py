"""The issue editor's form: "Send to" offers the topics people follow, as checkboxes,
with how many confirmed subscribers each has; none ticked sends to everyone who chose
the newsletter."""

from django import forms

from wagtail.admin.forms import WagtailAdminPageForm

from ..topics import label
from .subscribers import followed


class IssueForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(row["topic"], f"{row['label']} ({row['total']})") for row in followed()]
        known = {topic for topic, _ in choices}
        chosen = self.initial.get("audience") or []
        choices += [(topic, label(topic)) for topic in chosen if topic not in known]
        self.fields["audience"] = forms.MultipleChoiceField(
            choices=choices,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            label="Send to",
            help_text="Subscribers who chose the newsletter and follow any ticked topic, "
            "each once (the counts are everyone who follows the topic). Tick none to send "
            "to everyone who chose the newsletter.",
        )
