"""Text from people, files and requests made safe to store, and stored text made safe
to write into XML and email headers.

Control characters have no place in anything a person writes: a vertical tab in a title
made every feed listing it fail, and a line break in a title stopped every moderation
email (an email header is one line). So text is cleaned once, where it comes in (form
fields, the importer, request parameters), and again where it goes out to a format that
cannot hold it (feeds, email subjects), because rows stored before the cleaning may still
hold it. Single-line text loses every control character, line breaks and tabs included;
prose (Markdown bodies, multi-line text) keeps tab and newline, with CR LF and lone CR
read as newline.
"""

import re

from django import forms

# C0 and C1 controls, DEL, and the Unicode line and paragraph separators.
_ANY_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
_PROSE_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]+")
_CARRIAGE_RETURN = re.compile(r"\r\n?|[\u2028\u2029]")
# What XML 1.0 cannot hold at all (tab, newline and CR it can), and C1 controls, which it
# allows but feed readers choke on.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]+")


def one_line(text: str) -> str:
    """The text with each run of control characters (CR, LF and tab included) replaced by
    one space: for titles, names, queries and email subjects."""
    return _ANY_CONTROL.sub(" ", text)


def prose(text: str) -> str:
    """The text with line breaks as newlines and every other control character but tab
    replaced by a space: for Markdown bodies and multi-line text."""
    return _PROSE_CONTROL.sub(" ", _CARRIAGE_RETURN.sub("\n", text))


def xml_safe(value):
    """The value (a string, or a list, tuple or dict of them) without the characters XML
    cannot hold; anything else as it is."""
    if isinstance(value, str):
        return _NOT_XML.sub("", value)
    if isinstance(value, dict):
        return {key: xml_safe(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(xml_safe(item) for item in value)
    return value


class LineField(forms.CharField):
    """A single-line text field: control characters, line breaks included, become spaces
    before the field's own checks (length included) see the value."""

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return value
        return one_line(value).strip() if self.strip else one_line(value)


class ProseField(forms.CharField):
    """A multi-line text field: newlines and tabs kept, other control characters gone."""

    def to_python(self, value):
        value = super().to_python(value)
        return prose(value) if value else value
