"""The results page by keyboard and on a phone, in Chromium: Escape keeps the words, a
ticked filter updates the results in place with focus kept on it and the new total
announced, the heading names the page, the sort waits for its button, and on a narrow
screen the facets fold away behind "Filters" and stay open while choosing."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def demo(settings, request):
    """The demo content (`demo_content`: seeded for the first test, copied back for the
    later ones), answered by the database: the page behaves the same whichever backend
    answers."""
    settings.ELASTICSEARCH_URL = ""
    request.getfixturevalue("demo_content")


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

    page.goto("/glossary/")  # the search page has no header box of its own
    header = page.get_by_role("search", name="Site").get_by_role("searchbox")
    header.fill("commissioning")
    header.press("Escape")
    expect(header).to_have_value("commissioning")


def _announced(page):
    return page.locator("[data-results-status]")


def _press_space_on(page, checkbox):
    checkbox.focus()
    page.keyboard.press("Space")


def test_ticking_and_unticking_by_keyboard_keeps_focus_and_announces_the_total(demo, page):
    page.goto("/search/")
    everything = page.locator("#results-title").inner_text()
    case_study = page.get_by_role("checkbox", name=re.compile(r"^Case study"))
    public = page.get_by_role("checkbox", name=re.compile(r"^Public"))
    steps = [
        (case_study, r"kind=case_study$"),
        (public, r"kind=case_study&sector=public$"),
        (case_study, r"\?sector=public$"),
        (public, r"/search/$"),
    ]

    for checkbox, url in steps:
        checkbox_id = checkbox.get_attribute("id")
        before = page.locator("#results-title").inner_text()
        _press_space_on(page, checkbox)

        expect(page).to_have_url(re.compile(url))  # no reload: the address is replaced
        heading = page.locator("#results-title")
        expect(heading).not_to_have_text(before)
        expect(_announced(page)).to_have_text(heading.inner_text())
        assert _focused_id(page) == checkbox_id

    expect(page.locator("#results-title")).to_have_text(everything)
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1


def test_the_title_follows_the_filters_and_the_heading_names_the_page(demo, page):
    page.goto("/search/?page_size=5")
    page.get_by_role("checkbox", name=re.compile(r"^Case study")).check()

    heading = page.locator("#results-title")
    expect(page).to_have_url(re.compile(r"kind=case_study"))
    total = heading.inner_text().split()[0]
    expect(page).to_have_title(re.compile(rf"^{total} results, filtered by Case study"))

    page.get_by_role("navigation", name="Pages").get_by_role("link", name="Next page").click()
    expect(page).to_have_url(re.compile(r"page=2"))
    expect(heading).to_be_focused()
    expect(heading).to_have_text(re.compile(r", page 2 of \d+$"))
    expect(page).to_have_title(re.compile(r"\(page 2\)"))

    page.locator("[data-selected-filters]").get_by_role("link").first.click()
    expect(page).not_to_have_url(re.compile(r"kind=case_study"))
    expect(heading).to_be_focused()
    expect(heading).not_to_have_text(re.compile("page"))


def test_skip_links_lead_from_the_filters_to_the_results_and_back(demo, page):
    page.goto("/search/")
    page.get_by_role("checkbox", name=re.compile(r"^Case study")).focus()

    for _ in range(3):  # back past the search box to the panel's own skip link
        page.keyboard.press("Shift+Tab")
        if page.evaluate("document.activeElement.textContent") == "Skip to results":
            break
    page.keyboard.press("Enter")
    page.keyboard.press("Shift+Tab")
    expect(page.get_by_role("link", name="Skip to filters")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#filters")).to_be_focused()


def test_the_sort_applies_with_its_button_only(demo, page):
    page.goto("/search/?q=commissioning")
    sort = page.get_by_label("Sort by")
    sort.focus()
    sort.press("ArrowDown")
    assert "sort=" not in page.url  # choosing does not reload the page

    page.get_by_role("button", name="Sort").click()
    expect(page).to_have_url(re.compile(r"sort=newest"))


def test_on_a_phone_the_panel_stays_open_while_choosing_and_applies_with_one_button(demo, page):
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto("/search/")

    toggle = page.get_by_role("button", name=re.compile("^Filters"))
    case_study = page.get_by_role("checkbox", name=re.compile(r"^Case study"))
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(case_study).to_be_hidden()
    expect(page.locator("#results-title")).to_be_in_viewport()

    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    case_study.check()
    expect(toggle).to_have_text("Filters (1 selected)")
    page.get_by_role("checkbox", name=re.compile(r"^Public")).check()
    expect(toggle).to_have_text("Filters (2 selected)")
    expect(case_study).to_be_visible()  # still open

    page.get_by_role("button", name="Apply filters").click()
    expect(case_study).to_be_hidden()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(page.locator("#results-title")).to_be_focused()
    expect(page).to_have_url(re.compile(r"kind=case_study&sector=public$"))
