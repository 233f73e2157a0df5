"""The editors' newsletter: an issue goes once to each confirmed subscriber of its
topics through the digests' sending path, even when sent again or resumed after a
crash; only live public content appears in it; the archive shows sent issues only."""

from http import HTTPStatus

from django.core import mail
from django.core.exceptions import ValidationError
from django.test import override_settings

from wagtail.models import PageViewRestriction

import pytest

from casestudies.factories import case_study_record
from casestudies.models import CaseStudyPage
from newsletter import issue_sending
from newsletter.blocks import PublicPageChooserBlock
from newsletter.models import Delivery, NewsletterIssuePage, Send
from tests.factories import newsletter
from tests.factories.members import UserFactory

from .failing_backend import FailingBackend

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(db):
    return UserFactory(is_superuser=True, is_staff=True, email="editor@example.org")


@pytest.fixture
def send(django_capture_on_commit_callbacks, editor):
    """`send(issue)` as the admin's "Send" does, the task run after the commit."""

    def _send(issue):
        with django_capture_on_commit_callbacks(execute=True):
            result = issue_sending.start(issue, editor)
        result.refresh_from_db()
        return result

    return _send


def test_an_issue_goes_once_to_each_confirmed_subscriber_with_text_html_and_headers(
    confirmed, subscribe, send
):
    confirmed("both@example.org", topics=["", "theme=governance"], newsletter=True)
    confirmed("one@example.org", topics=["region=london"], newsletter=True)
    subscribe("waiting@example.org", newsletter=True)
    mail.outbox.clear()
    issue = newsletter.issue(
        "Spring newsletter", body=[("section", {"heading": "News", "text": "We *grew*."})]
    )

    result = send(issue)

    assert sorted(email.to[0] for email in mail.outbox) == ["both@example.org", "one@example.org"]
    email = mail.outbox[0]
    assert email.subject == "Spring newsletter"
    assert email.from_email == "Social Value Network <hello@localhost>"
    assert "== News ==\n\nWe *grew*." in email.body
    html, kind = email.alternatives[0]
    assert kind == "text/html" and "<em>grew</em>" in html and '<html lang="en-GB">' in html
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/newsletter/unsubscribe/" in email.extra_headers["List-Unsubscribe"]
    assert (result.sent, result.finished_at is not None) == (2, True)


def test_an_issue_goes_only_to_the_subscribers_of_its_chosen_topics(confirmed, send):
    confirmed("governance@example.org", topics=["theme=governance"], newsletter=True)
    confirmed("london@example.org", topics=["region=london"], newsletter=True)
    confirmed("everything@example.org", topics=[""], newsletter=True)

    send(newsletter.issue(audience=["theme=governance", "region=london"]))

    assert sorted(e.to[0] for e in mail.outbox) == ["governance@example.org", "london@example.org"]


def test_sending_again_or_resuming_never_sends_anyone_the_issue_twice(confirmed, send):
    confirmed("a@example.org", newsletter=True)
    confirmed("b@example.org", newsletter=True)
    issue = newsletter.issue()

    first = send(issue)
    second = send(issue)
    issue_sending.send_issue(first.pk)

    assert first.pk == second.pk and Send.objects.filter(issue=issue).count() == 1
    assert sorted(e.to[0] for e in mail.outbox) == ["a@example.org", "b@example.org"]
    assert Delivery.objects.filter(send=first).count() == 2


def test_a_crash_midway_sends_no_one_twice_and_resuming_reaches_the_rest(confirmed, send, settings):
    for n in range(3):
        confirmed(f"p{n}@example.org", newsletter=True)
    issue = newsletter.issue()
    settings.EMAIL_BACKEND = "tests.newsletter.failing_backend.FailingBackend"
    FailingBackend.accept = 1

    send(issue)  # the task fails with the mail server's error

    assert Delivery.objects.count() == 1 and len(mail.outbox) == 1
    assert Send.objects.get(issue=issue).finished_at is None

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    issue_sending.send_issue(Send.objects.get(issue=issue).pk)

    assert sorted(e.to[0] for e in mail.outbox) == [f"p{n}@example.org" for n in range(3)]
    assert Send.objects.get(issue=issue).sent == 3


