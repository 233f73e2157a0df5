"""Moderation: a member's first question and first answer wait for a moderator, seen by
their author only, until approved; after that they publish at once. Reports put a post in
the queue with the reason, and enough of them hide it. The queue in Wagtail's admin is for
holders of `questions.moderate_question` only, and rejecting emails the reason."""

from http import HTTPStatus

from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

import pytest

from questions import moderation
from questions.models import Action, Answer, Audience, Event, Question, Report, Status
from tests.contributions.contributions_support import make_member
from tests.factories import questions as factories
from tests.factories.members import UserFactory

pytestmark = pytest.mark.django_db

ASK = reverse("questions:ask")
QUEUE = reverse("questions_moderation")
QUESTION = {"title": "Has anyone weighted social value above 20%?", "audience": Audience.PUBLIC}


@pytest.fixture
def newcomer(db):
    """A confirmed member who has never posted."""
    return make_member()


@pytest.fixture
def moderator(db):
    """A member of the site's "Contribution moderators" group, which the migration grants
    the permission."""
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name="Contribution moderators"))
    return user


def _decide(client, post, decision, reason=""):
    kind = "question" if isinstance(post, Question) else "answer"
    url = reverse("questions_decide", args=[kind, post.pk, decision])
    return client.post(url, {"reason": reason})


