"""The editor's seminar and case study forms in a real browser: every control labelled
(axe-core finds nothing at WCAG 2.2 AA with every panel and block open), rows titled by
what they hold, speakers linked through a chooser that lists only listed profiles, and
partner organisations found by a search."""

import pytest
from playwright.sync_api import expect

from casestudies.factories import as_lines, case_study_record, seminar_record
from casestudies.importexport.importer import import_lines
from casestudies.models import CaseStudyPage, SeminarPage
from members.models import Visibility
from taxonomy.models import Organisation
from tests.factories.members import PASSWORD, ProfileFactory, UserFactory
from tests.support.axe import axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

EDITOR = "forms-editor@example.org"


@pytest.fixture
def pages(own_index):
    lessons = [{"title": "Start with residents", "body": "Ask first."}]
    report = import_lines(
        as_lines(
            seminar_record(slug="forms-seminar"),
            case_study_record(slug="forms-case-study", lessons=lessons, tags=["co-production"]),
        )
    )
    assert not report.rejections
    UserFactory(email=EDITOR, is_staff=True, is_superuser=True)
    return SeminarPage.objects.get(slug="forms-seminar"), CaseStudyPage.objects.get(
        slug="forms-case-study"
    )


def _sign_in(page):
    page.goto("/accounts/login/?next=/admin/")
    page.get_by_label("Email").fill(EDITOR)
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("main form").get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("link", name="Pages").first).to_be_visible()


def _open_everything(page):
    """Expand every collapsed panel, row and body block, so axe sees every control."""
    closed = page.locator("[data-panel-toggle][aria-expanded=false]")
    for _ in range(50):
        if not closed.count():
            return
        closed.first.click()
    raise AssertionError("some panels would not open")


def _form_urls(seminar, case_study):
    return {
        "seminar edit": f"/admin/pages/{seminar.pk}/edit/",
        "seminar create": f"/admin/pages/add/casestudies/seminarpage/{seminar.get_parent().pk}/",
        "case study edit": f"/admin/pages/{case_study.pk}/edit/",
        "case study create": (
            f"/admin/pages/add/casestudies/casestudypage/{case_study.get_parent().pk}/"
        ),
    }


def test_the_seminar_and_case_study_forms_have_no_accessibility_violations(page, pages):
    urls = _form_urls(*pages)
    _sign_in(page)
    found = {}
    for name, url in urls.items():
        page.goto(url)
        expect(page.locator("#page-edit-form")).to_be_visible()
        _open_everything(page)
        found[name] = axe_violations(page)

    assert found == {name: [] for name in urls}


def test_rows_are_titled_by_what_they_hold_and_start_collapsed(page, pages):
    seminar, _case_study = pages
    _sign_in(page)
    page.goto(f"/admin/pages/{seminar.pk}/edit/")

    lessons = page.locator("#id_lessons-FORMS [data-panel-heading-text]")
    titles = ["Listen first", "Lead from behind", "Pool budgets"]
    expect(lessons).to_have_text(titles, use_inner_text=True)
    expect(page.locator("#id_speakers-FORMS [data-panel-heading-text]")).to_have_text(
        ["Asha Patel"], use_inner_text=True
    )
    first = page.locator("#id_lessons-FORMS [data-panel-toggle]").first
    expect(first).to_have_attribute("aria-expanded", "false")

    first.click()
    page.locator("#id_lessons-0-title").fill("Listen before you buy")

    expect(lessons.first).to_have_text("Listen before you buy", use_inner_text=True)
    expect(page.locator("#id_lessons-0-slug")).to_have_value("listen-first")


def test_a_speaker_is_linked_to_a_listed_profile_found_by_search(page, pages):
    seminar, _case_study = pages
    ProfileFactory(display_name="Pat Public", visibility=Visibility.PUBLIC)
    ProfileFactory(display_name="Pat Hidden", visibility=Visibility.HIDDEN)
    _sign_in(page)
    page.goto(f"/admin/pages/{seminar.pk}/edit/")
    page.locator("#id_speakers-FORMS [data-panel-toggle]").first.click()

    page.get_by_role("button", name="Choose a member profile").first.click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Search by name or organisation").fill("Pat")

    results = dialog.locator("#search-results")
    expect(results.get_by_role("link", name="Pat Public")).to_be_visible()
    expect(results).not_to_contain_text("Pat Hidden")
    results.get_by_role("link", name="Pat Public").click()
    expect(page.locator("#id_speakers-FORMS")).to_contain_text("Pat Public")


def test_partner_organisations_are_narrowed_by_a_search_and_chosen_by_checkbox(page, pages):
    _seminar, case_study = pages
    _sign_in(page)
    page.goto(f"/admin/pages/{case_study.pk}/edit/")
    widget = page.locator("[data-organisations-input]")

    widget.get_by_label("Find an organisation").fill("riverside")

    shown = widget.locator("[data-organisations-list] label:visible")
    expect(shown).to_have_text(["Riverside Community Trust"], use_inner_text=True)
    expect(widget.locator("[data-organisations-shown]")).to_contain_text("1 chosen")
    widget.get_by_label("Find an organisation").fill("")
    expect(widget.locator("[data-organisations-list] label:visible")).to_have_count(
        Organisation.objects.count()
    )
