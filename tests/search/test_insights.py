"""Search insights: each new search is logged once (words, filters, count, backend, day)
and nothing about who made it; page turns, re-sorts, autocomplete and feeds are not;
opened results are counted through a signed token, with links that keep their address;
a failing log never fails a search; old rows go after the retention period."""

import datetime
from http import HTTPStatus
from io import StringIO
from urllib.parse import parse_qs, urlparse

from django.core import signing
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

import pytest
from bs4 import BeautifulSoup

from casestudies.factories import case_study_record
from search import insights
from search.models import LoggedSearch, OpenedResult
from tests.factories.members import ProfileFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def gardens(no_elasticsearch, publish):
    publish(
        *(
            case_study_record(title=f"Garden {n}", slug=f"garden-{n}", sectors=["public"])
            for n in range(3)
        ),
        case_study_record(title="Orchard", slug="orchard", sectors=["social"]),
    )


def logged() -> list[tuple]:
    return list(
        LoggedSearch.objects.order_by("pk").values_list(
            "query", "filters", "surface", "total", "backend"
        )
    )


def result_link_tags(response) -> list:
    page = BeautifulSoup(response.content, "html.parser")
    return page.select(".search-result__title a")


def test_a_search_on_the_page_is_logged_with_normalised_words_filters_count_and_backend(
    gardens, client
):
    client.get("/search/", {"q": "  GARDEN  ", "sector": "public"})

    assert logged() == [("garden", "sector=public", "/search/", 3, "database")]
    assert LoggedSearch.objects.get().day == timezone.localdate()


def test_the_api_the_directory_and_the_case_study_index_log_their_searches(gardens, client):
    client.get("/api/search/", {"q": "orchard"})
    client.get("/members/", {"q": "gardener"})
    client.get("/case-studies/", {"sector": "social"})

    assert logged() == [
        ("orchard", "", "/api/search/", 1, "database"),
        ("gardener", "kind=member", "/members/", 0, "database"),
        ("", "kind=case_study&sector=social", "/case-studies/", 1, "database"),
    ]


def test_page_turns_re_sorts_and_listings_opened_without_asking_are_not_logged(gardens, client):
    client.get("/search/", {"q": "garden", "page_size": "1", "page": "2"})
    client.get("/search/", {"q": "garden", "sort": "newest"})
    client.get("/api/search/", {"q": "garden", "page": "2", "page_size": "1"})
    client.get("/case-studies/")
    client.get("/members/")
    client.get("/search/")

    assert logged() == []


def test_autocomplete_and_feeds_are_not_logged(gardens, client):
    client.get("/api/search/suggest/", {"q": "gar"})
    client.get("/api/search/suggest/", {"q": "garden"})
    client.get("/search/feed/", {"q": "garden"})

    assert logged() == []


def test_nothing_about_the_person_is_kept(gardens, client):
    client.force_login(UserFactory())
    client.get("/search/", {"q": "garden"}, REMOTE_ADDR="203.0.113.9", HTTP_USER_AGENT="Probe/1")

    fields = {field.name for field in LoggedSearch._meta.get_fields()}
    assert fields == {"id", "day", "query", "filters", "surface", "total", "backend"}
    values = " ".join(str(value) for value in LoggedSearch.objects.values().get().values())
    assert "203.0.113.9" not in values and "Probe" not in values


def test_email_addresses_and_phone_numbers_typed_as_words_are_not_kept(gardens, client):
    client.get("/search/", {"q": "sam@example.org 020 7946 0958 garden"})

    assert LoggedSearch.objects.get().query == "[email address] [phone number] garden"


def test_a_year_in_the_words_is_not_taken_for_a_phone_number():
    assert insights.normalise("Social value 2013 2014") == "social value 2013 2014"


def test_elasticsearch_is_named_when_it_answers(es, publish, client):
    publish(case_study_record(title="Garden"))

    client.get("/search/", {"q": "garden"})

    assert logged() == [("garden", "", "/search/", 1, "elasticsearch")]


def test_a_corrected_search_is_logged_as_typed(es, publish, client):
    publish(case_study_record(title="Allotments", body="Allotments and orchards."))

    links = result_link_tags(client.get("/search/", {"q": "alotments"}))
    client.post(links[0]["ping"])

    assert logged() == [("alotments", "", "/search/", 1, "elasticsearch")]
    assert OpenedResult.objects.get().query == "alotments"


def test_a_search_still_answers_when_its_log_cannot_be_written(gardens, client, caplog):
    with connection.cursor() as cursor:  # the table goes away until the test ends
        cursor.execute("ALTER TABLE search_loggedsearch RENAME TO search_loggedsearch_away")

    response = client.get("/search/", {"q": "garden"})

    assert response.status_code == HTTPStatus.OK
    assert len(result_link_tags(response)) == 3
    assert "Could not record a search" in caplog.text


def test_result_links_keep_their_own_address_and_say_where_to_count_them(gardens, client, settings):
    settings.SITE_BASE_URL = "https://svn.example/"
    links = result_link_tags(client.get("/search/", {"q": "garden"}))

    assert [a["href"] for a in links] == [
        "/case-studies/garden-2/",
        "/case-studies/garden-1/",
        "/case-studies/garden-0/",
    ]
    # Absolute, as HTML requires of a ping, and on the site's address.
    assert all(a["ping"].startswith("https://svn.example/search/opened/?to=") for a in links)


