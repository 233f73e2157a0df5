"""A subscriber's journey in Chromium: search, "Get email alerts for this search",
confirm from the email with the one button, receive a digest after a case study is
published, then leave with the one-click unsubscribe a mail client sends."""

import datetime
import re

from django.core import mail
from django.utils import timezone

import pytest
from playwright.sync_api import expect

from casestudies.factories import as_lines, case_study_record
from casestudies.importexport.importer import import_lines
from network.newsletter.digests import send_digests
from network.newsletter.models import Subscriber

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
    assert "Governance in the open (Case study)" in digest.body
    unsubscribe = re.search(r"<(https?://[^>]+)>", digest.extra_headers["List-Unsubscribe"])[1]

    answer = page.request.post(unsubscribe, form={"List-Unsubscribe": "One-Click"})

    assert answer.ok
    assert Subscriber.objects.get().status == Subscriber.Status.UNSUBSCRIBED
    page.goto(unsubscribe)
    expect(page.get_by_role("button", name="Unsubscribe")).to_be_visible()
