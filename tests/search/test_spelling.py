"""The database backend's spelling corrections: the edit distance, a vocabulary kept by
the writes that keep the entries (public documents only, forgotten with them), and the
corrections it proposes. (The page and the API showing a correction on both backends are
in test_practitioner_words.py.)"""

import pytest

from casestudies.factories import case_study_record
from casestudies.models import CaseStudyPage
from search import indexing, spelling
from search.models import SpellingWord


@pytest.mark.parametrize(
    ("a", "b", "limit", "edits"),
    [
        ("commissioning", "commissioning", 2, 0),
        ("comissioning", "commissioning", 2, 1),  # a letter left out
        ("commissionnig", "commissioning", 2, 1),  # two neighbours swapped
        ("apprentiships", "apprenticeships", 2, 2),
        ("procurment", "procurement", 2, 1),
        ("housing", "hosting", 1, 2),  # past the limit: limit + 1
        ("tennancy", "tenancy", 1, 1),  # a letter doubled
        ("grant", "grants", 1, 1),
        ("social", "council", 2, 3),
    ],
)
def test_distance_counts_the_edits_up_to_its_limit(a, b, limit, edits):
    assert spelling.distance(a, b, limit) == edits


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # A hyphenated word whole too: it tells which compounds the documents write so.
        ("Co-operative commissioning in 2014", {"co-operative", "operative", "commissioning"}),
        ("Café   CAFÉ café", {"café"}),
        ("an ICB and a PCN", set()),  # shorter than four letters
        ("", set()),
    ],
)
def test_the_vocabulary_keeps_words_of_four_letters_or_more_in_lower_case(text, words):
    assert spelling.words_in(text) == words


def _count(word):
    return SpellingWord.objects.filter(word=word).values_list("documents", flat=True).first()


@pytest.mark.django_db
def test_the_vocabulary_counts_the_public_documents_holding_each_word(publish, settings):
    settings.ELASTICSEARCH_URL = ""
    publish(
        case_study_record(slug="one", title="Allotments for everyone"),
        case_study_record(slug="two", title="Allotments on council land"),
    )

    assert _count("allotments") == 2
    assert _count("everyone") == 1


@pytest.mark.django_db
def test_a_withdrawn_document_takes_its_words_out_of_the_vocabulary(
    publish, settings, after_commit
):
    settings.ELASTICSEARCH_URL = ""
    publish(case_study_record(slug="quince", title="Quinceharbour allotments"))
    assert _count("quinceharbour") == 1

    with after_commit():
        CaseStudyPage.objects.get(slug="quince").unpublish()

    assert _count("quinceharbour") is None
    assert spelling.correction("quinceharbor") is None


@pytest.mark.django_db
def test_a_correction_replaces_only_the_unknown_words(publish, settings):
    settings.ELASTICSEARCH_URL = ""
    publish(
        case_study_record(
            slug="apprentices",
            title="Apprenticeships in construction",
            summary="Apprenticeships for local people on every contract.",
        )
    )

    assert spelling.correction("Apprentiships in construction") == "apprenticeships in construction"
    assert spelling.correction('"local peeple" -contract') == '"local people" -contract'
    assert spelling.correction("apprenticeships") is None  # every word known
    assert spelling.correction("apprentice") is None  # the start of a known word
    assert spelling.correction("contracts") is None  # a plural of a known word
    assert spelling.correction("zzzzzz") is None  # nothing near


@pytest.mark.django_db
def test_a_rebuild_makes_the_vocabulary_again_from_the_documents(publish, settings):
    settings.ELASTICSEARCH_URL = ""
    publish(case_study_record(slug="hedge", title="Hedgerows and verges"))
    SpellingWord.objects.create(word="leftover", length=8, documents=3)

    indexing.rebuild_entries()

    assert _count("leftover") is None
    assert _count("hedgerows") == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "suggestion", "offered"),
    [
        ("lived experience", "like experience", None),  # "lived" is a real word
        ("experts by experience", "expects by experience", None),
        ("lived experiance", "like experience", "lived experience"),  # only the unknown word
        ("comissioning", "commissioning", "commissioning"),
        ('"procurment" -rules', "procurement rules", '"procurement" -rules'),  # syntax kept
        ("Quinceharbour allotments", "quinceharbor allotments", None),  # a document's word
        ("eprocurement", "procurement", None),  # the documents write it e-procurement
        ("coproduction", "co production", None),  # not word for word
        ("ICB contrcts", "icy contracts", "ICB contracts"),  # a short word is never corrected
        ("comissioning", None, None),
    ],
)
def test_a_suggestion_corrects_only_words_that_are_no_real_word(
    en_gb, publish, settings, query, suggestion, offered
):
    settings.ELASTICSEARCH_URL = ""
    publish(
        case_study_record(slug="quince", title="Quinceharbour allotments"),
        case_study_record(slug="portal", title="An e-procurement portal"),
    )

    assert spelling.harmless(query, suggestion) == offered


@pytest.mark.django_db
def test_the_vocabulary_proposes_no_correction_for_a_real_word(en_gb, publish, settings):
    settings.ELASTICSEARCH_URL = ""
    publish(case_study_record(slug="expects", title="What the council expects"))

    assert spelling.correction("experts") is None
    assert spelling.correction("expcts") == "expects"


@pytest.mark.django_db
def test_compounds_are_those_the_dictionary_or_the_documents_write_hyphenated(
    en_gb, publish, settings
):
    settings.ELASTICSEARCH_URL = ""
    publish(
        case_study_record(slug="portal", title="An e-procurement portal"),
        case_study_record(slug="trusts", title="Nonprofit leisure trusts"),
    )

    assert spelling.compounds("wellbeing eprocurement portals") == {
        "wellbeing": "well-being",  # the dictionary
        "eprocurement": "e-procurement",  # a document
    }
    assert spelling.compounds('"e procurement" co production') == {
        "e procurement": "e-procurement",
        "co production": "co-production",
    }
    assert spelling.compounds("non profit") == {"non profit": "non-profit"}
    assert spelling.compounds("social value") == {}