def test_opening_a_result_is_counted_without_the_person(gardens, client):
    links = result_link_tags(client.get("/search/", {"q": "garden"}))

    response = client.post(links[1]["ping"], REMOTE_ADDR="203.0.113.9")

    assert response.status_code == HTTPStatus.NO_CONTENT
    opened = OpenedResult.objects.get()
    assert (opened.query, opened.surface, opened.position) == ("garden", "/search/", 2)
    assert opened.url == links[1]["href"]
    fields = {field.name for field in OpenedResult._meta.get_fields()}
    assert fields == {"id", "day", "query", "surface", "url", "position", "token_digest"}


def test_results_on_later_pages_count_from_where_the_page_starts(gardens, client):
    links = result_link_tags(client.get("/search/", {"q": "garden", "page_size": "2", "page": "2"}))

    client.post(links[0]["ping"])

    assert OpenedResult.objects.get().position == 3


def test_directory_cards_say_where_to_count_them_too(
    no_elasticsearch, after_commit, client, settings
):
    with after_commit():
        ProfileFactory(display_name="Robin Gardener")

    links = result_link_tags(client.get("/members/", {"q": "gardener"}))

    assert len(links) == 1 and links[0]["ping"].startswith(
        f"{settings.SITE_BASE_URL}/search/opened/?to="
    )


def test_a_listing_opened_without_asking_keeps_plain_links(gardens, client):
    links = result_link_tags(client.get("/case-studies/"))

    assert links and not any(a.has_attr("ping") for a in links)


def test_counting_takes_a_post_only(gardens, client):
    ping = result_link_tags(client.get("/search/", {"q": "garden"}))[0]["ping"]

    assert client.get(ping).status_code == HTTPStatus.METHOD_NOT_ALLOWED
    assert not OpenedResult.objects.exists()


def _token(payload: dict) -> str:
    return signing.TimestampSigner(salt=insights.OPEN_SALT).sign_object(payload, compress=True)


@pytest.mark.parametrize(
    "to",
    [
        "",
        "not-a-token",
        _token({"q": "x", "p": 1, "s": "/search/"}),
        signing.TimestampSigner(salt="another").sign_object({"u": "/", "p": 1}),
    ],
)
def test_a_token_the_site_did_not_make_counts_nothing(db, client, to):
    response = client.post(f"/search/opened/?to={to}")

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "Search again and open the result from the list" in response.content.decode()
    assert not OpenedResult.objects.exists()


class OldSigner(signing.TimestampSigner):
    def timestamp(self):
        return signing.b62_encode(int(timezone.now().timestamp()) - 2 * 86_400)


def test_an_old_token_is_not_counted(db, client):
    token = OldSigner(salt=insights.OPEN_SALT).sign_object(
        {"q": "garden", "u": "/case-studies/garden-1/", "p": 1, "s": "/search/"}, compress=True
    )

    response = client.post("/search/opened/", QUERY_STRING=f"to={token}")

    assert response.status_code == HTTPStatus.NO_CONTENT
    assert not OpenedResult.objects.exists()


def test_the_api_results_keep_their_own_addresses(gardens, client):
    urls = [hit["url"] for hit in client.get("/api/search/", {"q": "garden"}).json()["results"]]

    assert urls and all(urlparse(url).path.startswith("/case-studies/") for url in urls)
    assert not any(parse_qs(urlparse(url).query) for url in urls)


# --- Retention ------------------------------------------------------------------------

TODAY = datetime.date(2026, 6, 1)


def _log(day: datetime.date, query: str) -> None:
    LoggedSearch.objects.create(
        day=day, query=query, surface="/search/", total=1, backend="database"
    )
    OpenedResult.objects.create(day=day, query=query, surface="/search/", url="/", position=1)


def test_the_default_keeps_insights_for_about_thirteen_months(settings):
    assert settings.SEARCH_INSIGHTS_RETENTION_DAYS == 395


def test_rows_go_only_once_they_are_older_than_the_retention_period(db, settings):
    settings.SEARCH_INSIGHTS_RETENTION_DAYS = 395
    cutoff = TODAY - datetime.timedelta(days=395)
    _log(cutoff - datetime.timedelta(days=1), "a day too old")
    _log(cutoff, "exactly at the limit")
    _log(TODAY, "today")

    assert insights.prune(today=TODAY) == (1, 1)
    remaining = set(LoggedSearch.objects.values_list("query", flat=True))
    assert remaining == {"exactly at the limit", "today"}
    assert set(OpenedResult.objects.values_list("query", flat=True)) == remaining


def test_the_command_dry_run_counts_and_deletes_nothing(db):
    _log(timezone.localdate() - datetime.timedelta(days=400), "old")
    _log(timezone.localdate(), "new")
    stdout = StringIO()

    call_command("prune_search_log", "--dry-run", stdout=stdout)

    assert stdout.getvalue().strip() == (
        "1 search and 1 opened result older than 395 days would be deleted."
    )
    assert LoggedSearch.objects.count() == 2


def test_the_command_deletes_what_is_past_the_period(db):
    _log(timezone.localdate() - datetime.timedelta(days=400), "old")
    _log(timezone.localdate() - datetime.timedelta(days=500), "older")
    _log(timezone.localdate(), "new")
    stdout = StringIO()

    call_command("prune_search_log", stdout=stdout)

    assert stdout.getvalue().strip() == (
        "2 searches and 2 opened results older than 395 days deleted."
    )
    assert list(LoggedSearch.objects.values_list("query", flat=True)) == ["new"]


@pytest.mark.parametrize("days", [0, -5, "395"])
def test_a_period_that_is_not_a_whole_number_of_days_is_refused_with_a_sentence(db, settings, days):
    settings.SEARCH_INSIGHTS_RETENTION_DAYS = days

    with pytest.raises(CommandError, match="must be a whole number of days, at least 1"):
        call_command("prune_search_log", stdout=StringIO())