def test_a_first_question_waits_and_only_its_author_sees_it(newcomer, other, as_member, client):
    as_member(newcomer).post(ASK, QUESTION)
    question = Question.objects.get()
    page = client.get(question.get_absolute_url()).content.decode()

    assert question.status == Status.PENDING
    assert "waiting for a moderator" in page
    assert question.title not in as_member(other).get(reverse("questions:list")).content.decode()
    assert as_member(other).get(question.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND
    client.logout()
    assert client.get(question.get_absolute_url()).status_code == HTTPStatus.FOUND


def test_once_approved_a_question_shows_and_the_next_publishes_at_once(
    newcomer, other, moderator, as_member, client
):
    as_member(newcomer).post(ASK, QUESTION)
    first = Question.objects.get()
    client.force_login(moderator)
    _decide(client, first, "approve")
    as_member(newcomer).post(ASK, {**QUESTION, "title": "And what did the bidders say?"})
    second = Question.objects.exclude(pk=first.pk).get()

    first.refresh_from_db()
    assert (first.status, second.status) == (Status.LIVE, Status.LIVE)
    listing = as_member(other).get(reverse("questions:list")).content.decode()
    assert first.title in listing and second.title in listing
    assert Event.objects.filter(question=first, action=Action.APPROVED).exists()


def test_a_first_answer_waits_is_not_counted_and_is_shown_to_its_author_only(
    question, newcomer, other, as_member
):
    as_member(newcomer).post(
        reverse("questions:answer", args=[question.pk]), {"body": "We weighted it at 30%."}
    )
    reply = Answer.objects.get()

    assert reply.status == Status.PENDING
    assert (
        "We weighted it at 30%."
        not in as_member(other).get(question.get_absolute_url()).content.decode()
    )
    assert "0 answers" in as_member(other).get(reverse("questions:list")).content.decode()
    own = as_member(newcomer).get(question.get_absolute_url()).content.decode()
    assert "We weighted it at 30%." in own and "waiting for a moderator" in own


def test_rejecting_emails_the_author_the_reason_and_the_post_stays_hidden(
    newcomer, moderator, as_member, client, django_capture_on_commit_callbacks
):
    as_member(newcomer).post(ASK, QUESTION)
    question = Question.objects.get()
    client.force_login(moderator)

    with django_capture_on_commit_callbacks(execute=True):
        response = _decide(client, question, "reject", "Advertising a consultancy is not allowed.")

    question.refresh_from_db()
    assert response.status_code == HTTPStatus.FOUND
    assert question.status == Status.REJECTED
    [email] = mail.outbox
    assert email.to == [newcomer.user.email]
    assert "Advertising a consultancy is not allowed." in email.body
    assert "Advertising a consultancy is not allowed." in email.alternatives[0][0]
    assert moderation.initial_status(newcomer) == Status.PENDING  # still not trusted


def test_rejecting_without_a_reason_changes_nothing(newcomer, moderator, as_member, client):
    as_member(newcomer).post(ASK, QUESTION)
    question = Question.objects.get()
    client.force_login(moderator)

    _decide(client, question, "reject", "")

    question.refresh_from_db()
    assert question.status == Status.PENDING and not mail.outbox


def test_a_report_puts_the_post_in_the_queue_with_the_reason_once_per_member(
    reply, asker, moderator, as_member, client
):
    url = reverse("questions:report_answer", args=[reply.pk])
    member = as_member(asker)

    first = member.post(url, {"reason": "It names a council officer who did not agree."})
    again = member.post(url, {"reason": "Still there."})

    assert first.status_code == again.status_code == HTTPStatus.FOUND
    assert Report.objects.count() == 1
    client.force_login(moderator)
    queue = client.get(QUEUE).content.decode()
    assert "It names a council officer who did not agree." in queue
    assert reply.body in queue


def test_a_report_without_a_reason_is_refused_with_the_error_summary(question, other, as_member):
    response = as_member(other).post(
        reverse("questions:report", args=[question.pk]), {"reason": ""}
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "There is a problem" in response.content.decode()
    assert not Report.objects.exists()


def test_nobody_reports_their_own_post(question, asker, as_member):
    response = as_member(asker).post(
        reverse("questions:report", args=[question.pk]), {"reason": "x"}
    )

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert not Report.objects.exists()


def test_enough_reports_hide_a_post_until_a_moderator_keeps_it(
    question, other, moderator, as_member, client, settings
):
    settings.QUESTIONS_REPORTS_TO_HIDE = 3
    url = reverse("questions:report", args=[question.pk])
    for _ in range(2):
        as_member(make_member()).post(url, {"reason": "Spam."})
    assert as_member(other).get(question.get_absolute_url()).status_code == HTTPStatus.OK

    as_member(make_member()).post(url, {"reason": "Spam."})

    assert as_member(other).get(question.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND
    client.force_login(moderator)
    _decide(client, question, "approve")
    assert as_member(other).get(question.get_absolute_url()).status_code == HTTPStatus.OK
    assert not Report.objects.filter(reviewed_at__isnull=True).exists()


def test_suspending_from_the_queue_takes_the_authors_posts_off_the_site(
    question, asker, other, moderator, as_member, client
):
    second = factories.question(asker, title="A second question by the same member?")
    client.force_login(moderator)

    _decide(client, question, "suspend", "Spam from a bought account.")

    asker.refresh_from_db()
    assert asker.is_suspended and asker.suspension_reason == "Spam from a bought account."
    listing = as_member(other).get(reverse("questions:list")).content.decode()
    assert question.get_absolute_url() not in listing
    assert second.get_absolute_url() not in listing
    assert as_member(other).get(question.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize("has_admin", [False, True])
def test_the_queue_refuses_anyone_without_the_permission_on_get_and_post(
    newcomer, as_member, client, has_admin
):
    as_member(newcomer).post(ASK, QUESTION)
    question = Question.objects.get()
    user = UserFactory(is_staff=has_admin)
    if has_admin:
        user.groups.add(Group.objects.get(name="Content editors"))  # the admin, not this
    client.force_login(user)

    opened = client.get(QUEUE)
    approved = _decide(client, question, "approve")

    for response in (opened, approved):
        assert response.status_code == HTTPStatus.FOUND
        assert response.url != QUEUE
    question.refresh_from_db()
    assert question.status == Status.PENDING


def test_the_questions_menu_item_shows_to_moderators_only(moderator, client):
    editor = UserFactory(is_staff=True)
    editor.groups.add(Group.objects.get(name="Content editors"))

    client.force_login(moderator)
    assert QUEUE in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(editor)
    assert QUEUE not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_an_unknown_decision_or_post_is_a_404_not_a_500(moderator, question, client):
    client.force_login(moderator)

    assert _decide(client, question, "delete").status_code == HTTPStatus.NOT_FOUND
    missing = reverse("questions_decide", args=["question", 2**40, "approve"])
    assert client.post(missing).status_code == HTTPStatus.NOT_FOUND


def test_the_queue_leaves_out_published_posts_nobody_reported(question, reply):
    assert question.status == reply.status == Status.LIVE

    assert moderation.queue() == []
