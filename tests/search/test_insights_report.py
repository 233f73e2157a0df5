"""The search insights reports in the Wagtail admin: only editors with the permission (and
superusers) see them; top queries, queries that found nothing, queries whose results
nobody opened, weeks; CSV export."""

import datetime
import io
from http import HTTPStatus

from django.contrib.auth.models import Group, Permission
from django.urls import reverse

import openpyxl
import pytest
from bs4 import BeautifulSoup

from search.models import LoggedSearch, OpenedResult
from tests.factories.members import UserFactory

pytestmark = pytest.mark.django_db

QUERIES = reverse("search_insights_queries")
TRENDS = reverse("search_insights_trends")
MONDAY = datetime.date(2026, 11, 2)


def searched(query: str, total: int = 3, day: datetime.date = MONDAY, surface="/search/"):
    LoggedSearch.objects.create(
        day=day, query=query, surface=surface, total=total, backend="elasticsearch"
    )


def opened(query: str, day: datetime.date = MONDAY):
    OpenedResult.objects.create(day=day, query=query, surface="/search/", url="/a/", position=1)


@pytest.fixture
def insights_data():
    for _ in range(3):
        searched("social value")
    opened("social value")
    searched("icb", total=0)
    searched("icb", total=0, day=MONDAY + datetime.timedelta(days=8))
    searched("procurement act")  # results, nobody opened them
    searched("api only", surface="/api/search/")  # the API's clients open results themselves


def editor(with_permission: bool):
    user = UserFactory()
    access = Permission.objects.get(codename="access_admin")
    user.user_permissions.add(access)
    if with_permission:
        user.groups.add(Group.objects.get(name="Content editors"))
    return user


def rows(response) -> list[list[str]]:
    table = BeautifulSoup(response.content, "html.parser").select("table tbody tr")
    return [[cell.get_text(" ", strip=True) for cell in row.select("td")] for row in table]


@pytest.fixture
def as_editor(client):
    client.force_login(editor(with_permission=True))
    return client


def test_people_without_the_permission_are_refused_on_the_server(client, insights_data):
    client.force_login(editor(with_permission=False))

    for url in (QUERIES, TRENDS, f"{QUERIES}?export=csv"):
        response = client.get(url)
        # The admin answers a refusal by sending people to its home page, with a message.
        assert response.status_code == HTTPStatus.FOUND, url
        assert response["Location"] == reverse("wagtailadmin_home")

    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Search queries" not in menu


def test_visitors_are_sent_to_sign_in(client):
    response = client.get(QUERIES)

    assert response.status_code == HTTPStatus.FOUND
    assert "login" in response["Location"]


def test_the_editors_group_sees_the_reports_in_the_menu(as_editor):
    menu = as_editor.get(reverse("wagtailadmin_home")).content.decode()

    assert "Search queries" in menu and "Search trends" in menu


def test_wagtails_search_terms_report_which_nothing_fills_is_not_in_the_menu(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    menu = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "Search queries" in menu
    assert reverse("wagtailsearchpromotions:search_terms") not in menu


def test_top_queries_come_first_with_their_counts(as_editor, insights_data):
    response = as_editor.get(QUERIES)

    assert response.status_code == HTTPStatus.OK
    assert rows(response)[:2] == [
        ["social value", "3", "0", "1", "2 Nov 2026"],
        ["icb", "2", "2", "0", "10 Nov 2026"],
    ]


def test_queries_that_found_nothing(as_editor, insights_data):
    response = as_editor.get(QUERIES, {"show": "nothing_found"})

    assert [row[0] for row in rows(response)] == ["icb"]


def test_queries_whose_results_nobody_opened_leave_out_the_api_and_empty_answers(
    as_editor, insights_data
):
    response = as_editor.get(QUERIES, {"show": "not_opened"})

    assert [row[0] for row in rows(response)] == ["procurement act"]


def test_a_period_counts_only_its_days(as_editor, insights_data):
    response = as_editor.get(QUERIES, {"day_from": "2026-11-09"})

    assert rows(response) == [["icb", "1", "1", "0", "10 Nov 2026"]]


def test_a_period_closed_at_both_ends_counts_those_days_alone(as_editor, insights_data):
    response = as_editor.get(TRENDS, {"day_from": "2026-11-01", "day_to": "2026-11-08"})

    assert rows(response) == [["2 Nov 2026", "6", "4", "1", "1"]]


def test_a_search_of_filters_alone_shows_as_such_and_exports_empty(as_editor):
    searched("")

    shown = rows(as_editor.get(QUERIES))
    exported = as_editor.get(QUERIES, {"export": "csv"})

    assert shown == [["(filters only)", "1", "0", "0", "2 Nov 2026"]]
    assert b"".join(exported.streaming_content).decode().splitlines()[1] == ",1,0,0,2026-11-02"


def test_trends_by_week(as_editor, insights_data):
    response = as_editor.get(TRENDS)

    assert response.status_code == HTTPStatus.OK
    assert rows(response) == [
        ["9 Nov 2026", "1", "1", "1", "0"],
        ["2 Nov 2026", "6", "4", "1", "1"],
    ]


def test_queries_export_as_csv(as_editor, insights_data):
    response = as_editor.get(QUERIES, {"export": "csv"})

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("text/csv")
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0] == "Words searched,Searches,Found nothing,Results opened,Last searched"
    assert lines[1] == "social value,3,0,1,2026-11-02"
    assert len(lines) == 5


def test_trends_export_as_csv(as_editor, insights_data):
    response = as_editor.get(TRENDS, {"export": "csv"})

    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines == [
        "Week beginning,Searches,Different queries,Found nothing,Results opened",
        "2026-11-09,1,1,1,0",
        "2026-11-02,6,4,1,1",
    ]


def test_queries_export_to_excel_with_the_tables_headings(as_editor, insights_data):
    response = as_editor.get(QUERIES, {"export": "xlsx"})

    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert [cell.value for cell in sheet[1]] == [
        "Words searched", "Searches", "Found nothing", "Results opened", "Last searched",
    ]  # fmt: skip
    assert [cell.value for cell in sheet[2]][:4] == ["social value", 3, 0, 1]


def test_the_permission_can_be_given_to_any_group_in_the_admin(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    editors = Group.objects.get(name="Content editors")

    response = client.get(reverse("wagtailusers_groups:edit", args=[editors.pk]))

    assert "Can see search insights" in response.content.decode()
