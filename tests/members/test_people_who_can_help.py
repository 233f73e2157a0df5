"""The people who can help on a topic (`members.helpers`): members open to questions whom
the viewer may see, ranked by what they have shown, then by the terms they share with the
topic; at most five, in a fixed number of queries."""

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

import pytest

from casestudies.factories import as_lines, case_study_record, seminar_record
from casestudies.importexport.importer import import_lines
from casestudies.models import SeminarSpeaker
from members.helpers import LIMIT, people_who_can_help, topic
from members.models import Visibility
from taxonomy.models import Region, Stage, Theme
from tests.factories import questions as factories

pytestmark = pytest.mark.django_db

GOVERNANCE = topic({"theme": ["governance"], "stage": "procurement", "region": "london"})
ANONYMOUS = AnonymousUser()


def _open(make_member, themes=(), stages=(), **fields):
    fields.setdefault("open_to_questions", True)
    profile = make_member(**fields)
    profile.themes.set(Theme.objects.filter(slug__in=themes))
    profile.stages.set(Stage.objects.filter(slug__in=stages))
    return profile


def _names(people) -> list[str]:
    return [person.profile.display_name for person in people]


def _accepted_answer_by(profile, asker):
    question = factories.question(asker)
    question.accepted_answer = factories.answer(question, profile)
    question.save()


def test_a_member_with_an_accepted_answer_and_a_contribution_outranks_one_with_only_matching_themes(
    make_member,
):
    _open(make_member, themes=["governance"], stages=["procurement"], display_name="Ann Matching")
    shown = _open(make_member, display_name="Zed Shown", region=Region.objects.get(slug="london"))
    record = case_study_record(contributor=shown.slug, contributed=True)
    assert not import_lines(as_lines(record)).rejections
    _accepted_answer_by(shown, make_member())

    people = people_who_can_help(GOVERNANCE, ANONYMOUS)

    assert _names(people) == ["Zed Shown", "Ann Matching"]
    assert people[0].shown == ["1 case study contributed", "1 accepted answer"]
    assert people[1].shown == []


def test_seminars_spoken_at_count_and_then_shared_terms_break_ties(make_member):
    one_term = _open(make_member, themes=["governance"], display_name="Amy One")
    _open(make_member, themes=["governance"], stages=["procurement"], display_name="Bo Two")
    speaker = _open(make_member, themes=["governance"], display_name="Cy Speaker")
    assert not import_lines(as_lines(seminar_record(slug="talks"))).rejections
    SeminarSpeaker.objects.filter(page__slug="talks").update(member=speaker)

    people = people_who_can_help(GOVERNANCE, ANONYMOUS)

    assert _names(people) == ["Cy Speaker", "Bo Two", one_term.display_name]
    assert people[0].shown == ["spoke at 1 seminar"]


def test_a_members_only_profile_is_offered_to_members_and_never_to_an_anonymous_viewer(
    make_member,
):
    _open(make_member, themes=["governance"], visibility=Visibility.MEMBERS, display_name="Mo")
    viewer = make_member()

    assert people_who_can_help(GOVERNANCE, ANONYMOUS) == []
    assert _names(people_who_can_help(GOVERNANCE, viewer.user)) == ["Mo"]


@pytest.mark.parametrize(
    "fields",
    [
        {"open_to_questions": False},
        {"accepts_messages": False},
        {"visibility": Visibility.HIDDEN},
        {"suspended_at": timezone.now()},
        {"confirmed": False},
    ],
    ids=["not-open", "no-messages", "hidden", "suspended", "unconfirmed"],
)
def test_members_who_are_not_open_or_not_listed_are_never_offered(make_member, fields):
    _open(make_member, themes=["governance"], **fields)
    viewer = make_member(staff=True)

    assert people_who_can_help(GOVERNANCE, viewer.user) == []


def test_members_who_share_no_term_with_the_topic_and_topics_without_terms_offer_nobody(
    make_member,
):
    _open(make_member, themes=["relationships"])
    _open(make_member, themes=["governance"])

    assert len(people_who_can_help(GOVERNANCE, ANONYMOUS)) == 1
    assert people_who_can_help(topic({"theme": "leadership"}), ANONYMOUS) == []
    assert people_who_can_help(topic({"kind": "member"}), ANONYMOUS) == []


def test_the_viewer_and_the_profiles_left_out_are_never_offered(make_member):
    viewer = _open(make_member, themes=["governance"])
    asker = _open(make_member, themes=["governance"])

    assert people_who_can_help(GOVERNANCE, viewer.user, exclude=[asker.pk]) == []


def test_at_most_five_are_offered_in_a_fixed_number_of_queries(
    make_member, django_assert_max_num_queries
):
    asker = make_member()
    for _ in range(LIMIT + 3):
        _accepted_answer_by(_open(make_member, themes=["governance"]), asker)
    viewer = make_member()

    # The viewer's address, the candidates, one count per kind (with Wagtail's view
    # restrictions for pages), the five: none of them per member.
    with django_assert_max_num_queries(10):
        people = people_who_can_help(GOVERNANCE, viewer.user)

    assert len(people) == LIMIT
    assert all(person.shown == ["1 accepted answer"] for person in people)
