"""Emails about a thread: new answers to its followers (the asker follows from the
start), batched while answers keep coming; an accepted answer to its author; never to
someone who unfollowed or may no longer read the question; each email sent once."""

from datetime import timedelta
from http import HTTPStatus

from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

import pytest

from members.suspension import suspend
from questions import following, notify, threads
from questions.models import Audience, Notice, Question
from tests.contributions.contributions_support import make_member
from tests.factories import questions as factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def other(db):
    """A member who has posted before, so their answers publish at once."""
    return factories.trusted_member()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what a block of writes schedules after its commit (the sending task)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def followed(asker):
    """A members-only question its asker follows, as asking on the page leaves it."""
    question = factories.question(asker)
    following.follow_as_asker(question, asker)
    return question


def _answer(client, question, body):
    return client.post(reverse("questions:answer", kwargs={"pk": question.pk}), {"body": body})


def _later(seconds=601):
    return timezone.now() + timedelta(seconds=seconds)


def test_asking_on_the_page_makes_the_asker_follow_their_question(asker, as_member):
    as_member(asker).post(reverse("questions:ask"), {"title": "Who?", "audience": "members"})

    question = Question.objects.get()
    assert following.is_following(asker, question)


def test_two_answers_in_one_batch_make_one_email_to_the_asker_listing_both(
    followed, asker, other, committed, settings
):
    settings.QUESTIONS_NOTICE_DELAY_SECONDS = 600
    settings.SITE_BASE_URL = "https://svn.example"
    third = factories.trusted_member()
    with committed():
        first = threads.answer(followed, other, "We weighted it at **25%**.")
    with committed():
        second = threads.answer(followed, third, "We chose 30% and were challenged.")
    assert mail.outbox == []  # the task ran after each answer, but nothing was due yet

    assert notify.send_due(now=_later()) == 1

    [email] = mail.outbox
    assert email.to == [asker.user.email]
    assert email.subject == f"[Social Value Network] 2 new answers to “{followed.title}”"
    assert "We weighted it at 25%." in email.body and "We chose 30%" in email.body
    assert f"https://svn.example/questions/{followed.pk}/#answer-{first.pk}" in email.body
    assert f"https://svn.example/questions/{followed.pk}/#answer-{second.pk}" in email.body
    assert email.body.index("25%") < email.body.index("30%")
    assert "your question" in email.body
    stop = following.stop_url(asker, followed)
    assert stop in email.body
    assert email.extra_headers["List-Unsubscribe"] == f"<{stop}>"
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    html, kind = email.alternatives[0]
    assert kind == "text/html" and '<html lang="en-GB">' in html
    assert not Notice.objects.exists()
    assert notify.send_due(now=_later()) == 0


def test_an_answer_waits_for_the_delay_then_the_scheduled_command_sends_it(
    followed, other, settings
):
    settings.QUESTIONS_NOTICE_DELAY_SECONDS = 600
    threads.answer(followed, other, "We did.")

    call_command("send_question_notices")
    assert mail.outbox == []
    Notice.objects.update(created_at=timezone.now() - timedelta(seconds=601))
    call_command("send_question_notices")

    assert len(mail.outbox) == 1


def test_an_answer_posted_on_the_page_is_emailed_once_committed_but_not_to_its_author(
    followed, asker, other, as_member, committed
):
    following.follow(followed, other)

    with committed():
        response = _answer(as_member(other), followed, "We weighted it at 25%.")

    assert response.status_code == HTTPStatus.FOUND
    assert [email.to for email in mail.outbox] == [[asker.user.email]]
    assert mail.outbox[0].subject == f"[Social Value Network] A new answer to “{followed.title}”"


def test_whoever_answered_is_emailed_when_their_answer_is_accepted(
    followed, asker, other, as_member, committed
):
    reply = factories.answer(followed, other)
    with committed():
        response = as_member(asker).post(reverse("questions:accept", kwargs={"pk": reply.pk}))

    assert response.status_code == HTTPStatus.FOUND
    [email] = mail.outbox
    assert email.to == [other.user.email]
    assert "was marked as the one that helped" in email.subject
    assert reply.get_absolute_url() in email.body
    # Signed a moment after the email: the same link, though the second may differ.
    stop, _when, _signature = following.stop_url(other, followed).rsplit(":", 2)
    assert f"{stop}:" in email.body


