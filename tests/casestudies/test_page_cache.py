"""Anonymous visitors share cached reading pages; any change that could show on a page
forgets them, and a signed-in member's page is never cached nor served from the cache.

A title changed straight in the database (no signal) shows whether a page came from the
cache: the cached copy still has the old title."""

from http import HTTPStatus

from django.conf import settings

from wagtail.models import PageViewRestriction

import pytest

from casestudies.factories import case_study_record
from casestudies.models import CaseStudyContact, CaseStudyPage
from taxonomy.models import Region
from tests.factories.members import ProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def case_study(import_records):
    import_records(case_study_record(slug="cached", title="The first title"))
    return CaseStudyPage.objects.get(slug="cached")


def _text(client, page):
    response = client.get(page.url)
    assert response.status_code == HTTPStatus.OK
    return response.content.decode()


def _retitle_quietly(page, title):
    CaseStudyPage.objects.filter(pk=page.pk).update(title=title)


def test_an_anonymous_visitor_is_served_the_cached_copy(client, case_study):
    assert "The first title" in _text(client, case_study)
    _retitle_quietly(case_study, "A quiet change")

    assert "The first title" in _text(client, case_study)


def test_the_cached_copy_carries_the_headers_every_page_has(client, case_study):
    built = client.get(case_study.url)
    copy = client.get(case_study.url)

    for header in ("Content-Security-Policy", "X-Frame-Options", "Content-Type"):
        assert copy[header] == built[header]
    assert "Cookie" in copy["Vary"]


def test_a_new_view_restriction_forgets_the_cached_copies(client, case_study):
    _text(client, case_study)
    PageViewRestriction.objects.create(page=case_study, restriction_type=PageViewRestriction.LOGIN)

    assert client.get(case_study.url).status_code == HTTPStatus.FOUND


def test_publishing_a_page_forgets_the_cached_copies(client, case_study):
    _text(client, case_study)
    case_study.title = "The published title"
    case_study.save_revision().publish()

    assert "The published title" in _text(client, case_study)


def test_unpublishing_forgets_the_cached_copies(client, case_study):
    _text(client, case_study)
    case_study.unpublish()

    assert client.get(case_study.url).status_code == HTTPStatus.NOT_FOUND


def test_a_profile_change_forgets_the_cached_copies(client, case_study):
    member = ProfileFactory(display_name="Asha Before")
    CaseStudyContact.objects.create(page=case_study, member=member)
    assert "Asha Before" in _text(client, case_study)

    member.display_name = "Asha After"
    member.save()

    assert "Asha After" in _text(client, case_study)


def test_a_taxonomy_change_forgets_the_cached_copies(client, case_study):
    _text(client, case_study)
    region = Region.objects.get(slug="london")
    region.name = "Greater London"
    region.save()

    assert "Greater London" in _text(client, case_study)


def test_a_signed_in_members_page_is_never_cached(client, case_study):
    member = ProfileFactory()
    client.force_login(member.user)
    assert "Sign out" in _text(client, case_study)
    client.logout()
    _retitle_quietly(case_study, "Changed after the visit of a member")

    text = _text(client, case_study)
    assert "Changed after the visit of a member" in text
    assert "Sign out" not in text


def test_a_signed_in_member_is_never_served_the_anonymous_copy(client, case_study):
    assert "Sign in" in _text(client, case_study)
    _retitle_quietly(case_study, "Seen by the member")
    client.force_login(ProfileFactory().user)

    text = _text(client, case_study)
    assert "Seen by the member" in text
    assert "Sign out" in text


def test_a_visitor_with_a_session_is_neither_served_nor_stored(client, case_study):
    _text(client, case_study)
    _retitle_quietly(case_study, "Seen with a session")
    client.cookies[settings.SESSION_COOKIE_NAME] = "a-session"

    assert "Seen with a session" in _text(client, case_study)


def test_the_page_cache_can_be_turned_off(client, case_study, settings):
    settings.PAGE_CACHE_SECONDS = 0
    _text(client, case_study)
    _retitle_quietly(case_study, "No cache at all")

    assert "No cache at all" in _text(client, case_study)


def test_a_visitor_holding_the_cached_copy_gets_not_modified(client, case_study):
    client.get(case_study.url)
    etag = client.get(case_study.url)["ETag"]

    assert client.get(case_study.url, headers={"if-none-match": etag}).status_code == (
        HTTPStatus.NOT_MODIFIED
    )
    case_study.title = "A newer title"
    case_study.save_revision().publish()
    assert client.get(case_study.url, headers={"if-none-match": etag}).status_code == (
        HTTPStatus.OK
    )


def test_a_signed_in_member_never_gets_not_modified(client, case_study):
    client.get(case_study.url)
    etag = client.get(case_study.url)["ETag"]
    client.force_login(ProfileFactory().user)

    response = client.get(case_study.url, headers={"if-none-match": etag})
    assert response.status_code == HTTPStatus.OK
    assert "Sign out" in response.content.decode()
