"""Search speaks the practitioner's language: the glossary and editors' synonyms on both
backends (with no reindex), question words that do not count against matching, and
spelling corrections."""

from http import HTTPStatus

import pytest

from casestudies.factories import case_study_record
from search import synonyms
from search.words import required_matches, without_filler
from taxonomy.glossary import glossary
from taxonomy.models import SynonymSet

GROUPS = [("ICB", "integrated care board"), ("looked-after children", "children in care")]


@pytest.fixture
def groups(monkeypatch):
    monkeypatch.setattr(synonyms, "_PROVIDERS", [lambda: GROUPS])


@pytest.mark.parametrize(
    ("query", "alternatives"),
    [
        ("ICB social prescribing", ['"integrated care board" social prescribing']),
        ("icb", ['"integrated care board"']),
        ("Integrated Care Board grants", ["icb grants"]),
        ("support for looked-after children?", ['support for "children in care"']),
        ("icbs", []),  # whole words and phrases only
        ("", []),
    ],
)
def test_a_phrase_is_replaced_by_each_of_its_synonyms(groups, query, alternatives):
    assert synonyms.alternatives(query, synonyms.groups()) == alternatives


@pytest.mark.parametrize(
    ("query", "ideas"),
    [
        ("ICB social prescribing", [['"integrated care board"', "icb"]]),
        ("support for children in care", [['"looked-after children"', '"children in care"']]),
        ("ICB", []),  # the query is the idea itself: its alternatives find it
        ("road repairs", []),
    ],
)
def test_a_longer_query_names_the_ideas_of_its_phrases(groups, query, ideas):
    assert synonyms.concepts(query, synonyms.groups()) == ideas


@pytest.mark.elasticsearch
def test_a_document_naming_only_an_idea_of_the_query_is_found_below_word_matches(
    backend, publish, find
):
    publish(
        case_study_record(slug="words", title="Social prescribing for winter", summary="ICB."),
        case_study_record(slug="idea", title="The integrated care board estates plan"),
        case_study_record(slug="neither", title="Road repairs"),
    )

    assert [hit.slug for hit in find("ICB social prescribing").hits] == ["words", "idea"]


@pytest.mark.parametrize(
    ("query", "kept"),
    [
        (
            "how do we involve residents in setting outcomes?",
            "involve residents in setting outcomes?",
        ),
        ("What should we measure?", "measure?"),
        ("how can a council help its suppliers?", "a council suppliers?"),
        ("how", "how"),  # nothing would be left
        ("social value", "social value"),
    ],
)
def test_question_words_and_filler_do_not_count(query, kept):
    assert without_filler(query) == kept


@pytest.mark.parametrize(("count", "required"), [(1, 1), (2, 2), (3, 2), (5, 3), (6, 3), (10, 6)])
def test_the_share_of_words_required_falls_as_the_query_grows(count, required):
    assert required_matches(count) == required


def test_the_glossary_has_a_definition_and_an_expansion_for_every_term():
    entries = glossary()
    assert len(entries) >= 20
    assert all(entry.definition.endswith(".") and entry.expansion for entry in entries)
    assert {"TOMs", "ICB", "CWB", "VCSE", "NEET"} <= {entry.term for entry in entries}


@pytest.mark.elasticsearch
def test_an_acronym_finds_what_its_expansion_names_on_both_backends(backend, publish, find):
    publish(
        case_study_record(slug="fenmoor", title="Fenmoor integrated care board alliance"),
        case_study_record(slug="other", title="Road repairs"),
    )

    assert [hit.slug for hit in find("ICB").hits] == ["fenmoor"]


@pytest.mark.elasticsearch
def test_an_editors_synonym_works_at_once_without_a_reindex(backend, publish, find):
    publish(case_study_record(slug="allot", title="Growing spaces for everyone"))
    assert find("allotments").total == 0

    SynonymSet.objects.create(phrases_text="allotments\ngrowing spaces")

    assert [hit.slug for hit in find("allotments").hits] == ["allot"]


@pytest.mark.elasticsearch
def test_a_long_question_finds_the_case_study_that_answers_it(backend, publish, find):
    publish(
        case_study_record(
            slug="panel",
            title="Residents set the outcomes",
            summary="A residents' panel set the outcomes for a welfare advice contract.",
        )
    )

    found = find("how do we involve residents in setting the outcomes of a contract?")

    assert [hit.slug for hit in found.hits] == ["panel"]


@pytest.mark.elasticsearch
def test_a_misspelt_word_shows_the_results_of_its_correction_on_both_backends(
    backend, publish, client
):
    publish(
        case_study_record(slug="apprentices", title="Apprenticeships in construction"),
        case_study_record(slug="roads", title="Construction of roads"),
    )

    body = client.get("/api/search/", {"q": "apprentiships construction"}).json()
    page = client.get("/search/", {"q": "apprentiships construction"})
    exact = client.get("/api/search/", {"q": "apprentiships construction", "exact": "1"}).json()

    assert body["corrected_from"] == "apprentiships construction"
    assert body["results"][0]["slug"] == "apprentices"
    assert page.status_code == HTTPStatus.OK
    assert "Showing results for" in page.content.decode()
    assert "exact=1" in page.content.decode()
    assert exact["corrected_from"] is None
    assert exact["query"] == "apprentiships construction"


@pytest.mark.elasticsearch
def test_a_glossary_term_is_never_corrected_on_both_backends(backend, publish, client):
    publish(case_study_record(slug="toms", title="Reporting with themes, outcomes and measures"))

    body = client.get("/api/search/", {"q": "TOMs"}).json()

    assert body["corrected_from"] is None
    assert [hit["slug"] for hit in body["results"]] == ["toms"]


@pytest.mark.django_db
def test_a_glossary_term_in_the_query_is_defined_above_the_results(client, settings):
    settings.ELASTICSEARCH_URL = ""

    page = client.get("/search/", {"q": "ICB contracts"}).content.decode()
    glossary = client.get("/glossary/")

    assert "<strong>ICB</strong>: integrated care board." in page
    assert 'href="/glossary/#term-icb"' in page
    assert glossary.status_code == HTTPStatus.OK
    assert 'id="term-icb"' in glossary.content.decode()