def _pages(publish, *titles):
    publish(*(case_study_record(title=title) for title in titles))
    return [CaseStudyPage.objects.get(title=title) for title in titles]


def test_drafts_and_private_pages_never_appear_in_an_issue_or_its_email(
    client, confirmed, publish, send
):
    confirmed(newsletter=True)
    shown, withdrawn, restricted = _pages(publish, "Still public", "Withdrawn", "Members only")
    issue = newsletter.issue(
        intro="Three picks.",
        body=[("case_study", shown), ("case_study", withdrawn), ("case_study", restricted)],
    )
    withdrawn.unpublish()
    PageViewRestriction.objects.create(page=restricted, restriction_type="login")

    send(issue)

    email = mail.outbox[0]
    assert "Still public (Case study)" in email.body
    assert "Withdrawn" not in email.body and "Members only" not in email.body
    assert "Withdrawn" not in email.alternatives[0][0]
    page = client.get(issue.url).content.decode()
    assert "Still public" in page and "Withdrawn" not in page and "Members only" not in page


def test_the_issue_editor_refuses_a_draft_or_private_page(publish):
    draft, restricted = _pages(publish, "A draft", "Restricted")
    draft.unpublish()
    PageViewRestriction.objects.create(page=restricted, restriction_type="login")
    block = PublicPageChooserBlock(page_type="casestudies.CaseStudyPage")

    for page in (draft, restricted):
        with pytest.raises(ValidationError, match="not published for everyone"):
            block.clean(page)


def test_the_archive_shows_sent_issues_only(client, send):
    sent = newsletter.issue("Sent in spring")
    send(sent)
    draft = newsletter.issue("Still a draft")
    published_unsent = newsletter.issue("Published, never sent")
    published_unsent.get_latest_revision().publish()

    archive = client.get(newsletter.archive().url).content.decode()

    assert "Sent in spring" in archive
    assert "Still a draft" not in archive and "Published, never sent" not in archive
    assert client.get(sent.url).status_code == HTTPStatus.OK
    for page in (draft, published_unsent):
        page = NewsletterIssuePage.objects.get(pk=page.pk)
        assert client.get(page.url).status_code == HTTPStatus.NOT_FOUND


@override_settings(SITE_BASE_URL="https://svn.example")
def test_the_email_links_to_the_issue_on_the_web_and_to_each_item(confirmed, publish, send):
    confirmed(newsletter=True)
    (page,) = _pages(publish, "Linked case")
    issue = newsletter.issue(body=[("case_study", page)])

    send(issue)

    body = mail.outbox[0].body
    assert f"Linked case (Case study)\n{page.summary}\nhttps://svn.example{page.url}" in body
    issue.refresh_from_db()
    assert f"Read this newsletter on the web: https://svn.example{issue.url}" in body


def test_the_sitemap_lists_sent_issues_only(client, send):
    sent = newsletter.issue("Sent", user=None)
    send(sent)
    unsent = newsletter.issue("Published, never sent")
    unsent.get_latest_revision().publish()

    sitemap = client.get("/sitemap.xml").content.decode()

    assert NewsletterIssuePage.objects.get(pk=sent.pk).url in sitemap
    assert NewsletterIssuePage.objects.get(pk=unsent.pk).url not in sitemap


def test_a_cached_archive_shows_an_issue_once_it_is_sent(client):
    issue = newsletter.issue("Out this morning")
    issue.get_latest_revision().publish()
    assert "Out this morning" not in client.get(newsletter.archive().url).content.decode()

    Send.objects.create(kind=Send.Kind.ISSUE, issue=issue, subject=issue.title)

    assert "Out this morning" in client.get(newsletter.archive().url).content.decode()
