"""Promoted results: pages editors pin to a query in Wagtail's search promotions come
first, marked "Recommended", on the search page and in the API, on both backends; never a
page the viewer may not see (a draft, an unpublished or a restricted page); only when they
fit the filters chosen; and never a second time among the ranked results. Content editors
manage them in Wagtail's promotions admin."""

from http import HTTPStatus

from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page, PageViewRestriction

import pytest
from bs4 import BeautifulSoup

from casestudies.factories import case_study_record, seminar_record
from casestudies.models import CaseStudyPage, SeminarPage
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


def promote(query: str, *pages: Page) -> Query:
    promoted = Query.get(query)
    for order, page in enumerate(pages):
        SearchPromotion.objects.create(query=promoted, page=page, sort_order=order)
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


def test_a_promotion_added_removed_or_reordered_shows_at_the_next_search(gardens, client):
    """The promotions are kept in the cache between searches; every change an editor
    makes forgets them."""
    assert all(not recommended for _, recommended in titles(api(client, q="garden")))
    promoted = promote("garden", page("allotments"), page("garden-3"))
    assert titles(api(client, q="garden"))[:2] == [("Allotments", True), ("Garden 3", True)]

    SearchPromotion.objects.filter(query=promoted, page=page("allotments")).update(sort_order=5)
    SearchPromotion.objects.get(query=promoted, page=page("garden-3")).save()
    assert titles(api(client, q="garden"))[:2] == [("Garden 3", True), ("Allotments", True)]

    promoted.delete()
    assert all(not recommended for _, recommended in titles(api(client, q="garden")))


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


def test_a_promoted_page_that_is_unpublished_or_private_is_not_shown_to_an_anonymous_viewer(
    gardens, client, after_commit
):
    promote("garden", page("garden-1"), page("garden-2"))
    with after_commit():
        CaseStudyPage.objects.get(slug="garden-1").unpublish()
        PageViewRestriction.objects.create(
            page=page("garden-2"), restriction_type=PageViewRestriction.PASSWORD, password="x"
        )

    answer = api(client, q="garden")

    assert not [hit for hit in answer["results"] if hit["recommended"]]
    assert {"Garden 1", "Garden 2"}.isdisjoint(title for title, _ in titles(answer))


def test_a_promoted_external_link_is_not_shown(gardens, client):
    SearchPromotion.objects.create(
        query=Query.get("garden"),
        external_link_url="https://example.org/",
        external_link_text="Elsewhere",
        sort_order=0,
    )

    answer = api(client, q="garden")

    assert titles(answer)[0] == ("Garden 3", False)
    assert answer["total"] == 4


@pytest.fixture
def editor_client(client):
    editor = UserFactory(is_staff=True)
    editor.groups.add(Group.objects.get(name="Content editors"))
    client.force_login(editor)
    return client


def promotion_form(words: str, page: Page) -> dict:
    return {
        "query_string": words,
        "editors_picks-TOTAL_FORMS": "1",
        "editors_picks-INITIAL_FORMS": "0",
        "editors_picks-MAX_NUM_FORMS": "1000",
        "editors_picks-0-DELETE": "",
        "editors_picks-0-ORDER": "0",
        "editors_picks-0-page": str(page.pk),
        "editors_picks-0-description": "",
    }


def test_a_content_editor_pins_a_page_to_a_query_in_wagtails_promotions(db, editor_client):
    home = Page.objects.filter(depth=2).first()

    opened = editor_client.get(reverse("wagtailsearchpromotions:add"))
    saved = editor_client.post(
        reverse("wagtailsearchpromotions:add"), promotion_form(" Social  VALUE ", home)
    )

    assert opened.status_code == HTTPStatus.OK
    assert saved.status_code == HTTPStatus.FOUND
    assert saved.url == reverse("wagtailsearchpromotions:index")
    promoted = SearchPromotion.objects.get()
    assert (promoted.query.query_string, promoted.page_id) == ("social value", home.pk)


def test_the_same_words_in_other_capitals_add_to_the_existing_query(db, editor_client):
    home = Page.objects.filter(depth=2).first()
    promote("icb", Page.objects.get(depth=1))

    editor_client.post(reverse("wagtailsearchpromotions:add"), promotion_form("  ICB ", home))

    assert Query.objects.filter(editors_picks__isnull=False).distinct().count() == 1
    assert set(Query.get("icb").editors_picks.values_list("page__depth", flat=True)) == {1, 2}
