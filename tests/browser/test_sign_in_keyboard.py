"""Signing in by keyboard alone: type the email, Tab, type the password, Enter."""

import pytest
from playwright.sync_api import expect

from tests.factories.members import PASSWORD, ProfileFactory

# What a person hears on the focused control: its label, else its text.
FOCUSED = """(() => {
  const el = document.activeElement;
  const label = el.labels && el.labels[0];
  return (label ? label.textContent : el.textContent).trim();
})()"""

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_email_tab_password_enter_signs_in_and_the_reset_link_comes_after_the_button(page):
    profile = ProfileFactory(user__email="keyboard.user@example.org")
    page.goto("/accounts/login/?next=/members/me/edit/")

    page.get_by_label("Email").focus()
    page.keyboard.type(profile.user.email)
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('type')")
    assert focused == "password"
    page.keyboard.type(PASSWORD)
    after_password = []
    for _ in range(3):
        page.keyboard.press("Tab")
        after_password.append(page.evaluate(FOCUSED))
    assert after_password == ["Remember me", "Sign in", "Forgot your password?"]
    page.get_by_label("Password").focus()
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Edit your profile")
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
