"""What is like one thing, on both backends: a page's related case studies and those like
a draft are found by their words and by their meaning (`search/fusion.py`), and the
meaning never brings back what the viewer may not see.

"Renters" shares no word and no facet value with "tenants"; only its meaning is near.
The threshold of likeness is lowered for these short documents, whose vectors are less
alike than those of real case studies."""

import pytest

from casestudies.factories import case_study_record
from casestudies.models import CaseStudyPage
from questions.models import Audience
from search import fusion, kinds, service
from search.visibility import ANONYMOUS
from tests.contributions.contributions_support import make_member
from tests.factories import questions as factories

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]

NOTHING_IS_NEAR = 1.1
DRAFT = "Occupants selecting a maintenance company for housing"


def unlike(slug, title, summary, **facets):
    """A case study with only the words and facet values given: none shared by default."""
    return case_study_record(
        slug=slug,
        title=title,
        summary=summary,
        body=summary,
        organisation={"name": f"{title} body", "type": facets.pop("type")},
        partners=[],
        tags=[],
        outcomes=[],
        sources=[],
        **facets,
    )


@pytest.fixture
def documents(backend, publish, monkeypatch):
    monkeypatch.setattr(fusion, "MIN_SIMILARITY", 0.2)
    publish(
        unlike(
            "tenants",
            "Tenants choose their repairs contractor",
            "Housing association tenants sat on the panel.",
            type="housing-association",
            region="wales",
            sectors=["social"],
            themes=["governance"],
            outcome_areas=["social"],
            stages=["market-engagement"],
        ),
        unlike(
            "renters",
            "Renters pick who fixes homes",
            "People living in rented flats chose the firm that mends them.",
            type="business",
            region="scotland",
            sectors=["private"],
            themes=["leadership"],
            outcome_areas=["environment"],
            stages=["delivery"],
        ),
        unlike(
            "roads",
            "Road resurfacing contract",
            "A highways framework for resurfacing roads.",
            type="council",
            region="london",
            sectors=["public"],
            themes=["relationships"],
            outcome_areas=["jobs"],
            stages=["procurement"],
        ),
    )


def related_slugs(slug):
    doc_id = kinds.document_id("case_study", CaseStudyPage.objects.get(slug=slug).pk)
    return [hit.slug for hit in service.related(doc_id, ANONYMOUS)]


def test_a_page_is_related_to_one_near_in_meaning(documents):
    assert related_slugs("tenants") == ["renters"]


def test_without_meaning_nothing_is_related(documents, monkeypatch):
    monkeypatch.setattr(fusion, "MIN_SIMILARITY", NOTHING_IS_NEAR)

    assert related_slugs("tenants") == []


def test_a_draft_finds_case_studies_near_its_meaning(documents):
    slugs = [hit.slug for hit in service.similar_to_text(DRAFT, "case_study")]

    assert "renters" in slugs
    assert "roads" not in slugs


def test_a_draft_in_other_words_finds_nothing_without_meaning(documents, monkeypatch):
    monkeypatch.setattr(fusion, "MIN_SIMILARITY", NOTHING_IS_NEAR)

    slugs = [hit.slug for hit in service.similar_to_text(DRAFT, "case_study")]

    assert "renters" not in slugs


def test_meaning_never_brings_back_a_question_for_members_only(
    backend, db, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(fusion, "MIN_SIMILARITY", -1.0)  # every question is near enough
    asker = make_member()
    with django_capture_on_commit_callbacks(execute=True):
        private = factories.question(
            asker, audience=Audience.MEMBERS, title="How did renters pick who fixes homes?"
        )
    text = "Occupants selecting a maintenance company"

    strangers = service.similar_to_text(text, "question", ANONYMOUS, limit=50)
    members = service.similar_to_text(text, "question", kinds.viewer_for(asker.user), limit=50)

    assert private.title not in [hit.title for hit in strangers]
    assert private.title in [hit.title for hit in members]
