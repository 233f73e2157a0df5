"""The speaker and contact pickers in the page editor offer listed profiles only, and keep
a link made before its profile was withdrawn."""

from http import HTTPStatus

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

import pytest

from casestudies.factories import as_lines, case_study_record, seminar_record
from casestudies.importexport.importer import import_lines
from casestudies.models import CaseStudyContact, CaseStudyPage, SeminarPage, SeminarSpeaker
from members.models import Profile, Visibility
from taxonomy.models import Organisation, OrganisationType

pytestmark = pytest.mark.django_db

# (page model, the relation the picker lives in, the row model, a record factory)
PICKERS = {
    "seminar speaker": (SeminarPage, "speakers", SeminarSpeaker, seminar_record),
    "case study contact": (CaseStudyPage, "contacts", CaseStudyContact, case_study_record),
}


@pytest.fixture
def people(make_member):
    suspended = make_member(display_name="Sid Suspended", suspended_at=timezone.now())
    suspended.user.is_active = False
    suspended.user.save()
    return {
        "public": make_member(display_name="Pat Public"),
        "members-only": make_member(display_name="Mo Membersonly", visibility=Visibility.MEMBERS),
        "hidden": make_member(display_name="Hal Hidden", visibility=Visibility.HIDDEN),
        "suspended": suspended,
        "unconfirmed": make_member(display_name="Una Unconfirmed", confirmed=False),
    }


def _page(picker, **row):
    page_model, _relation, row_model, record = PICKERS[picker]
    report = import_lines(as_lines(record(slug="picked")))
    assert not report.rejections, [str(r) for r in report.rejections]
    page = page_model.objects.get(slug="picked")
    if row:
        fields = {"name": "A speaker"} if row_model is SeminarSpeaker else {"role": "Author"}
        row_model.objects.create(page=page, **fields, **row)
    return page


def _row_form_class(picker):
    page_model, relation, _row_model, _record = PICKERS[picker]
    page_form = page_model.get_edit_handler().get_form_class()
    return page_form.formsets[relation].form


def _offered(form) -> set[str]:
    return {str(profile) for profile in form["member"].field.queryset}


@pytest.mark.parametrize("picker", PICKERS)
def test_a_new_row_offers_only_listed_profiles(picker, people):
    form = _row_form_class(picker)()

    assert _offered(form) == {"Pat Public", "Mo Membersonly"}


@pytest.mark.parametrize("picker", PICKERS)
@pytest.mark.parametrize("withdrawn", ["hidden", "suspended", "unconfirmed"])
def test_a_new_row_refuses_a_withdrawn_profile(picker, withdrawn, people):
    form = _row_form_class(picker)(data={"name": "Someone", "member": people[withdrawn].pk})

    assert not form.is_valid()
    assert "member" in form.errors


@pytest.mark.parametrize("picker", PICKERS)
def test_a_row_linked_before_the_profile_was_hidden_stays_valid(picker, people):
    hidden = people["hidden"]
    page = _page(picker, member=hidden)
    row = getattr(page, PICKERS[picker][1]).get(member=hidden)
    data = {"name": "A speaker", "role": "Author", "member": hidden.pk}

    form = _row_form_class(picker)(instance=row, data=data)

    assert form.is_valid(), form.errors
    assert _offered(form) == {"Pat Public", "Mo Membersonly", "Hal Hidden"}


@pytest.fixture
def editor_client(client):
    editor = get_user_model().objects.create_superuser("picker-editor", "pe@example.org", "pw")
    client.force_login(editor)
    return client


def _chooser(client, **params) -> str:
    response = client.get(reverse("member_profile_chooser:choose"), params)
    assert response.status_code == HTTPStatus.OK
    return response.json()["html"]


@pytest.mark.parametrize("picker", PICKERS)
def test_the_page_editor_offers_a_profile_chooser_not_a_list_of_everyone(
    picker, people, editor_client
):
    page = _page(picker)

    response = editor_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))

    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert reverse("member_profile_chooser:choose") in html
    for profile in people.values():
        assert profile.display_name not in html


def test_the_profile_chooser_lists_only_listed_profiles_with_their_organisation(
    people, editor_client
):
    organisation = Organisation.objects.create(
        name="Riverside Community Trust", organisation_type=OrganisationType.objects.first()
    )
    Profile.objects.filter(pk=people["public"].pk).update(organisation=organisation)

    html = _chooser(editor_client)

    assert "Pat Public" in html
    assert "Mo Membersonly" in html
    assert "Riverside Community Trust" in html
    for name in ("Hal Hidden", "Sid Suspended", "Una Unconfirmed"):
        assert name not in html


@pytest.mark.parametrize(("query", "found"), [("pat", "Pat Public"), ("riverside", "Pat Public")])
def test_the_profile_chooser_searches_names_and_organisations(query, found, people, editor_client):
    Profile.objects.filter(pk=people["public"].pk).update(organisation_name="Riverside Trust")

    html = _chooser(editor_client, q=query)

    assert found in html
    assert "Mo Membersonly" not in html


def test_the_profile_chooser_finds_no_withdrawn_profile_by_name(people, editor_client):
    html = _chooser(editor_client, q="Hal Hidden")

    assert "there are no matches" in html
    assert reverse("member_profile_chooser:chosen", args=[people["hidden"].pk]) not in html
