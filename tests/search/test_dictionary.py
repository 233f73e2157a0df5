"""The en_GB hunspell dictionary read in Python (`search/dictionary.py`): which words are
real words, whatever their affixes, and which words English writes with a hyphen."""

import logging

import pytest

from search import dictionary

AFF = """SET UTF-8
PFX A Y 1
PFX A 0 re .
SFX S Y 2
SFX S y ies [^aeiou]y
SFX S 0 s [^y]
SFX D N 1
SFX D 0 ed [^e]
"""
DIC = """5
commission/ASD
policy/S
co-production/S
London
well-being
"""


@pytest.fixture
def small():
    return dictionary.parse(AFF, DIC)


@pytest.mark.parametrize(
    ("word", "known"),
    [
        ("commission", True),  # a stem
        ("commissions", True),  # with a suffix
        ("recommission", True),  # with a prefix
        ("recommissions", True),  # with both, as both rules allow
        ("commissioned", True),
        ("recommissioned", False),  # the -ed rule does not combine with a prefix
        ("policies", True),  # the suffix rule's stripping and condition
        ("policys", False),  # the condition rules this one out
        ("london", True),  # any case
        ("comission", False),
    ],
)
def test_a_word_is_known_as_a_stem_or_with_the_affixes_its_flags_allow(small, word, known):
    assert small.knows(word) is known


def test_every_form_of_a_hyphenated_word_is_known_written_solid(small):
    assert small.hyphenated == {
        "coproduction": "co-production",
        "coproductions": "co-productions",
        "wellbeing": "well-being",
    }


def test_without_its_files_the_dictionary_knows_no_word_and_says_so(
    settings, tmp_path, fresh_dictionary, caplog
):
    settings.SEARCH_DICTIONARY = str(tmp_path / "en_GB")

    with caplog.at_level(logging.WARNING, logger="search.dictionary"):
        assert not dictionary.knows("commission")
        assert dictionary.hyphenated("wellbeing") is None

    assert "hunspell-en-gb" in caplog.text


@pytest.mark.parametrize(
    "word",
    ["lived", "experts", "experience", "commissioning", "procurement", "co-production", "Lambeth"],
)
def test_the_en_gb_dictionary_knows_real_words(en_gb, word):
    assert dictionary.knows(word)


@pytest.mark.parametrize(
    "word", ["comissioning", "procurment", "apprentiships", "prescibing", "experiance"]
)
def test_the_en_gb_dictionary_does_not_know_misspellings(en_gb, word):
    assert not dictionary.knows(word)


@pytest.mark.parametrize(
    ("solid", "hyphenated"),
    [("wellbeing", "well-being"), ("nonprofit", "non-profit"), ("coproduction", "co-production")],
)
def test_the_en_gb_dictionary_writes_these_compounds_with_a_hyphen(en_gb, solid, hyphenated):
    assert dictionary.hyphenated(solid) == hyphenated
