"""Digests: one email a person per run combining every topic, only what is new to them,
nothing when nothing is new, never an item twice (even across a crash), members only for
topics that ask, and "immediately" alerts sent after a publish."""

import datetime
import io

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from wagtail.models import Site

import pytest

from casestudies.factories import as_lines, case_study_record
from casestudies.importexport.importer import import_lines
from members.visibility import Visibility
from newsletter.digests import send_digests
from newsletter.models import Delivery, Frequency, Subscription
from tests.factories.members import ProfileFactory

from .failing_backend import FailingBackend

pytestmark = pytest.mark.django_db
LATER = datetime.timedelta(hours=21)


def daily(now=None):
    return send_digests(Frequency.DAILY, now=(now or timezone.now()) + LATER)


def test_a_digest_lists_what_was_published_since_with_title_summary_and_link(
    backend, confirmed, publish, settings
):
    settings.SITE_BASE_URL = "https://svn.example"
    confirmed("reader@example.org", topics=["theme=governance"])
    publish(
        case_study_record(title="Shared governance", themes=["governance"], summary="Boards."),
        case_study_record(title="Other things", themes=["leadership"]),
    )

    report = daily()

    assert (report.sent, report.items) == (1, 1)
    email = mail.outbox[0]
    assert email.to == ["reader@example.org"]
    assert email.from_email == "Social Value Network <hello@localhost>"
    assert email.subject == "New from Social Value Network: Shared governance"
    assert "== Theme: Governance ==" in email.body
    assert (
        "Shared governance (Case study; Strength of evidence: Not yet assessed)\nBoards.\n"
        "https://svn.example/"
    ) in email.body
    assert "Other things" not in email.body
    html, kind = email.alternatives[0]
    assert kind == "text/html" and '<html lang="en-GB">' in html and "Shared governance" in html
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_digests_subject_speaks_in_the_name_the_editors_gave_the_site(
    backend, confirmed, publish
):
    Site.objects.filter(is_default_site=True).update(site_name="Quince Commissioners")
    confirmed("reader@example.org", topics=["theme=governance"])
    publish(case_study_record(title="Shared governance", themes=["governance"]))

    daily()

    assert mail.outbox[0].subject == "New from Quince Commissioners: Shared governance"


def test_nothing_is_sent_when_nothing_is_new(confirmed, publish, settings):
    settings.ELASTICSEARCH_URL = ""
    publish(case_study_record(title="Old news"))
    subscriber = confirmed(topics=[""])
    # The person subscribed two hours after it was published.
    later = timezone.now() + datetime.timedelta(hours=2)
    Subscription.objects.filter(subscriber=subscriber).update(confirmed_at=later, last_run_at=later)

    report = daily(later)

    assert report.sent == 0 and report.subscribers == 1
    assert mail.outbox == []


def test_one_email_combines_every_topic_and_shows_an_item_once(confirmed, publish, settings):
    settings.ELASTICSEARCH_URL = ""
    confirmed(topics=["", "region=london", "theme=governance"])
    publish(
        case_study_record(title="In London", region="london", themes=["relationships"]),
        case_study_record(title="Governance up north", region="north-east", themes=["governance"]),
    )

    daily()

    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert mail.outbox[0].subject == "2 new from Social Value Network"
    assert body.count("In London (Case study; Strength of evidence: Not yet assessed)") == 1
    assert (
        body.count("Governance up north (Case study; Strength of evidence: Not yet assessed)") == 1
    )


def test_a_second_run_sends_nothing_again(confirmed, publish, settings):
    settings.ELASTICSEARCH_URL = ""
    confirmed(topics=[""])
    publish(case_study_record(title="Once only"))

    first = daily()
    second = daily(timezone.now() + datetime.timedelta(days=1))

    assert (first.sent, second.sent) == (1, 0)
    assert len(mail.outbox) == 1


