"""Compounds in a query (`search/words.py`): one word written solid, with hyphens or in
parts is written one way before the backends read it, and Elasticsearch searches it every
way it may be written. Pure logic: what the dictionary and the documents attest is given."""

import pytest

from search.words import canonical, compound_candidates, compound_forms, hyphenations

COMPOUNDS = {
    "coproduction": "co-production",
    "co production": "co-production",
    "wellbeing": "well-being",
    "e procurement": "e-procurement",
}


def test_the_candidates_are_solid_words_and_pairs_side_by_side_outside_quotes():
    words, pairs = compound_candidates('improve wellbeing? co production, "e procurement" "a b c"')

    assert words == {"improve", "wellbeing", "production"}
    # "wellbeing? co" is no pair: a question mark stands between; stop words never join.
    assert pairs == {"improve wellbeing", "co production", "e procurement"}


def test_stop_words_and_filler_are_never_part_of_a_compound():
    words, pairs = compound_candidates("how can the council help")

    assert (words, pairs) == ({"council"}, set())


@pytest.mark.parametrize(
    ("query", "written"),
    [
        ("coproduction", "co-production"),
        ("co production", "co-production"),
        ('"co production"', "co-production"),
        ("co-production", "co-production"),
        ("Coproduction with tenants", "co-production with tenants"),
        ("does it improve wellbeing?", "does it improve well-being?"),
        ("e procurement portal", "e-procurement portal"),
        ('"co production in care"', '"co production in care"'),  # a longer phrase stays
        ("co, production", "co, production"),  # not side by side
        ("social value", "social value"),
    ],
)
def test_a_compound_is_written_with_its_hyphen_however_the_query_writes_it(query, written):
    assert canonical(query, COMPOUNDS) == written


@pytest.mark.parametrize(
    ("query", "forms"),
    [
        ("co-production", ['"co-production"', "coproduction"]),
        (
            "day services co-production",
            ['day services "co-production"', "day services coproduction"],
        ),
        ("not-for-profit", ['"not-for-profit"', "notforprofit"]),
        # Left out, it is left out every way it may be written.
        ("care -well-being", ['care -"well-being" -wellbeing']),
        ('"co-operative commissioning"', ['"co-operative commissioning"']),  # a phrase already
        ("co-prod*", ["co-prod*"]),  # an operator of the query's own stays as written
        ("covid-19", ["covid-19"]),
        ("social value", ["social value"]),
    ],
)
def test_elasticsearch_searches_a_compound_as_a_phrase_of_its_parts_and_solid(query, forms):
    assert compound_forms(query) == forms


def test_without_pairs_only_what_already_stood_together_is_rewritten():
    assert canonical('co production "e procurement" wellbeing', COMPOUNDS, pairs=False) == (
        "co production e-procurement well-being"
    )


def test_a_solid_word_is_asked_with_a_hyphen_in_each_place():
    assert hyphenations("coop") == ["c-oop", "co-op", "coo-p"]
