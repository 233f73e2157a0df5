"""Questions in Chromium, as the product runs them. A member asks a public question by
keyboard alone (the form sent back with an error first); as their first post it waits
for a moderator, who approves it from the queue in Wagtail's admin. A second member (who
has posted before, so publishes at once) answers; the asker marks the answer as the one
that helped. The question is then found by search, under the Question type and by the
accepted answer's words, and reaches an alert subscriber whose saved search matches in
their digest. A members-only question is refused to a stranger, its title never shown.
axe finds nothing on the question page, the ask page with errors and the list."""

import datetime
import re

from django.core import mail
from django.utils import timezone

import pytest
from playwright.sync_api import expect

from newsletter import subscribing
from newsletter.digests import send_digests
from questions.models import Audience, Question, Status
from tests.contributions.contributions_support import make_member, make_moderator
from tests.factories import questions as factories
from tests.factories.members import PASSWORD
from tests.support.axe import axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.elasticsearch,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TITLE = "Has anyone weighted social value above 20% and survived a challenge?"
ANSWER = "We weighted it at 25% after a Kestrelford market day; the challenge failed."
SECRET = "Which provider walked out of our frank home care tender?"


def _sign_in(page, email, next_path="/"):
    page.goto(f"/accounts/login/?next={next_path}")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("form").get_by_role("button", name="Sign in").last.click()


def _new_tab(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    return context.new_page()


def _tab_to(page, condition: str, limit: int = 60) -> None:
    """Press Tab until `condition` (JavaScript about `el`, the focused element) holds."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return {condition}; }})()"):
            return
    raise AssertionError(f"Tab never reached an element where {condition}")


def _no_violations(page):
    assert axe_violations(page) == [], page.url


def test_a_member_asks_a_peer_answers_it_is_accepted_found_and_sent_to_a_subscriber(
    es, page, browser, live_server, settings
):
    settings.SITE_BASE_URL = live_server.url
    asker = make_member(display_name="Asha Commissioner")
    answerer = factories.trusted_member(display_name="Ben Provider")
    moderator = make_moderator()
    subscribing.subscribe_member(
        make_member().user, "reader@example.org", ["q=challenge"], "daily",
        form="test", wording="We will email you.",
    )  # fmt: skip

    # The asker finds "Ask a question" from the list, by keyboard alone.
    _sign_in(page, asker.user.email, "/questions/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Questions")
    _no_violations(page)
    _tab_to(page, "el.textContent.trim() === 'Ask a question' && el.closest('main')")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask a question")

    # Enter in the empty title posts the form: it comes back with the error summary
    # focused, whose link leads back to the field.
    _tab_to(page, "el.id === 'id_title'")
    page.keyboard.press("Enter")
    summary = page.locator("[data-error-summary]")
    expect(summary).to_contain_text("Write your question.")
    expect(summary).to_be_focused()
    _no_violations(page)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_label("Your question")).to_be_focused()

    page.keyboard.type(TITLE)
    page.keyboard.press("Tab")
    expect(page.get_by_label("Details")).to_be_focused()
    page.keyboard.type("Our cabinet wants **30%**. Did a bidder challenge yours?")
    _tab_to(page, "el.name === 'audience'")
    page.keyboard.press("ArrowDown")  # from "Members only" to "Everyone"
    expect(page.get_by_role("radio", name=re.compile(r"^Everyone"))).to_be_checked()
    _tab_to(page, "el.textContent.trim() === 'Check for similar questions'")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Similar questions with an answer")).to_be_visible()
    expect(page.get_by_label("Your question")).to_have_value(TITLE)
    _tab_to(page, "el.textContent.trim() === 'Post your question'")
    page.keyboard.press("Enter")

    # Their first post waits for a moderator, who approves it from the queue.
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_text("Your question is waiting for a moderator")).to_be_visible()
    question = Question.objects.get(title=TITLE)
    assert (question.audience, question.status) == (Audience.PUBLIC, Status.PENDING)
    admin = _new_tab(browser, live_server)
    _sign_in(admin, moderator.email, "/admin/questions/")
    expect(admin.get_by_role("heading", name=f"Question: {TITLE}")).to_be_visible()
    admin.get_by_role("button", name=f"Approve (question {question.pk})").click()
    expect(admin.locator(".messages")).to_contain_text("The question is published.")
    admin.context.close()

    # A member who has posted before answers, and it is published at once.
    peer = _new_tab(browser, live_server)
    _sign_in(peer, answerer.user.email, question.get_absolute_url())
    expect(peer.get_by_role("heading", level=1)).to_have_text(TITLE)
    peer.get_by_label("Your answer").fill(ANSWER)
    peer.get_by_role("button", name="Post your answer").click()
    expect(peer.get_by_text("Your answer is published.")).to_be_visible()
    peer.context.close()

    # The asker marks it as the answer that helped.
    page.reload()
    page.get_by_role("button", name="Mark as the answer that helped (answer 1)").click()
    expect(page.get_by_role("heading", name="The answer that helped")).to_be_visible()
    expect(page.get_by_text("Kestrelford market day")).to_be_visible()
    _no_violations(page)

    # Found by search, under the Question type, and by the accepted answer's words.
    page.goto("/search/?q=challenge")
    page.get_by_role("checkbox", name=re.compile(r"^Question")).check()
    expect(page).to_have_url(re.compile(r"kind=question"))
    expect(page.locator("#results-title")).to_have_text(re.compile(r"^1 result"))
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    page.goto("/search/?q=Kestrelford")
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)

    # The subscriber whose saved search matches gets it in their digest.
    report = send_digests("daily", now=timezone.now() + datetime.timedelta(hours=21))

    assert report.sent == 1
    digest = mail.outbox[-1]
    assert digest.to == ["reader@example.org"]
    assert f"{TITLE} (Question)" in digest.body
    assert f"{live_server.url}{question.get_absolute_url()}" in digest.body


def test_a_members_only_question_is_refused_to_a_stranger_who_is_asked_to_sign_in(
    es, page, live_server
):
    secret = factories.question(factories.trusted_member(), title=SECRET)

    page.goto(secret.get_absolute_url())

    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/questions/\d+/$"))
    expect(page.get_by_text("Only signed-in members can read this question.")).to_be_visible()
    assert SECRET not in page.content()
    page.goto("/questions/")
    assert SECRET not in page.content()