def test_what_a_daily_digest_listed_is_left_out_of_the_same_persons_weekly_one(
    confirmed, publish, settings
):
    settings.ELASTICSEARCH_URL = ""
    reader = confirmed(topics=[""])
    reader.subscriptions.create(
        topic="kind=case_study", frequency=Frequency.WEEKLY, confirmed_at=timezone.now()
    )
    publish(case_study_record(title="Listed once"))
    publish(case_study_record(title="Listed once too"))
    daily()
    publish(case_study_record(title="Only in the weekly"))

    weekly = send_digests(Frequency.WEEKLY, now=timezone.now() + LATER)

    assert weekly.sent == 1 and weekly.items == 1
    assert "Only in the weekly" in mail.outbox[-1].body
    assert "Listed once" not in mail.outbox[-1].body


def test_a_daily_digest_is_not_sent_twice_in_one_day(confirmed, publish, settings):
    settings.ELASTICSEARCH_URL = ""
    confirmed(topics=[""])
    publish(case_study_record(title="Morning"))
    daily()
    publish(case_study_record(title="Afternoon"))

    again = daily(timezone.now() + datetime.timedelta(hours=1))

    assert again.subscribers == 0
    assert len(mail.outbox) == 1


def items_claimed() -> int:
    return sum(len(items) for items in Delivery.objects.values_list("items", flat=True))


def test_a_crash_midway_resends_nothing_and_a_rerun_resumes(confirmed, publish, settings):
    settings.ELASTICSEARCH_URL = ""
    people = [confirmed(f"p{n}@example.org", topics=[""]) for n in range(3)]
    publish(case_study_record(title="Important"))
    settings.EMAIL_BACKEND = "tests.newsletter.failing_backend.FailingBackend"
    FailingBackend.accept = 1

    with pytest.raises(ConnectionError):
        daily()
    assert items_claimed() == 1

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    rerun = daily()

    assert rerun.sent == 2
    assert sorted(email.to[0] for email in mail.outbox) == sorted(p.email for p in people)
    assert items_claimed() == 3


def test_member_profiles_come_only_to_topics_that_ask_for_members(
    confirmed, publish, settings, django_capture_on_commit_callbacks
):
    settings.ELASTICSEARCH_URL = ""
    confirmed("all@example.org", topics=[""])
    confirmed("people@example.org", topics=["kind=member"])
    with django_capture_on_commit_callbacks(execute=True):
        ProfileFactory(display_name="Asha Public")
    publish(case_study_record(title="A case"))

    daily()

    bodies = {email.to[0]: email.body for email in mail.outbox}
    assert "A case" in bodies["all@example.org"]
    assert "Asha Public" not in bodies["all@example.org"]
    assert "Asha Public (Member)" in bodies["people@example.org"]
    assert "A case" not in bodies["people@example.org"]


def test_a_profile_is_news_when_it_becomes_public_not_when_it_was_made(
    confirmed, settings, django_capture_on_commit_callbacks
):
    settings.ELASTICSEARCH_URL = ""
    confirmed("people@example.org", topics=["kind=member"])
    with django_capture_on_commit_callbacks(execute=True):
        profile = ProfileFactory(
            display_name="Ben Long Standing",
            visibility=Visibility.MEMBERS,
            created_at=timezone.now() - datetime.timedelta(days=90),
        )
    with django_capture_on_commit_callbacks(execute=True):
        profile.visibility = Visibility.PUBLIC
        profile.save()
    first_public = profile.first_public_at
    with django_capture_on_commit_callbacks(execute=True):
        profile.visibility = Visibility.MEMBERS
        profile.save()
        profile.visibility = Visibility.PUBLIC
        profile.save(update_fields=["visibility"])

    daily()

    assert "Ben Long Standing (Member)" in mail.outbox[0].body
    profile.refresh_from_db()
    assert profile.first_public_at == first_public


def test_unconfirmed_addresses_and_topics_get_nothing(subscribe, confirmed, publish, settings):
    settings.ELASTICSEARCH_URL = ""
    subscribe("waiting@example.org", topics=[""])
    confirmed("known@example.org", topics=["region=london"])
    subscribe("known@example.org", topics=[""])  # a new topic, not yet confirmed
    mail.outbox.clear()
    publish(case_study_record(title="Up north", region="north-east"))

    report = daily()

    assert report.sent == 0 and mail.outbox == []


def test_one_search_serves_every_subscriber_of_a_topic(confirmed, publish, settings):
    settings.ELASTICSEARCH_URL = ""
    for n in range(4):
        confirmed(f"p{n}@example.org", topics=["", "theme=governance"])
    publish(case_study_record(themes=["governance"]))

    report = daily()

    assert report.topics == 2
    assert report.sent == 4


