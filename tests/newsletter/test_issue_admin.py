"""The issue editor's sending actions in the Wagtail admin: a test goes to the editor
only; "Send" is refused on the server to anyone who may not publish the issue; sends are
listed with their counts, digests' runs among them."""

import re
from http import HTTPStatus

from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.urls import reverse

from wagtail.models import GroupPagePermission

import pytest

from casestudies.factories import case_study_record, seminar_record
from casestudies.models import SeminarPage
from newsletter import issue_sending, leaving
from newsletter.digests import send_digests
from newsletter.models import Frequency, NewsletterIssuePage, Send, Subscriber
from tests.factories import newsletter
from tests.factories.members import UserFactory

from .test_digests import LATER

pytestmark = pytest.mark.django_db


def _editor_who_cannot_publish():
    """A member of a group that may add and edit pages in the archive, but not publish."""
    group = Group.objects.create(name="Newsletter writers")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.create(
            group=group,
            page=newsletter.archive(),
            permission=Permission.objects.get(
                codename=codename, content_type__app_label="wagtailcore"
            ),
        )
    user = UserFactory(email="writer@example.org")
    user.groups.add(group)
    return user


def _member_of(group_name: str):
    user = UserFactory(is_staff=True, email=f"{group_name.split()[0].lower()}@example.org")
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def superuser(client):
    user = UserFactory(is_superuser=True, is_staff=True, email="editor@example.org")
    client.force_login(user)
    return user


def test_the_editor_offers_send_test_and_send_in_place_of_publish(client, superuser):
    issue = newsletter.issue()

    html = client.get(reverse("wagtailadmin_pages:edit", args=[issue.pk])).content.decode()

    assert reverse("newsletter_issue_test", args=[issue.pk]) in html
    assert reverse("newsletter_issue_send", args=[issue.pk]) in html
    assert 'name="action-publish"' not in html


def test_a_test_goes_to_the_editor_only_and_sends_nothing_else(client, superuser, confirmed):
    confirmed("reader@example.org", newsletter=True)
    issue = newsletter.issue("Draft for checking")
    url = reverse("newsletter_issue_test", args=[issue.pk])

    page = client.get(url)
    response = client.post(url)

    assert page.status_code == HTTPStatus.OK and "editor@example.org" in page.content.decode()
    assert response.status_code == HTTPStatus.FOUND
    assert [(e.to, e.subject) for e in mail.outbox] == [
        (["editor@example.org"], "[Test] Draft for checking")
    ]
    assert not Send.objects.exists()
    assert not NewsletterIssuePage.objects.get(pk=issue.pk).live


def test_someone_who_may_edit_but_not_publish_cannot_send(client, confirmed):
    confirmed("reader@example.org", newsletter=True)
    writer = _editor_who_cannot_publish()
    issue = newsletter.issue(user=writer)
    client.force_login(writer)

    edit = client.get(reverse("wagtailadmin_pages:edit", args=[issue.pk])).content.decode()
    response = client.post(reverse("newsletter_issue_send", args=[issue.pk]))

    assert reverse("newsletter_issue_test", args=[issue.pk]) in edit
    assert reverse("newsletter_issue_send", args=[issue.pk]) not in edit
    # Wagtail's admin answers a refused permission by sending the person to its dashboard.
    assert response.status_code == HTTPStatus.FOUND
    assert response.url == reverse("wagtailadmin_home")
    assert mail.outbox == [] and not Send.objects.exists()


def test_send_publishes_the_issue_and_a_second_click_sends_nothing_more(
    client, superuser, confirmed, django_capture_on_commit_callbacks
):
    confirmed("a@example.org", topics=["theme=governance"], newsletter=True)
    confirmed("b@example.org", topics=[""], newsletter=True)
    issue = newsletter.issue("For governance", audience=["theme=governance"])
    url = reverse("newsletter_issue_send", args=[issue.pk])

    confirm = client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url)
    with django_capture_on_commit_callbacks(execute=True):
        second = client.post(url)

    assert "1 confirmed subscriber" in confirm and "Theme: Governance" in confirm
    assert first.status_code == second.status_code == HTTPStatus.FOUND
    assert [e.to for e in mail.outbox] == [["a@example.org"]]
    assert NewsletterIssuePage.objects.get(pk=issue.pk).live


