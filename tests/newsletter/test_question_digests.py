"""New questions reach alert subscribers through the digests, on both search backends:
a public question as an item like any other (title, snippet, link); a members-only one
never, as digests search as a stranger would."""

import datetime

from django.core import mail
from django.utils import timezone

import pytest

from newsletter.digests import send_digests
from newsletter.models import Frequency
from questions.models import Audience
from tests.contributions.contributions_support import make_member
from tests.factories import questions as factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def asked(django_capture_on_commit_callbacks):
    """`asked(audience, title)`: a question asked and indexed, as the page leaves it."""
    asker = make_member()

    def _ask(audience, title):
        with django_capture_on_commit_callbacks(execute=True):
            return factories.question(
                asker, audience=audience, title=title, details="We tender **home care**."
            )

    return _ask


def test_a_digest_lists_a_new_public_question_and_never_a_members_only_one(
    backend, confirmed, asked, settings
):
    settings.SITE_BASE_URL = "https://svn.example"
    confirmed("reader@example.org", topics=["q=tender"])
    public = asked(Audience.PUBLIC, "Who weighted social value above 20%?")
    asked(Audience.MEMBERS, "Which provider failed our frank tender?")

    report = send_digests(Frequency.DAILY, now=timezone.now() + datetime.timedelta(hours=21))

    assert (report.sent, report.items) == (1, 1)
    [email] = mail.outbox
    expected = f"{public.title} (Question)\nWe tender home care.\nhttps://svn.example/questions/{public.pk}/"
    assert expected in email.body
    assert "frank tender" not in email.body
    assert "frank tender" not in email.alternatives[0].content
