"""The CSV download, on both backends: the rows are the API's results for the same search,
streamed page after page up to a cap; cells never run as formulas in a spreadsheet; a
malformed number is a 400 with a sentence; members-only documents only for members."""

import csv
import io
from http import HTTPStatus

from django.utils import timezone

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page

import pytest
from bs4 import BeautifulSoup

from casestudies.factories import case_study_record, seminar_record
from members.models import Visibility
from questions.models import Audience
from search import csv_download
from tests.factories import questions as question_factories
from tests.factories.members import ProfileFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def gardens(backend, publish):
    publish(
        *(
            case_study_record(
                title=f"Garden {n}",
                slug=f"garden-{n}",
                summary=f"A community garden, number {n}.",
                sectors=["public", "social"] if n % 2 else ["social"],
                year=2010 + n,
            )
            for n in range(7)
        ),
    )


def download(client, **params):
    response = client.get("/api/search.csv", params)
    assert response.status_code == HTTPStatus.OK
    assert response.streaming
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return response, list(csv.DictReader(io.StringIO(text[1:])))


def api_results(client, **params) -> list[dict]:
    return client.get("/api/search/", {**params, "page_size": 50}).json()["results"]


def test_the_rows_are_the_apis_results_for_the_same_search(gardens, client):
    response, rows = download(client, q="garden", sector="public", page="3", page_size="2")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="social-value-search-{today}.csv"'
    )
    assert response["X-Results-Total"] == "3"
    assert "X-Results-Capped" not in response
    expected = api_results(client, q="garden", sector="public")
    assert [(r["title"], r["url"]) for r in rows] == [
        (hit["title"], f"http://testserver{hit['url']}") for hit in expected
    ]
    assert list(rows[0])[:8] == [
        "kind", "title", "url", "summary", "year", "published_at", "recommended", "evidence",
    ]  # fmt: skip
    first = rows[0]
    assert (first["kind"], first["sector"], first["recommended"]) == (
        "Case study", "Public; Social", "",
    )  # fmt: skip
    assert first["evidence"] == "Not yet assessed"
    assert first["year"] == str(expected[0]["year"])
    assert first["published_at"] == expected[0]["published_at"]
    assert first["summary"] == expected[0]["summary"]


def test_every_page_is_read_until_the_cap(gardens, client, monkeypatch):
    monkeypatch.setattr(csv_download, "MAX_PAGE_SIZE", 2)  # four pages of the service

    _response, rows = download(client, sort="newest")

    newest = [hit["title"] for hit in api_results(client, sort="newest")]
    assert [row["title"] for row in rows] == newest
    assert len(rows) == 7


def test_the_download_stops_at_the_cap_and_says_so(gardens, client, monkeypatch):
    monkeypatch.setattr(csv_download, "MAX_PAGE_SIZE", 2)
    monkeypatch.setattr(csv_download, "MAX_ROWS", 5)

    response, rows = download(client, sort="newest")

    newest = [hit["title"] for hit in api_results(client, sort="newest")]
    assert [row["title"] for row in rows] == newest[:5]
    assert (response["X-Results-Total"], response["X-Results-Capped"]) == ("7", "5")


def test_a_recommended_page_is_listed_once_first_and_marked(gardens, client):
    promoted = Query.get("garden")
    SearchPromotion.objects.create(
        query=promoted, page=Page.objects.get(slug="garden-4"), sort_order=0
    )

    _response, rows = download(client, q="garden")

    titles = [row["title"] for row in rows]
    assert titles[0] == "Garden 4" and titles.count("Garden 4") == 1
    assert [row["recommended"] for row in rows] == ["yes"] + [""] * 6
    assert titles == [hit["title"] for hit in api_results(client, q="garden")]


def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_escaped(backend, publish, client):
    publish(
        case_study_record(
            title='=HYPERLINK("http://evil.example", "Click")',
            slug="formula",
            summary="@SUM(A1:A2) saved money",
        )
    )

    _response, rows = download(client)

    (row,) = rows
    assert row["title"] == '\'=HYPERLINK("http://evil.example", "Click")'
    assert row["summary"] == "'@SUM(A1:A2) saved money"


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_each_formula_start_gets_an_apostrophe(start):
    assert csv_download.safe_cell(f"{start}1+1") == f"'{start}1+1"
    assert csv_download.safe_cell(f"A{start}") == f"A{start}"


