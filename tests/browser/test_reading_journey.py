"""A reader's journey through the demo content in a real browser, by mouse and keyboard."""

import re

import pytest
from playwright.sync_api import expect

from casestudies.site_tree import ensure_site_tree

# Each test flushes the database when it ends; serialized rollback puts back what the
# migrations created (the vocabularies and Wagtail's root page) before the next one.
# An index of their own (the demo content's, shared by the module's tests that read it):
# documents other tests left under the shared prefix stay out.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _h1(page):
    return page.get_by_role("heading", level=1)


def test_reader_finds_a_case_study_then_a_seminar_lesson(demo_content, page):
    page.goto("/")
    expect(_h1(page)).to_have_text("Social Value Network")
    main_nav = page.get_by_role("navigation", name="Main")

    main_nav.get_by_role("link", name="Case studies").click()
    expect(_h1(page)).to_have_text("Case studies")
    page.get_by_role("group", name="Region").get_by_role(
        "checkbox", name=re.compile("^London")
    ).check()
    expect(page).to_have_url(re.compile(r"\?region=london$"))
    page.locator("#results").get_by_role("link", name=re.compile(r"^Lambeth")).first.click()
    expect(_h1(page)).to_contain_text("Lambeth")
    expect(page.get_by_role("heading", name="At a glance")).to_be_visible()
    expect(page.get_by_text("Lambeth Council").first).to_be_visible()

    main_nav.get_by_role("link", name="Seminars").click()
    expect(_h1(page)).to_have_text("Seminars")
    first_seminar = page.get_by_role("main").get_by_role("heading", level=2).first
    seminar_title = first_seminar.inner_text()
    first_seminar.get_by_role("link").click()
    expect(_h1(page)).to_have_text(seminar_title)

    contents = page.get_by_role("navigation", name="Contents")
    expect(contents.get_by_role("link", name="Speakers")).to_be_visible()
    second = contents.locator("a[href^='#lesson-']").nth(1)
    lesson_title = second.inner_text()
    anchor = second.get_attribute("href")
    assert re.fullmatch(r"#lesson-[a-z0-9-]+", anchor) and not anchor[len("#lesson-") :].isdigit()
    second.click()
    expect(page).to_have_url(re.compile(f"{anchor}$"))
    lesson = page.locator(anchor)
    expect(lesson).to_be_visible()
    expect(lesson.get_by_role("heading", level=3)).to_contain_text(lesson_title)
    expect(lesson.get_by_role("heading", level=3)).to_be_in_viewport()
    expect(lesson.get_by_role("link", name=re.compile("^Link to this lesson"))).to_have_attribute(
        "href", anchor
    )


def test_a_link_shared_before_lessons_had_slugs_still_opens_at_that_lesson(demo_content, page):
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Seminars").click()
    page.get_by_role("main").get_by_role("heading", level=2).first.get_by_role("link").click()

    page.goto(page.url.split("#")[0] + "#lesson-3")

    heading = page.locator("#lesson-3").get_by_role("heading", level=3)
    expect(heading).to_be_visible()
    expect(heading).to_be_in_viewport()
    expect(heading).to_contain_text("Lesson 3")


@pytest.mark.usefixtures("own_index")
def test_first_tab_reaches_the_skip_link_which_moves_to_the_main_content(page):
    ensure_site_tree()
    page.goto("/")

    page.keyboard.press("Tab")

    skip_link = page.get_by_role("link", name="Skip to main content")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main#main-content")).to_be_focused()


def test_reader_uses_the_contents_a_chip_and_a_tag_then_finds_the_privacy_notice(
    demo_content, page
):
    page.goto("/")
    page.get_by_role("link", name=re.compile(r"^Lambeth")).first.click()

    contents = page.get_by_role("navigation", name="Contents")
    contents.get_by_role("link", name="Barriers").click()
    expect(page).to_have_url(re.compile(r"#barriers$"))
    expect(page.get_by_role("heading", name="Barriers", level=2)).to_be_in_viewport()

    glance = page.get_by_role("complementary", name="At a glance")
    glance.get_by_role("link", name="Procurement").click()
    expect(page).to_have_url(re.compile(r"/search/\?stage=procurement$"))
    stage = page.get_by_role("group", name="Commissioning stage")
    expect(stage.get_by_role("checkbox", name=re.compile("^Procurement"))).to_be_checked()
    page.go_back()

    page.get_by_role("region", name="Tags").get_by_role("link", name="co-operative council").click()
    expect(
        page.locator("#results").get_by_role("link", name=re.compile(r"^Lambeth")).first
    ).to_be_visible()

    page.get_by_role("contentinfo").get_by_role("link", name="Privacy notice").click()
    expect(_h1(page)).to_have_text("Privacy notice")
    page.get_by_role("contentinfo").get_by_role("link", name="Cookies").click()
    expect(page).to_have_url(re.compile(r"/privacy/#cookies$"))
    expect(page.get_by_role("heading", name="Cookies", level=2)).to_be_in_viewport()
