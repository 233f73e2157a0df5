"""Contact between members: by email, addresses kept private, limited per day."""

from http import HTTPStatus

from django.core import mail
from django.urls import reverse

import pytest

from members.models import ContactMessage, Visibility

pytestmark = pytest.mark.django_db


def _contact_url(profile):
    return reverse("members:contact", args=[profile.slug])


@pytest.fixture
def sender(make_member):
    return make_member(display_name="Jo Sender")


@pytest.fixture
def recipient(make_member):
    return make_member(display_name="Kim Recipient", visibility=Visibility.MEMBERS)


def test_the_recipient_gets_the_message_with_a_profile_link_but_no_address(
    sender, recipient, signed_in
):
    response = signed_in(sender).post(_contact_url(recipient), {"body": "Can we talk?"})

    assert response.status_code == HTTPStatus.FOUND
    [email] = mail.outbox
    assert email.to == [recipient.user.email]
    assert "Jo Sender" in email.subject
    assert "Can we talk?" in email.body
    assert f"http://127.0.0.1:8000{sender.get_absolute_url()}" in email.body
    assert sender.user.email not in email.body
    assert email.reply_to == []
    assert ContactMessage.objects.get().recipient == recipient.user


def test_ticking_share_my_email_adds_the_senders_address(sender, recipient, signed_in):
    signed_in(sender).post(_contact_url(recipient), {"body": "Hello", "share_email": "on"})

    [email] = mail.outbox
    assert email.reply_to == [sender.user.email]
    assert sender.user.email in email.body


def test_the_contact_page_never_shows_the_recipients_address(sender, recipient, signed_in):
    html = signed_in(sender).get(_contact_url(recipient)).content.decode()

    assert recipient.user.email not in html
    assert "Send Kim Recipient a message" in html


def test_messages_are_limited_per_sender_per_day(sender, recipient, signed_in, settings):
    settings.MEMBERS_CONTACT_DAILY_LIMIT = 2
    client = signed_in(sender)
    for number in range(2):
        client.post(_contact_url(recipient), {"body": f"Message {number}"})

    response = client.post(_contact_url(recipient), {"body": "One too many"})

    assert response.status_code == HTTPStatus.OK
    assert "up to 2 messages a day" in response.content.decode()
    assert len(mail.outbox) == 2


def test_a_member_who_switched_messages_off_cannot_be_contacted(sender, make_member, signed_in):
    quiet = make_member(accepts_messages=False)
    client = signed_in(sender)

    client.post(_contact_url(quiet), {"body": "Hello"})

    assert mail.outbox == []
    assert "Send" not in client.get(quiet.get_absolute_url()).content.decode().split("<main")[1]


def test_an_unconfirmed_account_cannot_send_a_message(make_member, recipient, signed_in):
    unconfirmed = make_member(confirmed=False)

    response = signed_in(unconfirmed).post(_contact_url(recipient), {"body": "Hello"})

    assert response.status_code == HTTPStatus.OK
    assert not ContactMessage.objects.exists()
    # The only email is allauth's new confirmation link to the unconfirmed account.
    assert [m.to for m in mail.outbox] == [[unconfirmed.user.email]]


def test_anonymous_visitors_are_sent_to_sign_in(client, recipient):
    response = client.post(_contact_url(recipient), {"body": "Hello"})

    assert response.status_code == HTTPStatus.FOUND
    assert response.url.startswith(reverse("account_login"))
    assert mail.outbox == []


def test_a_hidden_member_cannot_be_contacted(sender, make_member, signed_in):
    hidden = make_member(visibility=Visibility.HIDDEN)

    response = signed_in(sender).post(_contact_url(hidden), {"body": "Hello"})

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert mail.outbox == []
