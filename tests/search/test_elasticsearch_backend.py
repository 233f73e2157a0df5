"""Searching on the real Elasticsearch: stemming, disjunctive facets, sorting, highlights,
"did you mean", autocomplete and related case studies."""

import pytest

from casestudies.factories import case_study_record, seminar_record
from casestudies.models import CaseStudyPage
from search.service import related, search, suggest
from search.types import SearchRequest

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]


def titles(result):
    return [hit.title for hit in result.hits]


def counts(result, facet):
    return {value.value: value.count for value in result.facets[facet]}


@pytest.fixture
def three_case_studies(es, publish):
    publish(
        case_study_record(
            slug="a", title="Allotments", sectors=["public"], region="london", year=2015
        ),
        case_study_record(slug="b", title="Buses", sectors=["social"], region="london", year=2019),
        case_study_record(
            slug="c",
            title="Canteens",
            sectors=["public", "private"],
            region="wales",
            year=2017,
        ),
    )


def test_stemming_finds_other_forms_of_a_word(es, publish, find):
    publish(case_study_record(title="Garden", summary="The council commissioned gardens."))

    assert titles(find("commissioning garden")) == ["Garden"]
    # Plurals the en_GB dictionary stems oddly ("commissions" -> "mission") still match.
    assert titles(find("commissions")) == ["Garden"]


def test_a_plural_finds_the_singular(es, publish, find):
    publish(case_study_record(title="Garden", summary="One outcome in one contract."))

    assert titles(find("outcomes contracts")) == ["Garden"]


def test_values_of_one_facet_are_ored_and_facets_are_anded(three_case_studies, find):
    assert titles(find(sector=["social", "private"], sort="newest")) == ["Canteens", "Buses"]
    assert titles(find(sector=["public"], region=["london"])) == ["Allotments"]


def test_a_facets_counts_ignore_its_own_selection_but_apply_the_others(three_case_studies, find):
    result = find(sector=["public"])

    # Ticking "public" leaves the other sectors' counts as they were, so they can be added...
    assert counts(result, "sector") == {"public": 2, "private": 1, "social": 1}
    # ...while the other facets count only what "public" leaves.
    assert counts(result, "region") == {"london": 1, "wales": 1}
    assert result.total == 2


def test_a_selected_value_with_no_results_still_shows_selected_at_zero(three_case_studies, find):
    result = find(sector=["social"], region=["wales"])

    assert result.total == 0
    # Nothing social is in Wales: each selected value still shows, ticked, at zero.
    wales = next(value for value in result.facets["region"] if value.value == "wales")
    assert (wales.count, wales.selected) == (0, True)
    assert {v.value: (v.count, v.selected) for v in result.facets["sector"]} == {
        "public": (1, False),
        "private": (1, False),
    } | {"social": (0, True)}


def test_newest_sorts_by_publication_not_by_year(three_case_studies, find):
    assert titles(find(sort="newest")) == ["Canteens", "Buses", "Allotments"]


def test_highlights_are_html_escaped_with_marks(es, publish, find):
    publish(case_study_record(title="Garden", summary="Gardens <b>&</b> allotments for all."))

    (fragment,) = find("allotments").hits[0].highlights

    assert fragment == "Gardens &lt;b&gt;&amp;&lt;/b&gt; <mark>allotments</mark> for all."


def test_bad_query_syntax_never_fails(es, publish, find):
    publish(case_study_record(title="Garden"))

    for query in ['"garden', "garden)(", "-", "+|*~", "garden AND OR NOT", "\\"]:
        find(query)


def test_a_misspelt_query_gets_a_suggestion(es, publish, find):
    publish(case_study_record(title="Apprenticeships", summary="Apprenticeships in construction."))

    exact = search(SearchRequest("aprenticeships", exact=True))
    corrected = find("aprenticeships")

    # The words as typed match nothing, but their meaning is near enough (`fusion.py`).
    assert (exact.total, exact.suggestion) == (1, "apprenticeships")
    assert (corrected.total, corrected.corrected_from) == (1, "aprenticeships")


def test_autocomplete_completes_titles_from_any_word(es, publish):
    publish(case_study_record(title="Lambeth co-operative commissioning", slug="lambeth"))

    assert suggest("lam")[0].text == "Lambeth co-operative commissioning"
    assert suggest("co-op")[0].url == "/case-studies/lambeth/"
    assert suggest("zz") == []


def test_related_case_studies_share_words_and_facets_never_self_or_drafts(es, publish):
    publish(
        case_study_record(slug="a", title="School meals from local farms", themes=["governance"]),
        case_study_record(slug="b", title="Local farms supply hospital meals"),
        case_study_record(slug="c", title="Farms feed school meals", published=False),
        case_study_record(slug="d", title="Bus routes", themes=["leadership"], stages=["delivery"]),
        seminar_record(title="Local farms seminar"),
    )
    page = CaseStudyPage.objects.get(slug="a")

    found = related(f"case_study-{page.pk}")

    assert [hit.slug for hit in found][:1] == ["b"]
    assert {hit.slug for hit in found} <= {"b", "d"}
    assert all(hit.kind == "case_study" for hit in found)


def test_case_study_page_shows_its_related_case_studies(es, publish, client):
    publish(
        case_study_record(slug="a", title="School meals from local farms"),
        case_study_record(slug="b", title="Local farms supply hospital meals"),
        case_study_record(slug="c", title="Farms feed prison meals", published=False),
    )
    html = client.get(CaseStudyPage.objects.get(slug="a").url).content.decode()
    related_section = html.split('id="related-title"', 1)[1]
    assert "Local farms supply hospital meals" in related_section
    assert "Farms feed prison meals" not in related_section
    assert "School meals from local farms</a>" not in related_section
