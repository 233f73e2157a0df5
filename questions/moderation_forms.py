"""The forms of moderation: a member's report, a moderator's reason, and an editor's
move and merge of a thread."""

from django import forms

from base.clean_text import ProseField

from .models import Question

REASON_MAX = 2_000


class ReportForm(forms.Form):
    reason = ProseField(
        label="Why should a moderator look at this?",
        max_length=REASON_MAX,
        help_text="For example: it is advertising, it is abusive, or it names someone who "
        "did not agree to it. Only the moderators read your reason.",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say why a moderator should look at this post."},
    )


class DecisionForm(forms.Form):
    """A moderator's reason for rejecting a post or suspending its author: the author
    reads it in the email that tells them."""

    reason = ProseField(
        label="Reason (the author reads this)",
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Give the reason: the author is told it."},
    )


class MoveForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = ["sectors", "themes", "stages", "outcome_areas", "region"]
        widgets = dict.fromkeys(
            ("sectors", "themes", "stages", "outcome_areas"), forms.CheckboxSelectMultiple
        )


class MergeForm(forms.Form):
    into = forms.IntegerField(
        label="Number of the question to keep",
        min_value=1,
        max_value=2**31 - 1,
        help_text="The number in the kept question's address, /questions/<number>/.",
    )
