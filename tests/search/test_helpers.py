"""The pure helpers under search, table by table, without PostgreSQL or Elasticsearch:
word endings, Markdown and HTML made plain, disjunctive facet counts, query cleaning and
query strings. (Hostile queries are in test_hostile_input.py.)"""

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from search.facets import RowIndex, count_disjunctive
from search.params import clean_query, parse, to_params
from search.text import html_text, markdown_text, truncate
from search.types import NEWEST, SearchRequest
from search.visibility import ANONYMOUS
from search.words import plain, plain_query


@pytest.mark.parametrize(
    ("word", "plainer"),
    [
        ("outcomes", "outcome"),
        ("contracts", "contract"),
        ("Outcomes", "Outcome"),
        ("communities", "community"),
        ("classes", "class"),
        ("commissioning", "commission"),
        ("buying", "buy"),
        ("funded", "fund"),
        ("ties", "ties"),
        ("bids", "bids"),
        ("red", "red"),
        ("sing", "sing"),
        ("glass", "glass"),
        ("status", "status"),
        ("analysis", "analysis"),
        ("", ""),
    ],
)
def test_plain_drops_an_ending_only_when_enough_of_the_word_is_left(word, plainer):
    assert plain(word) == plainer


@pytest.mark.parametrize(
    ("query", "plainer"),
    [
        ("outcomes for communities", "outcome for community"),
        ('"social outcomes" -contracts', '"social outcome" -contract'),
        ("2014 tenders", "2014 tender"),
        ("commission* bids~1", None),
        ("local council", None),
        ("", None),
    ],
)
def test_plain_query_touches_only_letters_and_says_when_nothing_changed(query, plainer):
    assert plain_query(query) == plainer


@pytest.mark.parametrize(
    ("markdown", "text"),
    [
        ("**Local people** and _partners_", "Local people and partners"),
        ("Read [the report](https://example.org/report).", "Read the report."),
        ("![A map of the ward](map.png) shown", "A map of the ward shown"),
        ("# Outcomes\n\n- jobs\n- growth\n1. first", "Outcomes\njobs\ngrowth\nfirst"),
        ("> Quoted words", "Quoted words"),
        ("Use `code` here", "Use code here"),
        ("Tom &amp; Jerry", "Tom & Jerry"),
        ("<b>Bold</b> tag", "Bold tag"),
        ("lots   of\n\n space", "lots of\nspace"),
        ("one line\nrunning on", "one line running on"),
        ("", ""),
    ],
)
def test_markdown_text_keeps_the_words_and_a_line_per_block_and_drops_the_syntax(markdown, text):
    assert markdown_text(markdown) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("<p>One</p><p>two</p>", "One\ntwo"),
        ("Fish &amp; chips", "Fish & chips"),
        ('<a href="/x">link</a>', "link"),
        ("", ""),
    ],
)
def test_html_text_keeps_the_words_and_a_line_per_block_and_drops_the_tags(value, text):
    assert html_text(value) == text


@pytest.mark.parametrize(
    ("text", "length", "cut"),
    [
        ("short", 10, "short"),
        ("exactly ten", 11, "exactly ten"),
        ("one two three", 7, "one…"),
        ("Hello, world again", 7, "Hello…"),
    ],
)
def test_truncate_cuts_at_a_word_boundary_with_an_ellipsis(text, length, cut):
    assert truncate(text, length) == cut


# Rows: 1 is public in London, 2 social in London, 3 public and social in Wales.
ROWS = [
    (1, ["sector:public", "region:london"]),
    (2, ["sector:social", "region:london"]),
    (3, ["sector:public", "sector:social", "region:wales"]),
]


EVERY_SECTOR = {"public": 2, "social": 2}
EVERY_REGION = {"london": 2, "wales": 1}