def test_an_acceptance_undone_before_the_email_goes_sends_nothing(followed, asker, other, settings):
    settings.QUESTIONS_NOTICE_DELAY_SECONDS = 600
    reply = factories.answer(followed, other)
    threads.accept(followed, reply, asker)
    threads.accept(followed, None, asker)

    assert notify.send_due(now=_later()) == 0
    assert mail.outbox == []


def test_a_follower_is_emailed_and_one_who_unfollowed_is_not(
    followed, asker, other, as_member, committed, client
):
    keen, lapsed = make_member(), make_member()
    as_member(keen).post(reverse("questions:follow", kwargs={"pk": followed.pk}))
    as_member(lapsed).post(reverse("questions:follow", kwargs={"pk": followed.pk}))
    client.logout()
    response = as_member(lapsed).post(reverse("questions:unfollow", kwargs={"pk": followed.pk}))
    assert response.status_code == HTTPStatus.FOUND

    with committed():
        threads.answer(followed, other, "We did.")

    recipients = sorted(email.to[0] for email in mail.outbox)
    assert recipients == sorted([asker.user.email, keen.user.email])
    assert "a question you follow" in next(e for e in mail.outbox if e.to == [keen.user.email]).body


def test_the_question_page_offers_to_follow_and_then_to_stop(followed, other, as_member):
    client = as_member(other)
    page = client.get(followed.get_absolute_url()).content.decode()
    assert "Follow: email me new answers" in page

    client.post(reverse("questions:follow", kwargs={"pk": followed.pk}))

    page = client.get(followed.get_absolute_url()).content.decode()
    assert "Stop following" in page and "Follow: email me new answers" not in page


def test_a_stranger_cannot_follow_and_a_withdrawn_question_cannot_be_followed(
    followed, asker, other, as_member, client
):
    url = reverse("questions:follow", kwargs={"pk": followed.pk})
    assert client.post(url).status_code == HTTPStatus.FOUND  # sent to sign in
    threads.withdraw_question(followed, asker)

    assert as_member(other).post(url).status_code == HTTPStatus.NOT_FOUND
    assert not following.is_following(other, followed)


def _suspended(profile, question):
    suspend(profile)


def _unconfirmed(profile, question):
    profile.user.emailaddress_set.update(verified=False)


def _withdrawn(profile, question):
    threads.withdraw_question(question, question.asker)


@pytest.mark.parametrize("lose_access", [_suspended, _unconfirmed, _withdrawn])
def test_no_email_reaches_someone_who_may_no_longer_read_the_question(
    followed, asker, other, lose_access, settings
):
    settings.QUESTIONS_NOTICE_DELAY_SECONDS = 600
    follower = make_member()
    following.follow(followed, follower)
    threads.answer(followed, other, "We did.")
    lose_access(follower, followed)
    if lose_access is _withdrawn:
        follower = asker  # the asker may still read their withdrawn question: no email either

    notify.send_due(now=_later())

    assert follower.user.email not in [email.to[0] for email in mail.outbox]
    assert not Notice.objects.exists()


def test_a_public_questions_follower_who_was_suspended_gets_nothing(asker, other, settings):
    question = factories.question(asker, audience=Audience.PUBLIC)
    following.follow_as_asker(question, asker)
    suspend(asker)
    threads.answer(question, other, "We did.")

    notify.send_due(now=_later())

    assert mail.outbox == []


def test_a_withdrawn_answer_is_left_out_of_the_email(followed, other, settings):
    settings.QUESTIONS_NOTICE_DELAY_SECONDS = 600
    kept = threads.answer(followed, other, "Kept words.")
    gone = threads.answer(followed, factories.trusted_member(), "Withdrawn words.")
    threads.withdraw_answer(gone, gone.author)

    notify.send_due(now=_later())

    [email] = mail.outbox
    assert "Kept words." in email.body and "Withdrawn words." not in email.body
    assert kept.get_absolute_url() in email.body
