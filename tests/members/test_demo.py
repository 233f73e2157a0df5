"""seed_demo adds demo members once, across roles, sectors, regions and visibilities."""

from io import StringIO

from django.core.management import call_command

import pytest

from casestudies.models import CaseStudyPage, SeminarSpeaker
from members.models import Profile, Visibility

pytestmark = pytest.mark.django_db


def _seed():
    call_command("seed_demo", stdout=StringIO())


def test_seed_demo_adds_a_dozen_varied_linked_members_once(settings):
    settings.ELASTICSEARCH_URL = ""  # this is about members; search has its own seed tests
    _seed()
    linked = SeminarSpeaker.objects.filter(member__isnull=False, page__live=True).count()
    _seed()

    members = Profile.objects.filter(user__email__endswith="@example.org")
    assert members.count() == 12
    assert set(members.values_list("visibility", flat=True)) == set(Visibility.values)
    assert members.values("role").distinct().count() >= 6
    assert members.values("sector").distinct().count() == 3
    assert members.values("region").distinct().count() >= 9
    assert all(member.is_listed == (member.visibility != "hidden") for member in members)
    assert linked >= 5
    assert SeminarSpeaker.objects.filter(member__isnull=False, page__live=True).count() == linked
    page = CaseStudyPage.objects.get(slug="northmoor-construction-apprenticeships")
    assert [c.member.display_name for c in page.contacts.all()] == ["Colin Fraser"]
