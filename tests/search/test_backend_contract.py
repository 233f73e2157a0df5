"""The search contract, run against both backends: facets, filters, sorting, paging,
visibility, highlights, autocomplete and related case studies.

The database backend answers whenever Elasticsearch cannot, so it must keep the same
promises. Every test here runs twice, once per backend (as Wagtail's backend test mixins
do), and speaks only through the public contract: `search.service`, `search.types`,
`search.visibility` and pages published through the importer. Where the backends
legitimately differ, the test says so and checks each backend's documented behaviour.
The `backend` parameter (tests/conftest.py) gives Elasticsearch a fresh index per test.
"""

from django.urls import reverse

import pytest

from casestudies.factories import case_study_record, seminar_record
from casestudies.models import CaseStudyPage
from search.kinds import viewer_for
from search.service import related, search, suggest
from search.types import NEWEST, SearchRequest
from search.visibility import ANONYMOUS
from tests.factories.members import ProfileFactory, UserFactory

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]


def find(q="", sort="relevance", page=1, page_size=20, viewer=ANONYMOUS, **filters):
    filters = {name: tuple(values) for name, values in filters.items()}
    return search(SearchRequest(q, filters, sort, page, page_size, viewer))


def slugs(result):
    return [hit.slug for hit in result.hits]


def counts(result, facet):
    return {value.value: value.count for value in result.facets[facet]}


@pytest.fixture
def three(backend, publish):
    """a: public, London; b: social, London; c: public and social, Wales."""
    publish(
        case_study_record(slug="a", sectors=["public"], region="london", year=2014),
        case_study_record(slug="b", sectors=["social"], region="london", year=2015),
        case_study_record(slug="c", sectors=["public", "social"], region="wales", year=2016),
    )


# Facets and filters


def test_the_answer_comes_from_the_backend_asked_for(three, backend):
    assert find().degraded == (backend == "database")


def test_values_within_a_facet_are_or_ed(three):
    assert sorted(slugs(find(sector=["public", "social"]))) == ["a", "b", "c"]
    assert sorted(slugs(find(region=["london", "wales"]))) == ["a", "b", "c"]


def test_facets_are_and_ed(three):
    assert slugs(find(sector=["public"], region=["london"])) == ["a"]
    assert sorted(slugs(find(sector=["public", "social"], region=["wales"]))) == ["c"]


def test_a_facets_counts_ignore_its_own_selection(three):
    result = find(sector=["public"])

    assert result.total == 2
    assert counts(result, "sector") == {"public": 2, "social": 2}


def test_a_facets_counts_apply_the_other_facets_selections(three):
    result = find(sector=["public"], region=["london"])

    assert counts(result, "sector") == {"public": 1, "social": 1}
    assert counts(result, "region") == {"london": 1, "wales": 1}
    assert counts(result, "year") == {"2014": 1}


def test_a_selected_value_with_no_results_is_still_listed_as_selected(three):
    result = find(region=["scotland"], sector=["public"])

    assert result.total == 0
    region = {value.value: (value.count, value.selected) for value in result.facets["region"]}
    assert region["scotland"] == (0, True)
    assert region["london"] == (1, False)


def test_values_with_no_results_and_not_selected_are_not_listed(three):
    assert "scotland" not in counts(find(), "region")


def test_facet_values_carry_the_vocabularys_labels(three):
    labels = {value.value: value.label for value in find().facets["region"]}

    assert labels == {"london": "London", "wales": "Wales"}


def test_an_empty_filter_is_no_filter(three):
    result = find(sector=[], region=[])

    assert result.total == 3
    assert not any(value.selected for values in result.facets.values() for value in values)


def test_an_unknown_value_matches_nothing_and_is_listed_as_selected(three):
    # The request is taken as given: unknown values are dropped by `params.parse`, not here.
    result = find(sector=["no-such-sector"])

    assert result.total == 0
    assert [(v.value, v.count, v.selected) for v in result.facets["sector"]] == [
        ("public", 2, False),
        ("social", 2, False),
        ("no-such-sector", 0, True),  # after the vocabulary's values
    ]


