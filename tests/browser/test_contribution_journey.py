"""A member's contribution in a real browser, from first words to publication: the
member writes (an outcome and a source too) and the form autosaves; their session ends,
an autosave says so and signing in again leads back to the draft; they leave, come back,
submit; an editor requests
changes in the Wagtail admin; the member reads the comment, edits and resubmits; the
editor approves; the case study is found by search, credited to the member."""

import re

from django.core import mail

import pytest
from playwright.sync_api import expect

from casestudies.site_tree import ensure_site_tree
from members.models import Visibility
from tests.factories.members import PASSWORD, ProfileFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TITLE = "Riders rewrite the Wendlebury community transport contract"


def _sign_in(page, email):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("main form").get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def _editor_decides(browser, live_server, action, comment):
    """The editor opens the contribution from "Awaiting your review" and decides."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    admin = context.new_page()
    _sign_in_admin(admin)
    admin.goto("/admin/")
    admin.get_by_role("link", name=TITLE).first.click()
    footer = admin.locator("footer")
    footer.get_by_role("button", name="More actions").click()
    footer.get_by_role("button", name=action, exact=True).click()
    dialog = admin.get_by_role("dialog")
    dialog.get_by_label("Comment").fill(comment)
    dialog.locator("button[type=submit]").click()
    expect(admin.locator(".messages")).to_contain_text(TITLE)
    context.close()


def _sign_in_admin(admin):
    admin.goto("/accounts/login/?next=/admin/")
    admin.get_by_label("Email").fill("editor@example.org")
    admin.get_by_label("Password").fill(PASSWORD)
    admin.locator("form").get_by_role("button", name="Sign in").last.click()
    expect(admin.get_by_role("heading", name="Awaiting your review")).to_be_visible()


def test_a_member_writes_an_editor_reviews_and_the_case_study_is_published(
    page, browser, live_server, own_index
):
    ensure_site_tree()
    member = ProfileFactory(
        display_name="Nia Okafor", slug="nia-okafor", visibility=Visibility.PUBLIC
    )
    UserFactory(email="editor@example.org", is_staff=True, is_superuser=True)
    mail.outbox = []

    # The member writes; the form saves itself as they type.
    _sign_in(page, member.user.email)
    page.goto("/contribute/")
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Summary", exact=True).fill("Riders and a council wrote the contract.")
    page.get_by_label("The case study", exact=True).fill("We met **riders** monthly.")
    expect(page.get_by_role("status").filter(has_text="Saved at")).to_be_visible()
    expect(page.locator("[data-preview] strong")).to_have_text("riders")

    # An outcome and a source, in the part that opens out; the preview shows them.
    page.get_by_text("What changed and what you learnt (optional)").click()
    page.get_by_label("What changed", exact=True).first.fill("Riders using the service")
    page.get_by_label("Before", exact=True).first.fill("120")
    page.get_by_label("After", exact=True).first.fill("310")
    page.get_by_label("Source", exact=True).first.fill("Wendlebury cabinet report")
    page.get_by_label("Web address", exact=True).first.fill("https://example.org/cabinet.pdf")
    preview = page.locator("[data-preview]")
    expect(preview.get_by_role("link", name="Wendlebury cabinet report")).to_be_visible()
    expect(preview).to_contain_text("Riders using the service")

    # A partner the network does not list yet is typed as a new name and kept.
    page.get_by_text("More about it (optional)").click()
    page.get_by_label("Partner organisation", exact=True).first.fill("Marrowby Riders' Forum")
    expect(preview).to_contain_text("Marrowby Riders' Forum")

    # The session ends while they write: the autosave says so, and signing in again (in a
    # new tab) leads straight back to this draft; what they typed meanwhile is then saved.
    edit_path = re.sub(r"^https?://[^/]+", "", page.url)
    assert re.fullmatch(r"/contribute/\d+/", edit_path)
    page.context.clear_cookies(name="sessionid")
    page.get_by_label("Summary", exact=True).fill("Riders and a council wrote it together.")
    status = page.get_by_role("status")
    expect(status).to_contain_text("You have been signed out, so this was not saved.")
    with page.context.expect_page() as opened:
        status.get_by_role("link", name="Sign in again (opens in a new tab)").click()
    again = opened.value
    again.get_by_label("Email").fill(member.user.email)
    again.get_by_label("Password").fill(PASSWORD)
    again.locator("main form").get_by_role("button", name="Sign in").click()
    expect(again).to_have_url(re.compile(re.escape(edit_path) + "$"))
    expect(again.get_by_label("Title")).to_have_value(TITLE)
    again.close()
    page.get_by_label("After", exact=True).first.fill("310 in 2021")
    expect(status.filter(has_text="Saved at")).to_be_visible()

    # They leave, come back from "Your contributions", and find every word.
    page.goto("/")
    page.goto("/members/me/contributions/")
    expect(page.get_by_text("Draft", exact=True)).to_be_visible()
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_label("The case study", exact=True)).to_have_value(
        "We met **riders** monthly."
    )
    expect(page.get_by_label("Summary", exact=True)).to_have_value(
        "Riders and a council wrote it together."
    )
    expect(page.get_by_label("After", exact=True).first).to_have_value("310 in 2021")
    expect(page.get_by_label("Partner organisation", exact=True).first).to_have_value(
        "Marrowby Riders' Forum"
    )
    for label in ("I have permission", "It names no person", "I agree that it is published"):
        page.get_by_label(re.compile(label)).check()
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_text("Submitted: waiting for review")).to_be_visible()

    # The editor asks for changes in the Wagtail admin.
    _editor_decides(browser, live_server, "Request changes", "How many riders took part?")
    assert "How many riders took part?" in mail.outbox[-1].body

    # The member reads the comment, edits and resubmits.
    page.goto("/members/me/contributions/")
    expect(page.get_by_text("How many riders took part?")).to_be_visible()
    page.get_by_role("link", name="Make the changes and submit it again").click()
    page.get_by_label("The case study", exact=True).fill("We met **40 riders** monthly.")
    for label in ("I have permission", "It names no person", "I agree that it is published"):
        page.get_by_label(re.compile(label)).check()
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_text("Submitted: waiting for review")).to_be_visible()

    # The editor approves: the case study is published, credited and found.
    _editor_decides(browser, live_server, "Approve with comment and Publish", "Thank you.")
    assert "published" in mail.outbox[-1].subject
    page.goto("/search/?q=Marrowby")
    page.get_by_role("link", name=TITLE).click()
    byline = page.locator(".byline")
    expect(byline).to_contain_text("Contributed by Nia Okafor")
    expect(byline.get_by_role("link", name="Nia Okafor")).to_have_attribute(
        "href", "/members/nia-okafor/"
    )
    expect(page.get_by_text("40 riders")).to_be_visible()
    expect(page.get_by_text("Riders using the service")).to_be_visible()
    expect(page.get_by_role("link", name="Wendlebury cabinet report")).to_have_attribute(
        "href", "https://example.org/cabinet.pdf"
    )
    expect(page.locator(".facts")).to_contain_text("Marrowby Riders' Forum")


def test_a_bad_source_address_does_not_stop_the_body_autosaving(page, own_index):
    ensure_site_tree()
    member = ProfileFactory(display_name="Kemi Adeyemi", slug="kemi-adeyemi")
    _sign_in(page, member.user.email)
    page.goto("/contribute/")
    page.get_by_label("Title").fill("Saved while a source is wrong")
    expect(page.get_by_role("status").filter(has_text="Saved at")).to_be_visible()

    page.get_by_text("What changed and what you learnt (optional)").click()
    page.get_by_label("Source", exact=True).first.fill("Annual report")
    page.get_by_label("Web address", exact=True).first.fill("example dot org slash report")
    page.get_by_label("The case study", exact=True).fill("We kept writing the case study.")
    status = page.get_by_role("status").filter(has_text="Saved at")
    expect(status).to_contain_text("except: Source 1, web address: Write a web address")
    status.get_by_role("link").click()
    assert page.evaluate("document.activeElement.id") == "id_sources-0-url"

    page.reload()
    expect(page.get_by_label("The case study", exact=True)).to_have_value(
        "We kept writing the case study."
    )
