"""The profile page (Markdown bio, linked practice, the sign-in prompt) and the directory."""

from http import HTTPStatus

from django.urls import reverse

import pytest

from casestudies.factories import as_lines, case_study_record, seminar_record
from casestudies.importexport.importer import import_lines
from casestudies.models import CaseStudyContact, CaseStudyPage, SeminarPage
from members.models import Visibility
from taxonomy.models import Role

pytestmark = pytest.mark.django_db


def _import(*records):
    report = import_lines(as_lines(*records))
    assert not report.rejections, [str(r) for r in report.rejections]


def test_the_bio_is_rendered_by_the_sanitising_renderer(client, make_member):
    member = make_member(bio="**Bold** <script>alert(1)</script>")

    html = client.get(member.get_absolute_url()).content.decode()

    assert "<strong>Bold</strong>" in html
    assert "<script>alert(1)" not in html


def test_a_members_only_profile_asks_strangers_to_sign_in(client, make_member):
    member = make_member(visibility=Visibility.MEMBERS)

    response = client.get(member.get_absolute_url())

    assert response.status_code == HTTPStatus.FOUND
    assert response.url == f"{reverse('account_login')}?next={member.get_absolute_url()}"


def test_the_profile_lists_case_studies_and_seminars_and_the_pages_link_back(client, make_member):
    member = make_member()
    _import(case_study_record(slug="riverside"), seminar_record(slug="leeds-2013"))
    CaseStudyContact.objects.create(
        page=CaseStudyPage.objects.get(slug="riverside"), member=member, role="Author"
    )
    speaker = SeminarPage.objects.get(slug="leeds-2013").speakers.get()
    speaker.member = member
    speaker.save()

    html = client.get(member.get_absolute_url()).content.decode()
    assert "/riverside/" in html
    assert "/leeds-2013/" in html

    seminar_html = client.get(SeminarPage.objects.get(slug="leeds-2013").url).content.decode()
    assert member.get_absolute_url() in seminar_html


def test_a_speaker_whose_profile_is_hidden_is_named_without_a_link(client, make_member):
    member = make_member(visibility=Visibility.HIDDEN)
    _import(seminar_record(slug="hidden-speaker"))
    seminar = SeminarPage.objects.get(slug="hidden-speaker")
    seminar.speakers.update(member=member)

    html = client.get(seminar.url).content.decode()

    assert "Asha Patel" in html
    assert member.get_absolute_url() not in html


def test_the_owner_sees_who_can_see_their_profile(make_member, signed_in):
    member = make_member(visibility=Visibility.HIDDEN)

    html = signed_in(member).get(member.get_absolute_url()).content.decode()

    assert "This profile is hidden" in html


def test_an_unknown_slug_is_not_found_for_a_member(member, signed_in):
    response = signed_in(member).get("/members/nobody-here/")

    assert response.status_code == HTTPStatus.NOT_FOUND


def test_the_directory_offers_the_member_facets_role_first(
    client, make_member, settings, django_capture_on_commit_callbacks
):
    settings.ELASTICSEARCH_URL = ""
    with django_capture_on_commit_callbacks(execute=True):
        make_member(role=Role.objects.get(slug="provider"))

    response = client.get(reverse("members:directory"))

    names = [group["name"] for group in response.context["facet_groups"]]
    assert names[0] == "role"
    assert "kind" not in names and "year" not in names