def test_a_filter_on_an_unknown_facet_matches_nothing(three):
    # Both backends filter on any facet they are given; `params.parse` keeps only known ones.
    result = find(colour=["blue"])

    assert result.total == 0
    assert "colour" not in result.facets


def test_the_kind_facet_counts_each_kind_of_document(backend, publish):
    publish(case_study_record(), seminar_record())

    assert counts(find(), "kind") == {"case_study": 1, "seminar": 1, "lesson": 3}
    assert counts(find(kind=["lesson"]), "kind") == {"case_study": 1, "seminar": 1, "lesson": 3}
    assert {hit.kind for hit in find(kind=["lesson"]).hits} == {"lesson"}


def test_a_hit_carries_its_facet_values(backend, publish):
    publish(case_study_record(slug="a", sectors=["public"], themes=["leadership"], year=2013))

    (hit,) = find().hits

    assert (hit.kind, hit.year) == ("case_study", 2013)
    assert hit.facets["sector"] == ["public"]
    assert hit.facets["theme"] == ["leadership"]


# Sorting and paging


def test_without_words_the_newest_year_comes_first(three):
    assert slugs(find()) == ["c", "b", "a"]


def test_newest_puts_the_latest_published_first_whatever_its_year(backend, publish):
    publish(case_study_record(slug="first", year=2014))
    publish(case_study_record(slug="second", year=2014))
    publish(case_study_record(slug="older-work", year=2012))

    assert slugs(find(sort=NEWEST)) == ["older-work", "second", "first"]


def test_contributions_without_a_year_come_first_in_newest_and_in_everything_new(
    backend, publish, client
):
    publish(case_study_record(slug="dated", title="Dated work", year=2020))
    publish(
        case_study_record(slug="undated-1", title="Undated one", year=None),
        case_study_record(slug="undated-2", title="Undated two", year=None),
    )

    feed = client.get(reverse("search_feed")).content.decode()

    assert slugs(find(sort=NEWEST)) == ["undated-2", "undated-1", "dated"]
    assert "Everything new" in feed
    assert feed.index("Undated two") < feed.index("Undated one") < feed.index("Dated work")


def test_relevance_puts_a_title_match_before_a_body_match(backend, publish):
    publish(case_study_record(slug="title", title="Allotments for everyone", year=2010))
    publish(
        case_study_record(slug="body", title="Buses", body="Allotments were mentioned.", year=2020)
    )

    assert slugs(find("allotments")) == ["title", "body"]
    assert slugs(find("allotments", sort=NEWEST)) == ["body", "title"]


def test_pages_follow_each_other_without_gaps_or_repeats(backend, publish):
    publish(*(case_study_record(slug=f"p{n}", year=2000 + n) for n in range(5)))

    pages = [find(page=number, page_size=2) for number in (1, 2, 3)]

    assert [slugs(page) for page in pages] == [["p4", "p3"], ["p2", "p1"], ["p0"]]
    assert {page.total for page in pages} == {5}
    assert pages[0].num_pages == 3


def test_a_page_past_the_end_is_empty_with_the_right_total_and_facets(three):
    result = find(page=9, page_size=2)

    assert result.hits == []
    assert result.total == 3
    assert counts(result, "region") == {"london": 2, "wales": 1}


# Visibility and drafts


