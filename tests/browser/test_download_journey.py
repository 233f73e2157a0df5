"""A practitioner downloads what they found, in Chromium: search, tick a facet, follow
"Download these results (CSV)" and get a spreadsheet whose rows are the results shown."""

import csv
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from casestudies.factories import case_study_record

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("own_index"),
]


@pytest.fixture
def orchards(publish):
    publish(
        *(
            case_study_record(
                title=f"Orchard {n}",
                slug=f"orchard-{n}",
                summary=f"A community orchard, number {n}.",
                sectors=["public"] if n % 2 else ["social"],
                year=2010 + n,
            )
            for n in range(6)
        )
    )


def test_the_download_holds_the_results_the_page_shows(orchards, page):
    page.goto("/search/?q=orchard")
    page.get_by_role("checkbox", name=re.compile(r"^Public")).check()
    expect(page).to_have_url(re.compile(r"sector=public"))
    expect(page.locator("#results-title")).to_have_text(re.compile(r"^3 results"))
    shown = page.locator(".search-result__title a").all_inner_texts()
    assert len(shown) == 3

    link = page.get_by_role("link", name="Download these results (CSV)")
    with page.expect_download() as waiting:
        link.click()
    download = waiting.value

    assert re.fullmatch(r"social-value-search-\d{4}-\d{2}-\d{2}\.csv", download.suggested_filename)
    with Path(download.path()).open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
    assert [row["title"] for row in rows] == [title.strip() for title in shown]
    assert {row["sector"] for row in rows} == {"Public"}
