"""The case study index: newest first, paginated, filtered by plain links."""

from http import HTTPStatus

import pytest

from casestudies.factories import case_study_record

pytestmark = pytest.mark.django_db


def test_index_lists_newest_first_and_filters_by_sector_stage_and_region(client, import_records):
    import_records(
        case_study_record(slug="old", title="Old one", year=2013, sectors=["public"]),
        case_study_record(slug="new", title="New one", year=2020, sectors=["social"]),
        case_study_record(slug="draft", title="Draft one", year=2024, published=False),
    )
    response = client.get("/case-studies/")
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert html.index("New one") < html.index("Old one")
    assert "Draft one" not in html

    filtered = client.get("/case-studies/", {"sector": "social"}).content.decode()
    assert "New one" in filtered
    assert "Old one" not in filtered


def test_unknown_filter_values_and_bad_page_numbers_are_not_errors(client, import_records):
    import_records(case_study_record(slug="only", title="Only one"))
    for params in ({"sector": "nonsense"}, {"page": "abc"}, {"page": "999"}, {"region": "x"}):
        response = client.get("/case-studies/", params)
        assert response.status_code == HTTPStatus.OK
        assert "Only one" in response.content.decode()
