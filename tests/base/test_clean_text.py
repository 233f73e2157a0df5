"""The one cleaner of text: single-line text loses every control character, prose keeps
tab and newline, and XML output drops what XML cannot hold."""

from django import forms

import pytest

from base.clean_text import LineField, ProseField, one_line, prose, xml_safe


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("Ctlchar feedbreaker\x0bcase", "Ctlchar feedbreaker case"),
        ("Subject\r\nBcc: someone@example.org", "Subject Bcc: someone@example.org"),
        ("tab\there\x00nul\x1fend\x7f", "tab here nul end "),
        ("C1\x85next\u2028line", "C1 next line"),
        ("Co-operative commissioning in Lambeth", "Co-operative commissioning in Lambeth"),
    ],
)
def test_single_line_text_has_each_run_of_control_characters_as_one_space(typed, kept):
    assert one_line(typed) == kept


def test_prose_keeps_tabs_and_newlines_and_reads_carriage_returns_as_newlines():
    assert prose("One\r\nTwo\rThree\n\tcode\x0bsplit\x00") == "One\nTwo\nThree\n\tcode split "


def test_xml_safe_drops_what_xml_cannot_hold_from_nested_values_and_keeps_the_rest():
    value = {"title": "A\x0bB", "categories": ("C\x00", "D"), "links": ["E\ufffe"], "n": 3}
    assert xml_safe(value) == {"title": "AB", "categories": ("C", "D"), "links": ["E"], "n": 3}
    assert xml_safe("Tabs\tand\nlines") == "Tabs\tand\nlines"


class _Form(forms.Form):
    title = LineField(max_length=10)
    body = ProseField(required=False)


def test_form_fields_store_titles_on_one_line_and_prose_without_control_characters():
    form = _Form({"title": "Title\r\nBcc\x0b", "body": "One\r\nTwo\x0bThree"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"title": "Title Bcc", "body": "One\nTwo Three"}


def test_a_line_field_left_empty_stays_required():
    assert not _Form({"title": "\x0b"}).is_valid()
