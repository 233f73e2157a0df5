"""Corrections that do no harm, on both backends: a real word is never "corrected" into
another real word (Elasticsearch's suggester knows only the words of titles and summaries,
the database's vocabulary only the documents' words), a misspelling still is, and a
compound finds the same documents however it is written: solid, hyphenated or in parts."""

import pytest

from casestudies.factories import case_study_record

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]


def _record(slug: str, title: str, summary: str = "") -> dict:
    return case_study_record(slug=slug, title=title, summary=summary or title, body="", tags=[])


@pytest.fixture
def library(backend, publish, en_gb):
    """Titles holding "like", "expects" and "experience" (which the suggesters would offer
    for "lived" and "experts", held by no document), two misspelt words' correct forms,
    and compounds written every way."""
    publish(
        _record(
            "looks-like",
            "What good support looks like",
            "What residents like about the experience of moving home.",
        ),
        _record(
            "expects",
            "What the council expects",
            "The council expects providers to learn from residents' experience.",
        ),
        _record("commissioning", "Commissioning for outcomes"),
        _record("procurement", "Procurement rules for small firms"),
        _record("copro-hyphen", "Co-production with tenants"),
        _record("copro-solid", "Coproduction in adult social care"),
        _record("copro-spaced", "Day services: co production in practice"),
        _record("co-operative", "Co-operative food production"),
        _record("eproc-hyphen", "An e-procurement portal"),
        _record("eproc-solid", "Eprocurement for schools"),
        _record("nonprofit-hyphen", "Non-profit housing providers"),
        _record("nonprofit-solid", "Nonprofit leisure trusts"),
        _record("wellbeing-hyphen", "Well-being of future generations"),
        _record("wellbeing-solid", "Wellbeing hubs in libraries"),
    )


@pytest.mark.parametrize("query", ["lived experience", "experts by experience", "Lived Experience"])
def test_a_real_word_is_never_corrected_into_another(library, find, query):
    result = find(query)

    assert result.corrected_from is None
    assert result.suggestion is None
    assert result.request.query == query


@pytest.mark.parametrize(
    ("query", "correction", "slug"),
    [
        ("comissioning", "commissioning", "commissioning"),
        ("procurment rules", "procurement rules", "procurement"),
        ("lived experiance", "lived experience", None),  # only the misspelt word
    ],
)
def test_a_misspelt_word_is_still_corrected(library, find, query, correction, slug):
    result = find(query)

    if slug is None:  # the correction finds nothing: offered, not searched instead
        assert (result.suggestion, result.corrected_from) == (correction, None)
    else:
        assert (result.request.query, result.corrected_from) == (correction, query)
        assert slug in {hit.slug for hit in result.hits}


COMPOUNDS = [
    (
        ("co-production", "coproduction", '"co production"', "Co-Production"),
        "co production",
        {"copro-hyphen", "copro-solid", "copro-spaced"},
    ),
    (
        ("e-procurement", "eprocurement", '"e procurement"'),
        "e procurement",
        {"eproc-hyphen", "eproc-solid"},
    ),
    (
        ("non-profit", "nonprofit", '"non profit"'),
        "non profit",
        {"nonprofit-hyphen", "nonprofit-solid"},
    ),
    (
        ("well-being", "wellbeing", '"well being"'),
        "well being",
        {"wellbeing-hyphen", "wellbeing-solid"},
    ),
]


@pytest.mark.parametrize(
    ("variants", "apart", "slugs"), COMPOUNDS, ids=[variants[0] for variants, *_ in COMPOUNDS]
)
def test_a_compound_finds_the_same_documents_however_it_is_written(
    library, find, variants, apart, slugs
):
    for query in variants:
        result = find(query)
        # Every way of writing it finds the compound's documents (hybrid search may add
        # others near in meaning).
        assert slugs <= {hit.slug for hit in result.hits}, query
        assert result.corrected_from is None, query
    # Two words typed apart find the compound too, and still match apart as they did.
    assert slugs <= {hit.slug for hit in find(apart).hits}
