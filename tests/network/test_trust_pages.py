"""The site's own pages (about, contact, privacy, accessibility): made by seed_demo,
linked from the footer by their purpose, and the privacy notice beside every form that
asks for personal data; the favicon and the social preview image."""

from http import HTTPStatus
from io import StringIO

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.urls import reverse

import pytest

from casestudies.site_tree import ensure_site_tree
from network.home.models import Purpose, StandardPage
from network.home.trust_pages import ensure_trust_pages
from tests.factories.members import ProfileFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def trust_pages():
    ensure_trust_pages(ensure_site_tree().home)
    return {page.purpose: page for page in StandardPage.objects.all()}


def test_seed_demo_creates_each_trust_page_once_and_leaves_edits_alone():
    call_command("seed_demo", stdout=StringIO())
    privacy = StandardPage.objects.get(purpose=Purpose.PRIVACY)
    privacy.title = "How we handle your data"
    privacy.save_revision().publish()

    call_command("seed_demo", stdout=StringIO())

    assert sorted(StandardPage.objects.values_list("purpose", flat=True)) == sorted(Purpose.values)
    assert StandardPage.objects.get(purpose=Purpose.PRIVACY).title == "How we handle your data"
    assert all(page.live for page in StandardPage.objects.all())


def test_the_privacy_notice_states_the_real_retention_and_the_rights(client, trust_pages):
    response = client.get(trust_pages[Purpose.PRIVACY].url)
    text = response.content.decode()

    assert response.status_code == HTTPStatus.OK
    assert f"{settings.MEMBERS_MESSAGE_RETENTION_DAYS} days" in text
    assert f"Search records: {settings.SEARCH_INSIGHTS_RETENTION_DAYS} days" in text
    for words in (
        "UK GDPR",
        "Information Commissioner",
        'id="cookies"',
        "csrftoken",
        "Last updated",
    ):
        assert words in text


def test_the_accessibility_statement_follows_the_gov_uk_model(client, trust_pages):
    text = client.get(trust_pages[Purpose.ACCESSIBILITY].url).content.decode()

    for words in (
        "Compliance status",
        "WCAG 2.2",
        "partially compliant",
        "Reporting accessibility problems",
        "Enforcement procedure",
        "Equality and Human Rights Commission",
        "Equality Commission for\nNorthern Ireland",
    ):
        assert words in text


def test_the_footer_links_each_page_by_its_purpose_whatever_its_title(client, trust_pages):
    about = trust_pages[Purpose.ABOUT]
    about.title = "Who we are"
    about.save_revision().publish()

    footer = client.get("/").content.decode().split('<footer class="site-footer">')[1]

    assert f'href="{about.url}">About<' in footer
    for purpose in (Purpose.CONTACT, Purpose.PRIVACY, Purpose.ACCESSIBILITY):
        assert f'href="{trust_pages[purpose].url}"' in footer
    assert f'href="{trust_pages[Purpose.PRIVACY].url}#cookies">Cookies<' in footer


def test_an_unpublished_trust_page_leaves_the_footer(client, trust_pages):
    trust_pages[Purpose.CONTACT].unpublish()

    footer = client.get("/").content.decode().split('<footer class="site-footer">')[1]

    assert trust_pages[Purpose.CONTACT].url not in footer


def _signed_in(client):
    user = UserFactory(confirmed=True)
    ProfileFactory(user=user)
    client.force_login(user)
    return client, user


@pytest.mark.parametrize(
    ("url", "needs_member"),
    [
        (reverse("account_signup"), False),
        (reverse("newsletter:index"), False),
        (reverse("newsletter:subscribe") + "?q=housing", False),
        (reverse("members:edit"), True),
        (reverse("contribute:new"), True),
    ],
)
def test_a_privacy_link_sits_beside_every_form_asking_for_personal_data(
    client, trust_pages, url, needs_member
):
    if needs_member:
        client, _user = _signed_in(client)

    text = client.get(url).content.decode()

    assert 'class="privacy-link' in text
    assert f'<a href="{trust_pages[Purpose.PRIVACY].url}">how we use' in text


def test_the_contact_form_has_a_privacy_link(client, trust_pages):
    client, _user = _signed_in(client)
    recipient = ProfileFactory(user=UserFactory(confirmed=True), accepts_messages=True)

    text = client.get(reverse("members:contact", args=[recipient.slug])).content.decode()

    assert f'<a href="{trust_pages[Purpose.PRIVACY].url}">how we use your message' in text


def test_the_favicon_and_the_social_preview_image_are_served_and_announced(client):
    for name in ("favicon.svg", "favicon.ico", "favicon-32.png", "social-preview.png"):
        assert finders.find(name), name
    page = client.get("/glossary/").content.decode()

    assert 'rel="icon" href="/static/favicon.svg" type="image/svg+xml"' in page
    assert (
        f'<meta property="og:image" content="{settings.SITE_BASE_URL}/static/social-preview.png">'
        in page
    )
    assert '<meta name="twitter:card" content="summary_large_image">' in page
    response = client.get("/favicon.ico")
    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"] == "/static/favicon.ico"
