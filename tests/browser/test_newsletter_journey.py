"""Journeys in Chromium. A subscriber's: search, "Get email alerts for this search",
confirm from the email with the one button, receive a digest after a case study is
published, then leave with the one-click unsubscribe a mail client sends. An editor's:
write an issue in the admin, send a test to themselves, send it to the subscribers, and
find it in the archive."""

import datetime
import re

from django.core import mail
from django.utils import timezone

import pytest
from playwright.sync_api import expect

from casestudies.factories import as_lines, case_study_record
from casestudies.importexport.importer import import_lines
from newsletter import subscribing
from newsletter.digests import send_digests
from newsletter.models import Subscriber
from tests.factories import newsletter
from tests.factories.members import PASSWORD, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.elasticsearch,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
LINK = re.compile(r"https?://\S+/newsletter/confirm/\S+/")


def publish(**fields):
    report = import_lines(as_lines(case_study_record(themes=["governance"], **fields)))
    assert not report.rejections


def test_a_reader_subscribes_to_a_search_gets_a_digest_and_leaves(es, page, live_server, settings):
    settings.SITE_BASE_URL = live_server.url
    publish(title="Boards that share power")

    page.goto("/search/?theme=governance")
    page.get_by_role("link", name="Get email alerts for this search").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Get email alerts for this search")
    page.get_by_label("Email address").fill("reader@example.org")
    page.get_by_label("Once a day").check()
    page.get_by_role("button", name="Get email alerts").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")

    confirm_url = LINK.search(mail.outbox[-1].body).group()
    page.goto(confirm_url)
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING
    page.get_by_role("button", name="Confirm my email alerts").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your email alerts are confirmed")

    publish(title="Governance in the open")
    report = send_digests("daily", now=timezone.now() + datetime.timedelta(hours=21))

    assert report.sent == 1
    digest = mail.outbox[-1]
    assert digest.to == ["reader@example.org"]
    assert (
        "Governance in the open (Case study; Strength of evidence: Not yet assessed)" in digest.body
    )
    unsubscribe = re.search(r"<(https?://[^>]+)>", digest.extra_headers["List-Unsubscribe"])[1]

    answer = page.request.post(unsubscribe, form={"List-Unsubscribe": "One-Click"})

    assert answer.ok
    assert Subscriber.objects.get().status == Subscriber.Status.UNSUBSCRIBED
    page.goto(unsubscribe)
    expect(page.get_by_role("button", name="Unsubscribe")).to_be_visible()


def test_an_editor_writes_an_issue_tests_it_sends_it_and_finds_it_in_the_archive(
    es, page, live_server, settings
):
    settings.SITE_BASE_URL = live_server.url
    subscribing.subscribe_member(
        UserFactory(email="reader@example.org"), "reader@example.org", [""], "weekly",
        form="test", wording="We will email you.", newsletter_wording="Send me the newsletter.",
    )  # fmt: skip
    issue = newsletter.issue("Winter newsletter", intro="Draft words.")
    UserFactory(email="editor@example.org", is_staff=True, is_superuser=True)
    page.goto("/accounts/login/?next=/admin/")
    page.get_by_label("Email").fill("editor@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("form").get_by_role("button", name="Sign in").last.click()
    expect(page).to_have_url(re.compile(r"/admin/$"))

    page.goto(f"/admin/pages/{issue.pk}/edit/")
    page.get_by_role("textbox", name="Intro").fill("What councils learnt this winter.")
    footer = page.locator("footer")
    footer.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messages")).to_contain_text("Winter newsletter")
    footer.get_by_role("button", name="More actions").click()
    footer.get_by_role("link", name="Send test to me").click()
    page.get_by_role("button", name="Send test to me").click()
    expect(page.locator(".messages")).to_contain_text("was sent to editor@example.org")

    test_email = mail.outbox[-1]
    assert (test_email.to, test_email.subject) == (
        ["editor@example.org"],
        "[Test] Winter newsletter",
    )
    assert "What councils learnt this winter." in test_email.body

    footer.get_by_role("button", name="More actions").click()
    footer.get_by_role("link", name="Send to subscribers").click()
    page.get_by_role("button", name="Send to 1 subscriber").click()
    expect(page.locator(".messages")).to_contain_text("is being sent")

    assert mail.outbox[-1].to == ["reader@example.org"]
    assert mail.outbox[-1].subject == "Winter newsletter"
    page.goto(newsletter.archive().url)
    page.get_by_role("link", name="Winter newsletter").click()
    expect(page.get_by_text("What councils learnt this winter.")).to_be_visible()
