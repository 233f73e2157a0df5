"""Facet counts equal counts computed from the content models, for generated combinations
of filters, on both backends (property-based, with hypothesis)."""

import random
from collections import Counter
from itertools import chain

from django.test import override_settings

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from casestudies.factories import case_study_record, seminar_record
from casestudies.models import CaseStudyPage, SeminarPage
from search.service import search
from search.types import SearchRequest
from taxonomy.vocabularies import VOCABULARIES

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]

TERM_FACETS = ["sector", "theme", "outcome_area", "stage", "region", "organisation_type"]
FACETS = ["kind", *TERM_FACETS, "year"]
YEARS = ["2013", "2014", "2015", "2016", "2020"]
REGIONS = ["london", "wales", "scotland", "north-east"]
WORDS = ["", "allotment", "transport"]


def slugs(vocabulary):
    return [slug for slug, _name, _description in VOCABULARIES[vocabulary]]


KINDS = ["case_study", "lesson", "seminar", "member"]  # the contract's kind slugs
VALUES = {"kind": KINDS} | {name: slugs(name) for name in TERM_FACETS} | {"year": YEARS}


def corpus_records(seed=3):
    """A small mixed corpus: the same every run."""
    chance = random.Random(seed)

    def some(vocabulary, most=3):
        return chance.sample(slugs(vocabulary), chance.randint(0, most))

    records = []
    for number in range(14):
        organisation_types = slugs("organisation_type")
        partners = [
            {"name": f"Partner {chance.randint(1, 4)}", "type": chance.choice(organisation_types)}
            for _ in range(chance.randint(0, 1))
        ]
        word = chance.choice(["allotment", "transport", "housing"])
        records.append(
            case_study_record(
                slug=f"case-{number}",
                title=f"The {word} case {number}",
                organisation={"name": f"Lead {number}", "type": chance.choice(organisation_types)},
                partners=partners,
                region=chance.choice([*REGIONS, None]),
                sectors=some("sector"),
                themes=some("theme", 2),
                outcome_areas=some("outcome_area"),
                stages=some("stage"),
                year=int(chance.choice(YEARS[:4])),
                published=chance.random() > 0.15,
            )
        )
    for number in range(2):
        lessons = [
            {
                "title": f"Lesson {n}",
                "body": "Learn.",
                "themes": some("theme", 2),
                "stages": some("stage", 2),
            }
            for n in range(3)
        ]
        records.append(
            seminar_record(slug=f"seminar-{number}", date=f"201{3 + number}-05-01", lessons=lessons)
        )
    return records


def model_documents():
    """Each document's facet values and title, read from the models, not from search."""

    def slug_set(terms):
        return {term.slug for term in terms.all()}

    documents = []
    for page in CaseStudyPage.objects.live().public():
        organisations = [page.lead_organisation, *page.partner_organisations.all()]
        documents.append(
            {
                "kind": {"case_study"},
                "sector": slug_set(page.sectors),
                "theme": slug_set(page.themes),
                "outcome_area": slug_set(page.outcome_areas),
                "stage": slug_set(page.stages),
                "region": {page.region.slug} if page.region else set(),
                "organisation_type": {o.organisation_type.slug for o in organisations if o},
                "year": {str(page.year)},
                "title": page.title.lower(),
            }
        )
    for seminar in SeminarPage.objects.live().public():
        year = {str(seminar.date.year)}
        lessons = [
            {"kind": {"lesson"}, "theme": slug_set(lesson.themes), "stage": slug_set(lesson.stages)}
            for lesson in seminar.lessons.all()
        ]
        documents.append(
            {
                "kind": {"seminar"},
                "theme": set().union(*(lesson["theme"] for lesson in lessons)),
                "stage": set().union(*(lesson["stage"] for lesson in lessons)),
                "year": year,
                "title": seminar.title.lower(),
            }
        )
        documents.extend({**lesson, "year": year, "title": ""} for lesson in lessons)
    return documents


def expected(documents, word, selected):
    """Total and per-facet counts, by definition: a facet's counts apply every other
    facet's selection (values OR-ed within a facet, facets AND-ed)."""
    documents = [d for d in documents if word in d["title"]]

    def matches(document, ignoring=None):
        return all(
            document.get(name, set()) & set(values)
            for name, values in selected.items()
            if name != ignoring
        )

    counts = {
        name: dict(Counter(v for d in documents if matches(d, name) for v in d.get(name, ())))
        for name in FACETS
    }
    return sum(matches(d) for d in documents), counts


def observed(result):
    counts = {
        name: {value.value: value.count for value in values if value.count}
        for name, values in result.facets.items()
        if name in FACETS
    }
    return result.total, counts


selections = st.dictionaries(
    keys=st.sampled_from(FACETS),
    values=st.builds(
        tuple, st.sets(st.sampled_from(list(chain(*VALUES.values()))), min_size=1, max_size=3)
    ),
    max_size=3,
).map(
    lambda chosen: {
        name: tuple(v for v in values if v in VALUES[name])
        for name, values in chosen.items()
        if any(v in VALUES[name] for v in values)
    }
)


@pytest.fixture
def corpus(es, publish):
    publish(*corpus_records())
    return model_documents()


@pytest.mark.parametrize("backend", ["elasticsearch", "database"])
def test_facet_counts_equal_counts_from_the_models(corpus, backend, settings):
    url = settings.ELASTICSEARCH_URL if backend == "elasticsearch" else ""

    @hypothesis_settings(
        max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
    )
    @given(word=st.sampled_from(WORDS), selected=selections)
    def check(word, selected):
        with override_settings(ELASTICSEARCH_URL=url):
            result = search(SearchRequest(word, selected, page_size=50))
        assert result.degraded is (backend == "database")
        assert observed(result) == expected(corpus, word, selected)

    check()
