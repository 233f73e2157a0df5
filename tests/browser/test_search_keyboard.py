"""The results page by keyboard and on a phone, in Chromium: Escape keeps the words, focus
and the page title follow every change of filters or pages, the sort waits for its
button, and on a narrow screen the facets fold away behind "Filter results"."""

import re

from django.core.management import call_command

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def demo(settings):
    settings.ELASTICSEARCH_URL = ""  # the page behaves the same whichever backend answers
    call_command("seed_demo")


def _focused_id(page):
    return page.evaluate("document.activeElement && document.activeElement.id")


def test_escape_closes_suggestions_and_keeps_the_words(demo, page):
    page.goto("/search/")
    box = page.get_by_role("combobox", name=re.compile("Search case studies"))
    box.fill("lambeth")
    box.press("Escape")
    expect(box).to_have_value("lambeth")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"q=lambeth"))

    header = page.get_by_role("search", name="Site").get_by_role("searchbox")
    header.fill("commissioning")
    header.press("Escape")
    expect(header).to_have_value("commissioning")


def test_focus_and_title_follow_filters_and_pages(demo, page):
    page.goto("/search/?page_size=5")
    page.get_by_role("checkbox", name=re.compile(r"^Case study")).check()

    expect(page).to_have_url(re.compile(r"kind=case_study"))
    heading = page.locator("#results-title")
    expect(heading).to_be_focused()
    total = heading.inner_text().split()[0]
    expect(page).to_have_title(re.compile(rf"^{total} results, filtered by Case study"))

    page.get_by_role("navigation", name=re.compile("Pagination|pages", re.I)).get_by_role(
        "link", name=re.compile("Next")
    ).click()
    expect(page).to_have_url(re.compile(r"page=2"))
    expect(page.locator("#results-title")).to_be_focused()
    expect(page).to_have_title(re.compile(r"\(page 2\)"))

    page.locator("[data-selected-filters]").get_by_role("link").first.click()
    expect(page).not_to_have_url(re.compile(r"kind=case_study"))
    expect(page.locator("#results-title")).to_be_focused()


def test_the_sort_applies_with_its_button_only(demo, page):
    page.goto("/search/?q=commissioning")
    sort = page.get_by_label("Sort by")
    sort.focus()
    sort.press("ArrowDown")
    assert "sort=" not in page.url  # choosing does not reload the page

    page.get_by_role("button", name="Sort").click()
    expect(page).to_have_url(re.compile(r"sort=newest"))


def test_on_a_phone_the_count_comes_before_the_facets(demo, page):
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto("/search/")

    toggle = page.get_by_role("button", name=re.compile("^Filter results"))
    expect(toggle).to_be_visible()
    expect(page.get_by_role("checkbox", name=re.compile(r"^Case study"))).to_be_hidden()
    expect(page.locator("#results-title")).to_be_in_viewport()

    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("checkbox", name=re.compile(r"^Case study"))).to_be_visible()