@pytest.fixture
def members_only(backend, db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return ProfileFactory(display_name="Rosalind Quaternion", visibility="members")


def test_a_members_only_document_is_found_by_a_member(members_only):
    member = viewer_for(UserFactory(confirmed=True))

    assert [hit.title for hit in find("Quaternion", viewer=member).hits] == ["Rosalind Quaternion"]
    assert counts(find(viewer=member), "kind") == {"member": 1}


def test_a_members_only_document_is_hidden_from_anonymous_visitors(members_only):
    assert find("Quaternion").total == 0
    assert counts(find(), "kind") == {}
    assert suggest("Rosalind") == []


def test_drafts_are_never_returned(backend, publish):
    publish(
        case_study_record(slug="live", title="Allotments in public"),
        case_study_record(slug="draft", title="Allotments in draft", published=False),
    )

    assert slugs(find("allotments")) == ["live"]
    assert find().total == 1
    assert [s.url for s in suggest("Allotments")] == ["/case-studies/live/"]


# Highlights


def test_highlights_mark_the_words_and_escape_the_html(backend, publish):
    publish(
        case_study_record(
            summary="Orchards <script>alert(1)</script> for the town.",
            body="A plan for orchards & <b>hedges</b> in every ward.",
        )
    )

    (hit,) = find("orchards").hits
    fragments = " ".join(hit.highlights)

    assert "<mark>Orchards</mark>" in fragments
    assert "<mark>orchards</mark>" in fragments
    assert "<script>" not in fragments
    assert "<b>" not in fragments
    assert "&lt;script&gt;" in fragments


SECTIONED = (
    "## Governance\n\nOrchards need a steward.\n\nOrchards need a steward.\n\n"
    "| Measure | 2014 |\n|---|---|\n| Orchards | 12 |\n\n"
    "Hedges were planted " + "along every lane and beside every school, " * 6 + "in the end."
)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        # No heading run into a sentence, no sentence twice, a table row with its labels.
        (
            "orchards",
            ["<mark>Orchards</mark> need a steward.", "Measure: <mark>Orchards</mark>; 2014: 12"],
        ),
        ("governance", ["<mark>Governance</mark>"]),
    ],
)
def test_snippets_are_whole_sentences_of_the_sectioned_text(backend, publish, words, expected):
    publish(case_study_record(summary="Green spaces.", body=SECTIONED, outcomes=[], lessons=[]))

    assert find(words).hits[0].highlights == expected


def test_a_long_sentence_is_cut_at_a_word_with_an_ellipsis(backend, publish):
    publish(case_study_record(summary="Green spaces.", body=SECTIONED, outcomes=[], lessons=[]))

    (snippet,) = find("hedges").hits[0].highlights

    assert snippet.startswith("<mark>Hedges</mark> were planted along every lane")
    assert snippet.endswith(" every…") and len(snippet) < 200


def test_without_words_there_are_no_highlights(three):
    assert all(hit.highlights == [] for hit in find().hits)


# "Did you mean"


def test_a_misspelt_word_is_corrected_by_either_backend(backend, publish):
    publish(case_study_record(title="Allotments", body="Allotments and orchards."))

    result = find("alotments")

    # Elasticsearch's phrase suggester and the database's vocabulary of public words both
    # know the spelling, and the service shows the results of the correction.
    assert (result.request.query, result.corrected_from) == ("allotments", "alotments")
    assert [hit.title for hit in result.hits] == ["Allotments"]


# Autocomplete


def test_suggest_completes_titles_from_the_start_of_any_word(backend, publish):
    publish(
        case_study_record(slug="a", title="Lambeth co-operative commissioning", year=2015),
        case_study_record(slug="b", title="Commissioning for leisure", year=2013),
    )

    assert [s.text for s in suggest("lam")] == ["Lambeth co-operative commissioning"]
    assert suggest("lam")[0].url == "/case-studies/a/"
    assert {s.text for s in suggest("commis")} == {
        "Lambeth co-operative commissioning",
        "Commissioning for leisure",
    }
    assert suggest("zz") == []


def test_suggest_keeps_to_the_limit(backend, publish):
    publish(*(case_study_record(title=f"Harbour works {n}") for n in range(5)))

    assert len(suggest("harbour", limit=3)) == 3


def test_suggest_for_nothing_typed_is_empty(backend, publish):
    publish(case_study_record())

    assert suggest("   ") == []


# Related case studies


def test_related_finds_other_published_case_studies_and_never_itself(backend, publish):
    publish(
        case_study_record(slug="a", title="School meals from local farms", themes=["governance"]),
        case_study_record(slug="b", title="Local farms supply hospital meals"),
        case_study_record(slug="c", title="Farms feed school meals", published=False),
        seminar_record(title="Local farms seminar"),
    )
    page = CaseStudyPage.objects.get(slug="a")

    found = related(f"case_study-{page.pk}")

    assert [hit.slug for hit in found] == ["b"]
    assert all(hit.kind == "case_study" for hit in found)


def test_related_of_an_unknown_document_is_empty(backend, publish):
    publish(case_study_record())

    assert related("case_study-999999") == []
