"""Promoted results: pages editors pin to a query come first, marked "Recommended", on the
search page and in the API, on both backends; never a page the viewer may not see (a
draft, an unpublished or a restricted page); only when they fit the filters chosen; and
never a second time among the ranked results."""

from http import HTTPStatus

from django.urls import reverse

from wagtail.models import Page, PageViewRestriction

import pytest
from bs4 import BeautifulSoup

from casestudies.factories import case_study_record, seminar_record
from casestudies.models import CaseStudyPage, SeminarPage
from search.models import PromotedPage, PromotedQuery
from tests.factories.members import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def gardens(backend, publish):
    publish(
        *(
            case_study_record(title=f"Garden {n}", slug=f"garden-{n}", year=2010 + n)
            for n in range(4)
        ),
        case_study_record(title="Allotments", slug="allotments", sectors=["social"]),
    )


def promote(query: str, *pages: Page) -> PromotedQuery:
    promoted = PromotedQuery.objects.create(query=query)
    for order, page in enumerate(pages):
        PromotedPage.objects.create(promoted_query=promoted, page=page, sort_order=order)
    return promoted


def page(slug: str) -> Page:
    return Page.objects.get(slug=slug)


def api(client, **params) -> dict:
    response = client.get("/api/search/", params)
    assert response.status_code == HTTPStatus.OK
    return response.json()


def titles(answer: dict) -> list[tuple[str, bool]]:
    return [(hit["title"], hit["recommended"]) for hit in answer["results"]]


def test_a_promoted_page_comes_first_marked_and_only_once(gardens, client):
    promote("Garden", page("garden-0"))

    answer = api(client, q="garden")

    assert titles(answer)[0] == ("Garden 0", True)
    assert [title for title, _ in titles(answer)].count("Garden 0") == 1
    assert all(not recommended for _, recommended in titles(answer)[1:])
    assert answer["total"] == 4


def test_the_words_match_whatever_their_capitals_and_spaces(gardens, client):
    promote("  community   GARDEN ", page("allotments"))

    assert titles(api(client, q="Community garden"))[0] == ("Allotments", True)


def test_a_promoted_page_need_not_contain_the_words(gardens, client):
    promote("garden", page("allotments"))

    answer = api(client, q="garden")

    assert titles(answer)[0] == ("Allotments", True)
    assert answer["total"] == 5


def test_promoted_pages_keep_the_editors_order(gardens, client):
    promote("garden", page("garden-2"), page("allotments"))

    assert titles(api(client, q="garden"))[:2] == [("Garden 2", True), ("Allotments", True)]


def test_the_search_page_shows_them_under_recommended_before_the_results(gardens, client):
    promote("garden", page("garden-3"))

    html = BeautifulSoup(client.get("/search/", {"q": "garden"}).content, "html.parser")

    box = html.select_one(".search-recommended")
    assert box.find(id="recommended-title").get_text(strip=True) == "Recommended"
    assert [a.get_text() for a in box.select(".search-result__title a")] == ["Garden 3"]
    ranked = [a.get_text() for a in html.select(".search-results")[1].select("h3 a")]
    assert ranked == ["Garden 2", "Garden 1", "Garden 0"]
    assert html.find(id="results-title").get_text(" ", strip=True).startswith("4 results")


def test_later_pages_show_neither_the_promotion_nor_a_repeat_of_it(gardens, client):
    promote("garden", page("garden-3"))

    pages = [api(client, q="garden", page_size=2, page=n) for n in (1, 2)]

    assert titles(pages[0]) == [("Garden 3", True), ("Garden 2", False), ("Garden 1", False)]
    assert titles(pages[1]) == [("Garden 0", False)]
    assert {answer["total"] for answer in pages} == {4}


def test_a_promotion_shows_only_when_it_fits_the_filters(gardens, client):
    promote("garden", page("allotments"))

    assert titles(api(client, q="garden", sector="social"))[0] == ("Allotments", True)
    public = api(client, q="garden", sector="public")
    assert "Allotments" not in [title for title, _ in titles(public)]
    assert public["total"] == 4


def test_a_draft_is_never_recommended(backend, publish, client):
    publish(
        case_study_record(title="Garden", slug="garden"),
        case_study_record(title="Secret garden", slug="secret", published=False),
    )
    promote("garden", page("secret"))

    assert titles(api(client, q="garden")) == [("Garden", False)]


def test_an_unpublished_page_is_no_longer_recommended(gardens, client, after_commit):
    promote("garden", page("garden-1"))
    with after_commit():
        CaseStudyPage.objects.get(slug="garden-1").unpublish()

    answer = api(client, q="garden")

    assert "Garden 1" not in [title for title, _ in titles(answer)]
    assert answer["total"] == 3


def test_a_restricted_page_is_recommended_to_nobody(gardens, client, after_commit):
    promote("garden", page("garden-1"))
    with after_commit():
        PageViewRestriction.objects.create(
            page=page("garden-1"), restriction_type=PageViewRestriction.LOGIN
        )

    assert "Garden 1" not in [title for title, _ in titles(api(client, q="garden"))]
    client.force_login(UserFactory())
    assert "Garden 1" not in [title for title, _ in titles(api(client, q="garden"))]


def test_a_promoted_seminar_shows_as_the_seminar_not_its_lessons(backend, publish, client):
    publish(seminar_record(title="Gardens seminar", slug="gardens-seminar"))
    promote("gardens", SeminarPage.objects.get(slug="gardens-seminar"))

    recommended = [hit for hit in api(client, q="gardens")["results"] if hit["recommended"]]

    assert [(hit["kind"], hit["title"]) for hit in recommended] == [("seminar", "Gardens seminar")]


def test_editors_pin_pages_to_a_query_in_the_admin(db, client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = client.get(reverse("promoted_results:add"))

    assert response.status_code == HTTPStatus.OK
    assert "Recommended pages" in response.content.decode()


def test_the_same_words_in_other_capitals_are_refused_with_a_message(db, client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    promote("icb", Page.objects.filter(depth=2).first())
    form = {
        "query": "  ICB ",
        "pages-TOTAL_FORMS": "1",
        "pages-INITIAL_FORMS": "0",
        "pages-MIN_NUM_FORMS": "1",
        "pages-MAX_NUM_FORMS": "1000",
        "pages-0-page": str(Page.objects.filter(depth=2).first().pk),
        "pages-0-ORDER": "1",
        "pages-0-id": "",
        "pages-0-DELETE": "",
    }

    response = client.post(reverse("promoted_results:add"), form)

    assert response.status_code == HTTPStatus.OK  # the form again, with the error
    assert "already exists" in response.content.decode()
    assert PromotedQuery.objects.count() == 1
