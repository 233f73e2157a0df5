"""The main pages are valid HTML by the Nu HTML Checker, signed out and signed in."""

from io import StringIO

from django.core.management import call_command

import pytest

from casestudies.models import CaseStudyPage, ContractNotice, SeminarPage
from members.models import Profile, Visibility
from tests.factories.members import PASSWORD, ProfileFactory
from tests.support import nu_validator

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "/",
    "/case-studies/",
    "/seminars/",
    "/search/",
    "/search/?q=co-operative+commissioning",
    "/search/?q=jobs&sector=public&stage=procurement&page=2",
    "/search/?q=zzzznothingmatches",
    "/members/",
    "/glossary/",
    "/evidence/",
    "/api/",
    "/data/",
    "/data/codebook/",
    "/newsletter/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/no-such-page/",
]
MEMBER_PAGES = ["/members/me/edit/", "/contribute/", "/members/me/contributions/"]


def test_the_main_pages_have_no_html_errors(
    client, settings, django_capture_on_commit_callbacks, tmp_path
):
    settings.ELASTICSEARCH_URL = ""  # the page is the same on either backend
    settings.OPEN_DATA_ROOT = tmp_path
    with django_capture_on_commit_callbacks(execute=True):  # index what it publishes
        call_command("seed_demo", stdout=StringIO())
    call_command("dump_open_data", stdout=StringIO())
    lambeth = CaseStudyPage.objects.live().get(slug="lambeth-co-operative-commissioning")
    ContractNotice.objects.create(page=lambeth, ocid="ocds-b5fd17-0a1b2c3d", url="")
    pages = [
        *PUBLIC_PAGES,
        lambeth.url,
        SeminarPage.objects.live().first().url,
        Profile.objects.filter(visibility=Visibility.PUBLIC).first().get_absolute_url(),
    ]
    documents = {path: client.get(path).content for path in pages}
    assert b' ping="http' in documents["/search/?q=co-operative+commissioning"]
    member = ProfileFactory()
    client.login(username=member.user.username, password=PASSWORD)
    documents.update({f"{path} (signed in)": client.get(path).content for path in MEMBER_PAGES})

    assert nu_validator.errors(documents) == []
