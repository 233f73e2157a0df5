"""Hybrid search, run against both backends: a document that says what the words mean
in other words is found by its meaning, counted in the total and the facets, and never
shown to a viewer who may not see it. `search/fusion.py` says how the orders are fused.

The threshold of likeness is lowered for these small documents, whose vectors are less
alike than those of real case studies and their queries."""

import pytest

from casestudies.factories import case_study_record
from search import fusion
from search.service import search
from search.types import NEWEST, SearchRequest
from tests.factories.members import ProfileFactory

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]

TENANTS = "Tenants choose their repairs contractor"


@pytest.fixture
def documents(backend, publish, monkeypatch):
    monkeypatch.setattr(fusion, "MIN_SIMILARITY", 0.3)
    publish(
        case_study_record(
            slug="tenants",
            title=TENANTS,
            summary="Housing association tenants sat on the panel.",
            region="wales",
        ),
        case_study_record(
            slug="roads",
            title="Road resurfacing contract",
            summary="A highways framework for resurfacing roads.",
            region="london",
        ),
    )


def find(query, **changes):
    return search(SearchRequest(query, **changes))


def test_a_document_is_found_by_meaning_when_the_words_miss_it(documents, backend):
    result = find("tenant voice")

    assert [hit.slug for hit in result.hits] == ["tenants"]
    assert result.total == 1
    assert {v.value: v.count for v in result.facets["region"]} == {"wales": 1}
    assert result.degraded == (backend == "database")


def test_the_set_is_the_same_in_newest_order(documents):
    assert [hit.slug for hit in find("tenant voice", sort=NEWEST).hits] == ["tenants"]


def test_a_facet_leaves_out_what_meaning_found(documents):
    result = find("tenant voice", filters={"region": ("london",)})

    assert result.hits == []
    assert {v.value: v.count for v in result.facets["region"] if v.count} == {"wales": 1}


def test_words_still_find_what_they_match(documents):
    assert [hit.slug for hit in find("resurfacing").hits] == ["roads"]


def test_an_exact_title_comes_first(documents):
    assert find(TENANTS).hits[0].slug == "tenants"


def test_meaning_never_shows_a_member_to_a_stranger(
    backend, db, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(fusion, "MIN_SIMILARITY", -1.0)  # every document is near enough
    with django_capture_on_commit_callbacks(execute=True):
        ProfileFactory(display_name="Tenant Voice Champion", visibility="members")

    assert find("tenant voice champion").total == 0
    assert find("housing").total == 0


def test_when_the_words_find_nothing_the_closest_are_shown(documents, monkeypatch, client):
    monkeypatch.setattr(fusion, "MIN_SIMILARITY", 0.99)  # nothing is near enough at first

    result = find("tenant advocacy")

    assert result.request.closest
    assert [hit.slug for hit in result.hits] == ["tenants"]
    assert "These are the closest" in client.get("/search/", {"q": "tenant advocacy"}).text
    assert client.get("/api/search/", {"q": "tenant advocacy"}).json()["closest"] is True


def test_feeds_and_alerts_never_get_the_closest(documents, monkeypatch):
    monkeypatch.setattr(fusion, "MIN_SIMILARITY", 0.99)

    assert find("tenant advocacy", hits_only=True).total == 0


def test_nonsense_finds_nothing(documents):
    result = find("xyzzy qwzzx")

    assert (result.total, result.request.closest) == (0, False)


def test_fusion_orders_by_both_ranks():
    # b: 1/62 + 0.5/62; c: 1/63 + 0.5/61; a: 1/61.
    assert fusion.fuse(["a", "b", "c"], ["c", "b"]) == ["b", "c", "a"]
    assert fusion.fuse(["a"], ["b"]) == ["a", "b"]


def test_past_the_fused_depth_the_words_order_goes_on():
    words = [f"w{n}" for n in range(fusion.FUSE_DEPTH + 5)]

    fused = fusion.fuse(words, ["m"])

    assert fused[-5:] == words[-5:]
    assert sorted(fused) == sorted([*words, "m"])
