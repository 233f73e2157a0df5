"""A contribution through the moderators' workflow: each editor's decision, the email the
member receives, resubmitting after "changes requested", suspension, and the credit."""

from http import HTTPStatus

from django.core import mail
from django.test import Client
from django.urls import reverse

from wagtail.models import Site, TaskState, WorkflowState

import pytest

from contributions import workflow
from members.models import Visibility
from members.suspension import suspend
from members.yourdata import delete_account
from search import service
from tests.support.links import named_links

from .contributions_support import contribution_of, make_member, make_moderator, write

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_tree")]


@pytest.fixture
def member():
    return make_member(visibility=Visibility.MEMBERS)


@pytest.fixture
def submitted(client, member):
    client.force_login(member.user)
    write(client, {"title": "Quince commissioning in Marshfield"}, submit=True)
    mail.outbox = []
    return contribution_of(member)


def _task_state(page):
    return TaskState.objects.for_instance(page).get(status=TaskState.STATUS_IN_PROGRESS)


def test_the_workflow_is_assigned_to_the_case_study_index(site_tree):
    assert site_tree.case_study_index.get_workflow().name == "Contributions"
    [task] = site_tree.case_study_index.get_workflow().tasks.specific()
    assert [group.name for group in task.groups.all()] == ["Contribution moderators"]


def test_submitting_puts_the_latest_revision_in_the_moderators_queue(submitted):
    moderator = make_moderator()
    state = _task_state(submitted)
    assert state.revision_id == submitted.latest_revision_id
    assert state in TaskState.objects.reviewable_by(moderator)
    assert workflow.standing(submitted).status == workflow.Status.SUBMITTED


def test_a_submitted_contribution_cannot_be_changed_by_its_member(client, submitted):
    response = client.get(reverse("contribute:edit", kwargs={"pk": submitted.pk}))
    assert b"cannot be changed now" in response.content
    answer = client.post(reverse("contribute:autosave_existing", kwargs={"pk": submitted.pk}))
    assert answer.status_code == HTTPStatus.CONFLICT


def test_changes_requested_emails_the_comment_and_the_member_resubmits(
    client, member, submitted, settings
):
    settings.SITE_BASE_URL = "https://network.example"
    moderator = make_moderator()
    _task_state(submitted).specific.task.specific.on_action(
        _task_state(submitted), moderator, "reject", comment="Say how many young people took part."
    )
    [email] = mail.outbox
    assert email.to == [member.user.email]
    assert "Changes requested" in email.subject
    assert "Say how many young people took part." in email.body
    assert f"https://network.example/contribute/{submitted.pk}/" in email.body
    assert "testserver" not in email.body
    html = email.alternatives[0][0]
    assert "Say how many young people took part." in html
    listing = client.get(reverse("contribute:mine")).content.decode()
    assert "Changes requested" in listing and "Say how many young people took part." in listing

    write(client, {"title": "Quince commissioning in Marshfield", "body": "120 took part."},
          pk=submitted.pk, submit=True)  # fmt: skip
    state = WorkflowState.objects.get(status=WorkflowState.STATUS_IN_PROGRESS)
    assert state.current_task_state.revision_id == contribution_of(member).latest_revision_id
    assert workflow.standing(submitted).status == workflow.Status.SUBMITTED


def test_the_decision_email_links_by_url_name_and_speaks_in_the_sites_name(submitted, settings):
    settings.SITE_BASE_URL = "https://network.example"
    Site.objects.filter(is_default_site=True).update(site_name="Quince Commissioners")
    state = _task_state(submitted)

    state.task.specific.on_action(state, make_moderator(), "reject", comment="More, please.")

    [email] = mail.outbox
    assert named_links(email.body, "https://network.example") == {
        "contribute:edit": "https://network.example"
        + reverse("contribute:edit", args=[submitted.pk]),
        "contribute:mine": "https://network.example" + reverse("contribute:mine"),
    }
    assert "Quince Commissioners" in email.body


def test_approval_publishes_emails_the_link_and_credits_the_member(member, submitted, publish):
    moderator = make_moderator()
    state = _task_state(submitted)
    state.task.specific.on_action(state, moderator, "approve", comment="Thank you, lovely.")
    submitted.refresh_from_db()
    assert submitted.live
    [email] = mail.outbox
    assert "published" in email.subject
    assert submitted.url in email.body and "Thank you, lovely." in email.body
    assert workflow.standing(submitted).status == workflow.Status.PUBLISHED

    # The profile is for members only: a stranger sees the credit without the name.
    stranger = Client().get(submitted.url).content.decode()
    assert "Contributed by a member of the network" in stranger
    viewer = Client()
    viewer.force_login(make_member().user)
    seen = viewer.get(submitted.url).content.decode()
    assert f'<a href="{member.get_absolute_url()}">{member.display_name}</a>' in seen
    assert "Quince commissioning" in viewer.get(member.get_absolute_url()).content.decode()

    delete_account(member.user)
    assert "Contributed by a former member" in Client().get(submitted.url).content.decode()


def test_an_approved_contribution_is_found_by_search_on_both_backends(
    submitted, backend, django_capture_on_commit_callbacks
):
    state = _task_state(submitted)
    with django_capture_on_commit_callbacks(execute=True):
        state.task.specific.on_action(state, make_moderator(), "approve", comment="")
    result = service.search(service.SearchRequest(query="quince"))
    assert [hit.title for hit in result.hits] == ["Quince commissioning in Marshfield"]


def test_a_cancelled_review_is_not_accepted_with_the_editors_reason(client, submitted):
    moderator = make_moderator()
    state = _task_state(submitted)
    state.task.specific.on_action(state, moderator, "reject", comment="Not about commissioning.")
    mail.outbox = []
    submitted.current_workflow_state.cancel(user=moderator)
    [email] = mail.outbox
    assert "not accepted" in email.subject and "Not about commissioning." in email.body
    listing = client.get(reverse("contribute:mine")).content.decode()
    assert "Not accepted" in listing and "Not about commissioning." in listing


def test_suspending_a_member_takes_their_contributions_out_of_the_queue(member, submitted):
    moderator = make_moderator()
    suspend(member, "Spam")
    assert not TaskState.objects.reviewable_by(moderator).exists()
    assert submitted.current_workflow_state is None
    assert mail.outbox == []  # a suspended member is not written to
