"""The API's page in Chromium, on a desktop and on a phone: axe finds nothing, the page
never scrolls sideways (the examples scroll within their boxes), and each example's box
takes keyboard focus so that it can be scrolled without a mouse."""

import pytest
from playwright.sync_api import expect

from tests.support.axe import axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.mark.parametrize("width", [1280, 375])
def test_the_api_page_passes_axe_and_fits_the_screen(page, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto("/api/")

    expect(page.get_by_role("heading", level=1)).to_have_text("API")
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_an_example_can_be_reached_and_scrolled_by_keyboard(page):
    page.goto("/api/")
    answer = page.locator("pre").nth(1)  # the first example's answer, longer than its box

    answer.focus()
    expect(answer).to_be_focused()
    page.keyboard.press("PageDown")
    page.wait_for_function("e => e.scrollTop > 0", arg=answer.element_handle())
