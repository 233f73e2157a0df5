"""A practitioner's search in Chromium: tick two facets and see the counts change, remove
one filter, move to page 2, then open a case study from the autocomplete; an editor's
recommended page comes first, and opening it is counted once."""

import re
import time

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page

import pytest
from playwright.sync_api import expect

from search.models import LoggedSearch, OpenedResult

# Each test flushes the database when it ends; serialized rollback puts back what the
# migrations created (the vocabularies and Wagtail's root page) before the next one.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.elasticsearch,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _count(page, facet, value):
    label = page.locator(f"label[for='facet-{facet}-{value}']")
    return int(re.search(r"\((\d+)", label.inner_text()).group(1))


def _total(page):
    return int(page.locator("#results-title").inner_text().split()[0])


def test_a_practitioner_narrows_a_search_then_widens_it_again(demo_index, page):
    page.goto("/search/")
    everything = _total(page)
    relationships = _count(page, "theme", "relationships")

    page.get_by_role("checkbox", name=re.compile(r"^Case study")).check()
    expect(page).to_have_url(re.compile(r"kind=case_study"))
    expect(page.get_by_role("checkbox", name=re.compile(r"^Case study"))).to_be_checked()
    assert _total(page) < everything
    assert _count(page, "theme", "relationships") < relationships  # lessons no longer count

    public_before = _count(page, "sector", "public")
    page.get_by_role("checkbox", name=re.compile(r"^Public")).check()
    expect(page).to_have_url(re.compile(r"kind=case_study.*sector=public"))
    assert _total(page) == public_before
    # Ticking a value never changes the counts of its own facet's other values.
    assert _count(page, "sector", "public") == public_before

    page.get_by_role("link", name="Remove filter Type: Case study").click()
    expect(page).to_have_url(re.compile(r"\?sector=public$"))
    expect(page.get_by_role("checkbox", name=re.compile(r"^Public"))).to_be_checked()
    expect(page.get_by_role("checkbox", name=re.compile(r"^Case study"))).not_to_be_checked()
    assert _total(page) > 20

    page.get_by_role("navigation", name="Pages").get_by_role("link", name="Next page").click()
    expect(page).to_have_url(re.compile(r"sector=public&page=2$"))
    expect(page.locator("#results-title")).to_have_text(re.compile(r", page 2 of 2$"))
    expect(page.locator(".search-result").first).to_be_visible()

    box = page.get_by_role("combobox", name="Search case studies, seminars, lessons and members")
    box.fill("lambe")
    expect(page.get_by_role("option", name=re.compile(r"^Lambeth"))).to_be_visible()
    box.press("ArrowDown")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/case-studies/lambeth-co-operative-commissioning/$"))


def test_a_recommended_page_comes_first_and_opening_it_is_counted_once(demo_index, page):
    lambeth = Page.objects.get(slug="lambeth-co-operative-commissioning")
    SearchPromotion.objects.create(query=Query.get("Market engagement"), page=lambeth)

    page.goto("/search/?q=market+engagement")
    recommended = page.get_by_role("region", name="Recommended")
    expect(recommended.get_by_role("link", name=lambeth.title)).to_be_visible()
    expect(page.locator(".search-result__title a", has_text=lambeth.title)).to_have_count(1)

    recommended.get_by_role("link", name=lambeth.title).click()
    expect(page).to_have_url(re.compile(r"/case-studies/lambeth-co-operative-commissioning/$"))

    for _ in range(100):  # the beacon arrives on its own after the page has changed
        if OpenedResult.objects.exists():
            break
        time.sleep(0.05)
    opened = OpenedResult.objects.get()  # exactly one: the beacon, not the ping as well
    assert (opened.query, opened.position) == ("market engagement", 1)
    assert LoggedSearch.objects.filter(query="market engagement").count() == 1
