"""The search page on a phone (375 by 812 pixels), in Chromium: the first result is on the
first screen, nothing moves once drawn (the filters are folded by CSS, not by script after
the first paint), and the open filter panel passes axe."""

import pytest
from playwright.sync_api import expect

from tests.support.axe import axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.elasticsearch,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 375, "height": 812}

# The sum of the layout shifts the browser saw since it started drawing the page, leaving
# out those that follow the person's own input, as Cumulative Layout Shift counts them.
LAYOUT_SHIFT = """() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(total), 500);
})"""


@pytest.fixture
def phone(page):
    page.set_viewport_size(PHONE)
    return page


def test_the_first_result_is_on_the_first_screen_and_nothing_shifts(demo_index, phone):
    phone.goto("/search/?q=commissioning")
    phone.wait_for_load_state("load")

    first = phone.locator(".search-result").first.bounding_box()
    assert first["y"] < PHONE["height"]
    assert phone.evaluate(LAYOUT_SHIFT) < 0.1


def test_axe_finds_no_violation_with_the_filter_panel_open(demo_index, phone):
    phone.goto("/search/?q=commissioning&sector=public")
    phone.get_by_role("button", name="Filters (1 selected)").click()
    expect(phone.get_by_role("button", name="Apply filters")).to_be_visible()

    assert axe_violations(phone) == []