@pytest.mark.parametrize(
    ("selected", "matches", "sectors", "regions"),
    [
        ({}, [1, 2, 3], EVERY_SECTOR, EVERY_REGION),
        ({"sector": []}, [1, 2, 3], EVERY_SECTOR, EVERY_REGION),
        ({"sector": ["public"]}, [1, 3], EVERY_SECTOR, {"london": 1, "wales": 1}),
        ({"sector": ["public", "social"]}, [1, 2, 3], EVERY_SECTOR, EVERY_REGION),
        (
            {"sector": ["public"], "region": ["london"]},
            [1],
            {"public": 1, "social": 1},
            {"london": 1, "wales": 1},
        ),
        ({"region": ["scotland"]}, [], {}, EVERY_REGION),
        ({"region": ["scotland"], "sector": ["public"]}, [], {}, {"london": 1, "wales": 1}),
    ],
)
def test_count_disjunctive_counts_each_facet_under_the_other_facets_selections(
    selected, matches, sectors, regions
):
    found, counts = count_disjunctive(ROWS, selected)

    assert found == matches
    assert dict(counts["sector"]) == sectors
    assert dict(counts["region"]) == regions


def test_count_disjunctive_keeps_the_rows_order():
    found, _counts = count_disjunctive(reversed(ROWS), {"region": ["london"]})

    assert found == [2, 1]


TOKENS = st.sampled_from(["sector:public", "sector:social", "region:london", "region:wales"])
SELECTIONS = st.dictionaries(
    st.sampled_from(["sector", "region"]),
    st.lists(st.sampled_from(["public", "social", "london", "wales", "scotland"]), max_size=3),
)


@given(rows=st.lists(st.lists(TOKENS, max_size=4), max_size=12), selected=SELECTIONS)
def test_a_row_index_finds_the_rows_count_disjunctive_finds_in_their_order(rows, selected):
    keyed = [(f"row{n}", tokens) for n, tokens in enumerate(reversed(rows))]

    found, _counts = count_disjunctive(keyed, selected, count=False)

    assert RowIndex(keyed).matching(selected) == found


@pytest.mark.parametrize(
    ("typed", "cleaned"),
    [
        ("", ""),
        ("   ", ""),
        ("\x00\x01", ""),
        ("a\u0085b", "a b"),
        ("café   crème", "café crème"),
        ("a" * 150 + " " + "b" * 100, "a" * 150),
        ("commission*", "commission*"),
    ],
)
def test_clean_query_more_cases(typed, cleaned):
    assert clean_query(typed) == cleaned


@pytest.mark.parametrize(
    ("request_", "query_string"),
    [
        (SearchRequest(), ""),
        (SearchRequest("meals"), "q=meals"),
        (SearchRequest("school meals"), "q=school+meals"),
        (SearchRequest(filters={"sector": ("public", "social")}), "sector=public&sector=social"),
        (SearchRequest(filters={"sector": ()}), ""),
        (SearchRequest(sort=NEWEST, page_size=10), "sort=newest&page_size=10"),
        (SearchRequest(page=3), ""),
    ],
)
def test_to_params_writes_what_the_request_holds(request_, query_string):
    assert to_params(request_).urlencode() == query_string


def test_to_params_leaves_hidden_facets_out():
    request = SearchRequest(filters={"kind": ("member",), "sector": ("public",)})

    assert to_params(request, hidden=("kind",)).urlencode() == "sector=public"


@pytest.mark.django_db  # parse checks facet values against the vocabularies
@pytest.mark.parametrize(
    "request_",
    [
        SearchRequest(),
        SearchRequest("school meals", {"sector": ("public", "social"), "year": ("2014",)}),
        SearchRequest("meals", {"kind": ("case_study",)}, sort=NEWEST, page_size=5),
        SearchRequest(page=4),
    ],
)
def test_parse_reads_back_what_to_params_wrote_on_the_first_page(request_):
    # Links built from a request start again at page 1: to_params leaves the page out.
    assert parse(to_params(request_), ANONYMOUS) == replace(request_, page=1)
