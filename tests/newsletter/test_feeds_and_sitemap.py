"""The Atom feed of a search and the sitemap show public content only: never drafts,
withdrawn pages, pages behind a view restriction, or members-only and hidden profiles."""

from http import HTTPStatus

from wagtail.models import PageViewRestriction

import pytest
from bs4 import BeautifulSoup

from casestudies.factories import case_study_record
from casestudies.models import CaseStudyPage
from members.models import Visibility
from tests.factories.members import PASSWORD, ProfileFactory

pytestmark = [
    pytest.mark.django_db,
    # Atom is read with the HTML parser: the standard library's XML parser is not for
    # untrusted input, and the CSS selectors are enough here.
    pytest.mark.filterwarnings("ignore::bs4.XMLParsedAsHTMLWarning"),
]


@pytest.fixture
def mixed_content(publish, django_capture_on_commit_callbacks):
    """One of everything that must stay out, beside what may be shown."""
    publish(
        case_study_record(slug="shown", title="Shown case"),
        case_study_record(slug="draft", title="Draft case", published=False),
        case_study_record(slug="withdrawn", title="Withdrawn case"),
        case_study_record(slug="restricted", title="Restricted case"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        CaseStudyPage.objects.get(slug="withdrawn").unpublish()
        PageViewRestriction.objects.create(
            page=CaseStudyPage.objects.get(slug="restricted"),
            restriction_type=PageViewRestriction.LOGIN,
        )
        ProfileFactory(display_name="Public Person", slug="public-person")
        ProfileFactory(
            display_name="Members Person", slug="members-person", visibility=Visibility.MEMBERS
        )
        ProfileFactory(
            display_name="Hidden Person", slug="hidden-person", visibility=Visibility.HIDDEN
        )


@pytest.fixture
def member_client(client):
    """A signed-in member: feeds are public whoever asks."""
    profile = ProfileFactory()
    client.login(username=profile.user.username, password=PASSWORD)
    return client


def feed_titles(client, query="") -> list[str]:
    response = client.get(f"/search/feed/{query}")
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = BeautifulSoup(response.content, "html.parser")
    return [title.get_text() for title in feed.select("entry > title")]


def test_the_feed_shows_public_content_newest_first(backend, client, publish):
    publish(case_study_record(title="First"))
    publish(case_study_record(title="Second"))

    assert feed_titles(client)[:2] == ["Second", "First"]


def test_the_feed_never_shows_drafts_withdrawn_or_private_content(
    backend, mixed_content, member_client
):
    everything = feed_titles(member_client)
    members = feed_titles(member_client, "?kind=member")

    assert "Shown case" in everything
    assert not {"Draft case", "Withdrawn case", "Restricted case"} & set(everything)
    assert members == ["Public Person"]


def test_the_feed_takes_the_search_pages_parameters_and_answers_bad_numbers_clearly(
    client, settings
):
    settings.ELASTICSEARCH_URL = ""

    assert client.get("/search/feed/?theme=nope&q=%00").status_code == HTTPStatus.OK
    response = client.get("/search/feed/?page_size=abc")
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "page_size must be a whole number" in response.content.decode()


def test_the_sitemap_lists_public_pages_and_public_profiles_only(client, mixed_content):
    response = client.get("/sitemap.xml")

    assert response.status_code == HTTPStatus.OK
    body = response.content.decode()
    assert "/case-studies/shown/" in body
    assert "/members/public-person/" in body
    for hidden in ("draft", "withdrawn", "restricted", "members-person", "hidden-person"):
        assert f"/{hidden}/" not in body


def test_every_sitemap_address_is_on_the_sites_address_not_the_wagtail_hostname(
    client, mixed_content, settings
):
    settings.SITE_BASE_URL = "https://socialvalue.example.org"
    response = client.get("/sitemap.xml", HTTP_HOST="localhost")

    locations = [loc.get_text() for loc in BeautifulSoup(response.content, "html.parser")("loc")]
    assert "https://socialvalue.example.org/case-studies/shown/" in locations
    assert "https://socialvalue.example.org/members/public-person/" in locations
    assert all(loc.startswith("https://socialvalue.example.org/") for loc in locations)


def test_robots_txt_points_at_the_sitemap_on_the_sites_address(client, settings):
    settings.SITE_BASE_URL = "https://socialvalue.example.org"
    response = client.get("/robots.txt")

    assert response.status_code == HTTPStatus.OK
    assert "Sitemap: https://socialvalue.example.org/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()
