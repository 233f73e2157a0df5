"""What a member posts is clean before it is stored: control characters and line breaks
never reach a title, a malformed revision number is a 400 with a sentence, and a title
stored with a line break before titles were cleaned still reaches the moderators."""

from http import HTTPStatus

from django.core import mail
from django.urls import reverse

import pytest

from casestudies.models import CaseStudyPage
from contributions import workflow

from .contributions_support import GOOD, contribution_of, make_moderator, write

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_tree")]

BAD_NUMBERS = ["²", "٣", "9" * 5000]


def test_control_characters_and_line_breaks_never_reach_a_stored_title(writer, member):
    write(writer, {"title": "Ctlchar feedbreaker\x0b case\r\nBcc: x", "body": "One\r\nTwo\x00"})

    page = contribution_of(member)
    assert page.title == "Ctlchar feedbreaker  case Bcc: x"
    assert page.draft_title == page.title
    assert "One\nTwo" in page.prose_markdown() and "\x00" not in page.prose_markdown()


@pytest.mark.parametrize("number", BAD_NUMBERS)
def test_a_malformed_base_revision_on_the_page_is_a_400_with_a_sentence(writer, member, number):
    write(writer)
    page = contribution_of(member)

    response = write(writer, {"body": "Changed", "base_revision": number}, pk=page.pk)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "base_revision must be a whole number" in response.content.decode()
    assert page.latest_revision_id == CaseStudyPage.objects.get(pk=page.pk).latest_revision_id


@pytest.mark.parametrize("number", BAD_NUMBERS)
def test_a_malformed_base_revision_on_autosave_is_a_400_with_a_sentence(writer, member, number):
    write(writer)
    page = contribution_of(member)

    response = writer.post(
        reverse("contribute:autosave_existing", kwargs={"pk": page.pk}),
        {**GOOD, "base_revision": number},
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    answer = response.json()
    assert answer["saved"] is False
    assert answer["message"].startswith("base_revision must be a whole number")


def _subjects_to(user) -> list[str]:
    return [email.subject for email in mail.outbox if user.email in email.to]


def test_a_title_typed_with_a_line_break_reaches_the_moderators_on_one_line(
    writer, member, django_capture_on_commit_callbacks
):
    moderator = make_moderator()
    with django_capture_on_commit_callbacks(execute=True):
        write(writer, {"title": "Two\r\nlines"}, submit=True)

    [subject] = _subjects_to(moderator)
    assert "Two lines" in subject and "\n" not in subject and "\r" not in subject


def test_a_title_stored_with_a_line_break_still_reaches_the_moderators_on_one_line(
    writer, member, django_capture_on_commit_callbacks
):
    moderator = make_moderator()
    write(writer)
    page = contribution_of(member)
    CaseStudyPage.objects.filter(pk=page.pk).update(
        title="Old\r\ntitle", draft_title="Old\r\ntitle"
    )

    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit(CaseStudyPage.objects.get(pk=page.pk), member.user)

    [subject] = _subjects_to(moderator)
    assert "Old title" in subject and "\n" not in subject and "\r" not in subject
