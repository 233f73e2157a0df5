"""Someone takes the case base into their own analysis, in Chromium, by keyboard: from the
footer's "Open data" to the file, whose checksum is the one the page gives, and whose
rows are the case studies the site shows."""

import csv
import hashlib
from io import StringIO
from pathlib import Path

from django.core.management import call_command

import pytest
from playwright.sync_api import expect

from casestudies.factories import case_study_record
from casestudies.site_tree import ensure_site_tree
from network.home.trust_pages import ensure_trust_pages

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("own_index"),
]


@pytest.fixture
def dumped(publish, settings, tmp_path):
    settings.OPEN_DATA_ROOT = tmp_path
    publish(*(case_study_record(slug=f"orchard-{n}", title=f"Orchard {n}") for n in range(3)))
    ensure_trust_pages(ensure_site_tree().home)
    call_command("dump_open_data", stdout=StringIO())


def test_the_csv_from_the_open_data_page_is_the_one_it_describes(dumped, page):
    page.goto("/")
    footer_link = page.get_by_role("contentinfo").get_by_role("link", name="Open data")
    footer_link.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Open data")

    row = page.get_by_role("row").filter(has_text="case-studies.csv")
    checksum = row.locator("code").inner_text()
    row.get_by_role("link", name="case-studies.csv").focus()
    with page.expect_download() as waiting:
        page.keyboard.press("Enter")
    download = waiting.value

    assert download.suggested_filename == "case-studies.csv"
    data = Path(download.path()).read_bytes()
    assert hashlib.sha256(data).hexdigest() == checksum
    rows = list(csv.DictReader(StringIO(data.decode("utf-8"))))
    assert sorted(row["title"] for row in rows) == ["Orchard 0", "Orchard 1", "Orchard 2"]