@pytest.mark.parametrize("params", [{"page": "abc"}, {"page_size": "500"}, {"page": "0"}])
def test_a_malformed_number_is_a_400_with_a_sentence(client, params):
    response = client.get("/api/search.csv", params)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    (name,) = params
    assert text.endswith(".") and name in text


def test_members_only_documents_are_in_a_members_download_only(
    backend, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        hidden = ProfileFactory(
            user=UserFactory(confirmed=True),
            visibility=Visibility.MEMBERS,
            display_name="Quillon Membersonly",
        )
        question = question_factories.question(
            hidden, audience=Audience.MEMBERS, title="Who audits Quillon's contracts?"
        )
        member = ProfileFactory(user=UserFactory(confirmed=True))

    _response, strangers = download(client, q="Quillon")
    client.force_login(member.user)
    _response, members = download(client, q="Quillon")

    assert strangers == []
    assert {row["title"] for row in members} == {hidden.display_name, question.title}
    assert hidden.user.email not in str(members)


@pytest.fixture
def listed(settings, publish):
    """Case studies in the database backend: the links do not depend on the backend."""
    settings.ELASTICSEARCH_URL = ""
    publish(*(case_study_record(title=f"Orchard {n}", sectors=["public"]) for n in range(3)))


def download_link(client, path, **params):
    page = BeautifulSoup(client.get(path, params).content, "html.parser")
    return page.select_one(".search-download a")


def test_the_search_page_links_to_its_results_as_csv(listed, client):
    link = download_link(client, "/search/", q="orchard", sector="public", sort="newest", page=2)

    assert link.get_text(strip=True) == "Download these results (CSV)"
    assert link["href"] == "/api/search.csv?q=orchard&sector=public&sort=newest"
    assert link["type"] == "text/csv"


@pytest.mark.parametrize(
    ("path", "kind"), [("/case-studies/", "case_study"), ("/members/", "member")]
)
def test_a_listings_link_carries_the_kind_it_lists(
    listed, client, path, kind, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ProfileFactory(user=UserFactory(confirmed=True))  # the directory lists someone

    link = download_link(client, path, sort="newest")

    assert link["href"].startswith("/api/search.csv?")
    assert f"kind={kind}" in link["href"] and "sort=newest" in link["href"]


def test_past_the_cap_the_link_says_how_many_it_holds(listed, client, monkeypatch):
    monkeypatch.setattr(csv_download, "MAX_ROWS", 2)

    page = BeautifulSoup(client.get("/search/", {"q": "orchard"}).content, "html.parser")

    paragraph = page.select_one(".search-download")
    assert paragraph.a.get_text(strip=True) == "Download the first 2 results (CSV)"
    assert "There are 3: narrow the search" in paragraph.get_text(" ", strip=True)


def test_a_search_that_finds_nothing_offers_no_download(listed, client):
    assert download_link(client, "/search/", q="zzzqqq") is None


def test_the_seminar_index_and_the_questions_offer_their_list_as_csv(
    settings, publish, client, django_capture_on_commit_callbacks
):
    settings.ELASTICSEARCH_URL = ""
    with django_capture_on_commit_callbacks(execute=True):
        publish(seminar_record(slug="winter", title="Winter seminar"))
        asker = ProfileFactory(user=UserFactory(confirmed=True))
        question_factories.question(asker, audience=Audience.PUBLIC, title="Who tenders?")

    for path, kind, title in [
        ("/seminars/", "seminar", "Winter seminar"),
        ("/questions/", "question", "Who tenders?"),
    ]:
        link = download_link(client, path)
        assert link["href"] == f"/api/search.csv?kind={kind}&sort=newest"
        _response, rows = download(client, kind=kind, sort="newest")
        assert [row["title"] for row in rows] == [title]
