"""The honeypot of the site's own forms: a field people do not see (out of sight and out
of the tab order, not `display:none`) and scripts that fill every field do. A form that
finds it filled answers as if all went well and keeps nothing."""

from django import forms

from .field_flags import mark_honeypot


class HoneypotMixin(forms.Form):
    website = forms.CharField(
        label="Leave this field empty",
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    mark_honeypot(website)

    def is_bot(self) -> bool:
        return bool(self.cleaned_data.get("website"))
