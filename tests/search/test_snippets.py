"""Sentence-aware text and the snippets cut from it, table by table: headings, list items
and table rows stay lines of their own, sentences never span lines, a snippet is cut at a
word boundary with an ellipsis only where it is cut, and no sentence is shown twice.
(Both backends showing these snippets is in test_backend_contract.py.)"""

import re

import pytest

from casestudies.search_documents import outcome_lines
from search.text import highlights, lead, markdown_text, marked, sentences, snippets


@pytest.mark.parametrize(
    ("markdown", "text"),
    [
        ("## Governance\nThe change needed is large.", "Governance\nThe change needed is large."),
        (
            "Intro:\n\n- **Relationships.** Listen.\n- Leadership",
            "Intro:\nRelationships. Listen.\nLeadership",
        ),
        (
            "| Measure | 2014 | 2015 |\n|---|---|---|\n| Jobs | 12 | 30 |\n| Apprentices | 4 | 9 |",
            "Measure: Jobs; 2014: 12; 2015: 30\nMeasure: Apprentices; 2014: 4; 2015: 9",
        ),
        ("| a | b |\n| :--- | ---: |\n| 1 |  |", "a: 1"),
        ("> Quoted\n> words\n\nAfter.", "Quoted words\nAfter."),
        ("1. first\n   continued\n2) second", "first continued\nsecond"),
    ],
)
def test_headings_list_items_quotes_and_table_rows_are_lines_of_their_own(markdown, text):
    assert markdown_text(markdown) == text


def test_an_outcome_reads_as_its_measure_with_its_figures_then_its_evidence():
    value = {
        "measure": "Local people in work",
        "before": "12",
        "after": "30",
        "evidence": "Payroll.",
    }

    assert outcome_lines(value) == [
        "Local people in work: before 12; after 30.",
        "Evidence: Payroll.",
    ]
    assert outcome_lines({"measure": "Trust"}) == ["Trust"]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("One. Two! Three? Four", ["One.", "Two!", "Three?", "Four"]),
        ("Governance\nThe change is large.", ["Governance", "The change is large."]),
        ("It said “Yes.” Then it ended.", ["It said “Yes.”", "Then it ended."]),
        ("Costs fell by 3.5 per cent. e.g. here", ["Costs fell by 3.5 per cent. e.g. here"]),
        ("In 2013. 60 people came.", ["In 2013.", "60 people came."]),
        ("", []),
    ],
)
def test_sentences_end_at_stops_before_a_capital_and_at_every_line(text, found):
    assert [text[a:b] for a, b in sentences(text)] == found


def _spans(text, *words):
    pattern = re.compile("|".join(rf"\b{w}\w*" for w in words), re.IGNORECASE)
    return [found.span() for found in pattern.finditer(text)]


BODY = (
    "Governance\n"
    "The change needed is that councils share budgets with residents.\n"
    "Measure: Jobs; 2014: 12; 2015: 30\n"
    "The change needed is that councils share budgets with residents.\n"
    "Budgets were pooled across the council, the health board and the police, and residents "
    "sat on the panel that decided how the pooled budgets were spent over three years."
)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        # The heading is a line of its own: it never runs into the next sentence.
        (("governance",), ["<mark>Governance</mark>"]),
        # A sentence holding the word beats a heading holding it; a repeat is left out.
        (
            ("change",),
            ["The <mark>change</mark> needed is that councils share budgets with residents."],
        ),
        # A table row is one line, its cells labelled: no run of numbers.
        (("jobs",), ["Measure: <mark>Jobs</mark>; 2014: 12; 2015: 30"]),
        # Cut at a word boundary, with an ellipsis where cut.
        (
            ("panel",),
            [
                "…board and the police, and residents sat on the <mark>panel</mark> that decided "
                "how the pooled budgets were spent over three years."
            ],
        ),
        # The sentence with most of the words first, in the order of the text.
        (
            ("budget", "residents"),
            [
                "The change needed is that councils share <mark>budgets</mark> with "
                "<mark>residents</mark>.",
                "<mark>Budgets</mark> were pooled across the council, the health board and the "
                "police, and <mark>residents</mark> sat on the panel that decided…",
            ],
        ),
    ],
)
def test_a_snippet_is_whole_sentences_of_one_line_cut_with_an_ellipsis(words, expected):
    assert snippets(BODY, _spans(BODY, *words), length=120) == expected


def test_a_snippet_never_repeats_a_sentence_of_the_summary_shown_above_it():
    summary = "The change needed is that councils share budgets with residents."

    shown = highlights(summary, _spans(summary, "budget"), BODY, _spans(BODY, "budget"))

    assert shown[0] == (
        "The change needed is that councils share <mark>budgets</mark> with residents."
    )
    assert len(shown) == 2 and not shown[1].startswith("The change")


def test_snippets_escape_the_text_around_the_marks():
    text = "Fish & chips <b>for</b> everyone."

    assert snippets(text, _spans(text, "chips")) == [
        "Fish &amp; <mark>chips</mark> &lt;b&gt;for&lt;/b&gt; everyone."
    ]


@pytest.mark.parametrize(
    ("fragment", "text", "spans"),
    [
        ("<mark>Fish</mark> &amp; <mark>chips</mark>", "Fish & chips", [(0, 4), (7, 12)]),
        ("no marks", "no marks", []),
    ],
)
def test_marked_reads_an_elasticsearch_fragment_back_into_text_and_spans(fragment, text, spans):
    assert marked(fragment) == (text, spans)


@pytest.mark.parametrize(
    ("text", "length", "summary"),
    [
        ("First one. Second one here. Third.", 30, "First one. Second one here."),
        ("First one.\nSecond one.", 100, "First one. Second one."),
        ("A first sentence too long to fit.", 20, "A first sentence…"),
    ],
)
def test_lead_takes_the_whole_first_sentences_that_fit(text, length, summary):
    assert lead(text, length) == summary
