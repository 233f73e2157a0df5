"""A new member's journey in a real browser: join, confirm the address from the email,
complete the profile, and find it in the member directory."""

import re

from django.core import mail

import pytest
from playwright.sync_api import expect

from casestudies.site_tree import ensure_site_tree

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _h1(page):
    return page.get_by_role("heading", level=1)


def test_sign_up_confirm_complete_the_profile_and_be_found(page, own_index, live_server, settings):
    settings.SITE_BASE_URL = live_server.url  # the email's links
    ensure_site_tree()
    mail.outbox = []
    page.goto("/")

    page.get_by_role("link", name="Join", exact=True).click()
    expect(_h1(page)).to_have_text("Join the network")
    page.get_by_label("Your name").fill("Ottoline Vance")
    page.get_by_label("Email").fill("ottoline@example.org")
    page.get_by_label("Password", exact=True).fill("commissioning-for-value-2026")
    page.get_by_label("Confirm password").fill("commissioning-for-value-2026")
    page.get_by_role("button", name="Create your account").click()
    expect(_h1(page)).to_have_text("Check your email")

    [email] = mail.outbox
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", email.body).group(0)
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()

    expect(_h1(page)).to_have_text("Edit your profile")
    page.get_by_label("Job title").fill("Head of social value")
    page.get_by_label("What you do").select_option(label="Commissioner")
    page.get_by_label("Sector").select_option(label="Public")
    page.get_by_label("Region").select_option(label="London")
    page.get_by_label("Relationships").check()
    page.get_by_label("About you").fill("I help councils buy **for value**.")
    page.get_by_label("Everyone, including people who are not signed in").check()
    page.get_by_role("button", name="Save your profile").click()

    expect(_h1(page)).to_have_text("Ottoline Vance")
    expect(page.locator("strong", has_text="for value")).to_be_visible()

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Members").click()
    page.get_by_label("Search members by name, organisation or what they know").fill("Ottoline")
    page.keyboard.press("Enter")
    result = page.get_by_role("link", name="Ottoline Vance")
    expect(result).to_be_visible()
    expect(page.get_by_text("ottoline@example.org")).to_have_count(0)

    page.get_by_role("checkbox", name=re.compile(r"^Commissioner")).check()
    expect(page).to_have_url(re.compile(r"role=commissioner"))
    result.click()
    expect(_h1(page)).to_have_text("Ottoline Vance")