def test_immediate_alerts_are_sent_after_a_publish(backend, confirmed, publish):
    confirmed("quick@example.org", topics=["theme=leadership"], frequency=Frequency.IMMEDIATELY)

    publish(case_study_record(title="Leading together", themes=["leadership"]))

    assert [email.to for email in mail.outbox] == [["quick@example.org"]]
    assert "Leading together" in mail.outbox[0].body


def test_a_bulk_import_sends_one_alert_listing_its_pages_once_they_are_searchable(
    transactional_db, es, confirmed
):
    confirmed("quick@example.org", topics=["theme=leadership"], frequency=Frequency.IMMEDIATELY)
    records = [case_study_record(title=f"Leading {n}", themes=["leadership"]) for n in range(3)]

    import_lines(as_lines(*records))

    assert [email.to for email in mail.outbox] == [["quick@example.org"]]
    assert all(f"Leading {n}" in mail.outbox[0].body for n in range(3))


def test_the_command_sends_the_due_digests_and_says_so(confirmed, publish, settings):
    settings.ELASTICSEARCH_URL = ""
    subscriber = confirmed(topics=[""], frequency=Frequency.WEEKLY)
    Subscription.objects.filter(subscriber=subscriber).update(
        last_run_at=timezone.now() - datetime.timedelta(days=7)
    )
    publish(case_study_record(title="This week"))
    out = io.StringIO()

    call_command("send_digests", "--frequency", "weekly", stdout=out)

    assert out.getvalue().strip() == (
        "Sent 1 weekly digest (1 item) to 1 due subscriber of 1 topic."
    )
    assert "This week" in mail.outbox[0].body


def test_the_plain_text_part_has_one_blank_line_between_items_and_sections(
    confirmed, publish, settings
):
    settings.ELASTICSEARCH_URL = ""
    settings.SITE_BASE_URL = "https://svn.example"
    confirmed(topics=["theme=governance", "region=london"])
    publish(
        case_study_record(title="First", themes=["governance"], summary="One.", slug="first"),
        case_study_record(title="Second", themes=["governance"], summary="Two.", slug="second"),
        case_study_record(title="Third", region="london", summary="Three.", slug="third"),
    )

    daily()

    body = mail.outbox[0].body
    assert body.split("\n-- \n")[0] == (
        "New from Social Value Network\n\n"
        "== Theme: Governance ==\n\n"
        "Second (Case study; Strength of evidence: Not yet assessed)\nTwo.\nhttps://svn.example/case-studies/second/\n\n"
        "First (Case study; Strength of evidence: Not yet assessed)\nOne.\nhttps://svn.example/case-studies/first/\n\n"
        "More on this topic: https://svn.example/search/?theme=governance\n\n"
        "== Region: London ==\n\n"
        "Third (Case study; Strength of evidence: Not yet assessed)\nThree.\nhttps://svn.example/case-studies/third/\n\n"
        "More on this topic: https://svn.example/search/?region=london\n"
    )


def test_a_line_too_long_for_rfc_5322_goes_quoted_printable_and_others_as_they_are(
    confirmed, publish, settings
):
    settings.ELASTICSEARCH_URL = ""
    confirmed("short@example.org", topics=["theme=governance"])
    confirmed("long@example.org", topics=["region=london"])
    publish(
        case_study_record(title="Brief", themes=["governance"], summary="Short."),
        case_study_record(title="Wordy", region="london", summary="Very long. " * 120),
    )

    daily()

    sent = {email.to[0]: email.message() for email in mail.outbox}
    short = [part["Content-Transfer-Encoding"] for part in sent["short@example.org"].walk()]
    long = [part["Content-Transfer-Encoding"] for part in sent["long@example.org"].walk()]
    assert short == [None, "7bit", "7bit"]
    assert long == [None, "quoted-printable", "quoted-printable"]
    raw = sent["long@example.org"].as_bytes()
    assert max(len(line) for line in raw.splitlines()) <= 998
    bodies = {email.to[0]: email.body for email in mail.outbox}
    assert "Very long. " * 119 in bodies["long@example.org"]  # the text itself is whole
