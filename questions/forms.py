"""The forms members write in: a question, an answer. Both carry the site's honeypot."""

from django import forms

from base.clean_text import LineField, ProseField
from base.honeypot import HoneypotMixin

from .citations import CitationsField
from .models import Question

DETAILS_MAX = 10_000
ANSWER_MAX = 10_000
CITES_LABEL = "Case studies and lessons you draw on"
CITES_HINT = (
    "Optional. Paste the address of each case study or seminar on this site, one a line; "
    "for a lesson, copy its “Link to this lesson”. The page you cite will list this question."
)
MARKDOWN_HINT = "You can use Markdown: *italic*, **bold**, [a link](https://example.org) and lists."


class QuestionForm(HoneypotMixin, forms.ModelForm):
    details = ProseField(
        label="Details",
        required=False,
        max_length=DETAILS_MAX,
        help_text=f"What you have tried and what you need to know. {MARKDOWN_HINT}",
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    cites = CitationsField(label=CITES_LABEL, help_text=CITES_HINT)

    class Meta:
        model = Question
        fields = [
            "title",
            "details",
            "audience",
            "sectors",
            "themes",
            "stages",
            "outcome_areas",
            "region",
        ]
        labels = {
            "title": "Your question",
            "audience": "Who can read your question and its answers",
            "sectors": "Sectors it concerns",
            "themes": "Themes",
            "stages": "Stages of commissioning",
            "outcome_areas": "Social value outcomes",
        }
        help_texts = {
            "title": "One sentence that ends with a question mark, up to 150 characters.",
            "audience": "Members only suits frank questions: people who are not signed in "
            "cannot find it or read it.",
        }
        field_classes = {"title": LineField}
        widgets = {
            "audience": forms.RadioSelect,
            "sectors": forms.CheckboxSelectMultiple,
            "themes": forms.CheckboxSelectMultiple,
            "stages": forms.CheckboxSelectMultiple,
            "outcome_areas": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        region = self.fields["region"]
        assert isinstance(region, forms.ModelChoiceField)
        region.empty_label = "Not about one region"
        self.fields["title"].error_messages["required"] = "Write your question."


class AnswerForm(HoneypotMixin):
    field_order = ["body", "cites", "website"]

    body = ProseField(
        label="Your answer",
        max_length=ANSWER_MAX,
        help_text=f"What you did or know, and what happened. {MARKDOWN_HINT}",
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "Write your answer before posting it."},
    )
    cites = CitationsField(label=CITES_LABEL, help_text=CITES_HINT)