def test_sends_are_listed_with_sent_bounced_and_unsubscribed_counts(
    client, superuser, confirmed, publish, settings, django_capture_on_commit_callbacks
):
    settings.ELASTICSEARCH_URL = ""
    people = [confirmed(f"p{n}@example.org", newsletter=True) for n in range(3)]
    publish(case_study_record(title="New this week"))
    send_digests(Frequency.DAILY, now=people[0].confirmed_at + LATER)
    issue = newsletter.issue("Autumn newsletter")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("newsletter_issue_send", args=[issue.pk]))
    leaving.end(people[0], "The subscriber unsubscribed.")
    leaving.end(people[1], "The address bounced permanently.", Subscriber.Status.BOUNCED)

    html = client.get(reverse("newsletter_sends:index")).content.decode()

    listing = [cells for cells in map(_cells, html.split("<tr")) if len(cells) == 7]
    rows = {cells[0]: cells[-4:] for cells in listing}
    assert rows["Newsletter: Autumn newsletter"] == ["3", "0", "1", "1"]
    (digest,) = [cells for name, cells in rows.items() if name.startswith("Daily digests")]
    assert digest == ["3", "3", "0", "0"]


def _cells(row: str) -> list[str]:
    """The text of each cell of a listing's row."""
    cells = row.split("</tr>")[0].split("<td")[1:]
    return [" ".join(re.sub(r"<[^>]+>", " ", "<" + cell).split()) for cell in cells]


def test_the_lesson_chooser_offers_lessons_of_public_seminars_only(client, superuser, publish):
    lesson = {"body": "Yes.", "themes": [], "stages": []}
    publish(
        seminar_record(title="Open seminar", lessons=[{**lesson, "title": "Open lesson"}]),
        seminar_record(title="Withdrawn seminar", lessons=[{**lesson, "title": "Hidden lesson"}]),
    )
    SeminarPage.objects.get(title="Withdrawn seminar").unpublish()

    html = client.get(reverse("newsletter_lesson_chooser:choose")).content.decode()

    assert "Open lesson" in html and "Hidden lesson" not in html


def test_the_email_preview_shows_the_issue_as_it_will_be_emailed(rf):
    issue = newsletter.issue(intro="Hello **everyone**.")

    response = issue.serve_preview(rf.get("/"), "email")

    html = response.content.decode()
    assert '<html lang="en-GB">' in html and "<strong>everyone</strong>" in html
    assert "unsubscribe" in html


def test_a_send_cannot_be_deleted_so_its_issue_cannot_go_out_again(client, superuser):
    send = issue_sending.start(newsletter.issue(), superuser)

    response = client.post(reverse("newsletter_sends:delete", args=[send.pk]))

    assert response.status_code == HTTPStatus.FOUND
    assert Send.objects.filter(pk=send.pk).exists()


@pytest.mark.parametrize("group_name", ["Contribution moderators", "Content editors"])
def test_only_newsletter_senders_may_open_or_post_the_send_page(client, confirmed, group_name):
    confirmed("reader@example.org", newsletter=True)
    issue = newsletter.issue()
    client.force_login(_member_of(group_name))
    url = reverse("newsletter_issue_send", args=[issue.pk])

    opened = client.get(url)
    posted = client.post(url)

    # Wagtail's admin answers a refused permission by sending the person to its dashboard.
    for response in (opened, posted):
        assert response.status_code == HTTPStatus.FOUND
        assert response.url == reverse("wagtailadmin_home")
    assert mail.outbox == [] and not Send.objects.exists()
    assert not NewsletterIssuePage.objects.get(pk=issue.pk).live


def test_a_newsletter_sender_sends_an_issue_without_any_page_permission(
    client, confirmed, django_capture_on_commit_callbacks
):
    confirmed("reader@example.org", newsletter=True)
    issue = newsletter.issue("For everyone")
    client.force_login(_member_of("Newsletter senders"))
    url = reverse("newsletter_issue_send", args=[issue.pk])

    opened = client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        posted = client.post(url)

    assert opened.status_code == HTTPStatus.OK
    assert posted.status_code == HTTPStatus.FOUND
    assert posted.url == reverse("newsletter_sends:index")
    assert [e.to for e in mail.outbox] == [["reader@example.org"]]
    assert NewsletterIssuePage.objects.get(pk=issue.pk).live
