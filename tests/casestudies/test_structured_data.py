"""schema.org JSON-LD on case studies and seminars: each node has the properties its type
needs (a table below, from schema.org and the rich results search engines read), uses
only properties its type has, names nobody whose profile is not public, and is written so
that no text can end the script element."""

import json
import re

from django.conf import settings

import pytest
from bs4 import BeautifulSoup

from casestudies import structured_data
from casestudies.factories import case_study_record, seminar_record
from casestudies.models import SeminarSpeaker
from members.models import Visibility
from tests.factories.members import ProfileFactory, UserFactory

pytestmark = pytest.mark.django_db

# What each type must carry here: schema.org's expected properties, and those search
# engines require of articles, events and organisations.
REQUIRED = {
    "Article": {"headline", "url", "datePublished", "publisher"},
    "Event": {"name", "startDate", "location", "url"},
    "Organization": {"name"},
    "Place": {"name"},
    "Person": {"name"},
    "PropertyValue": {"propertyID", "value"},
    "CreativeWork": {"name"},
    "EventSeries": {"name"},
}
# A lesson (a CreativeWork): found at its own address, within its seminar's write-up.
LESSON_REQUIRED = {"@id", "name", "url", "isPartOf"}
# The properties schema.org defines for each type (its own and those it inherits from
# CreativeWork, Event, Organization or Thing), of those the pages may use.
THING = {"@id", "@type", "name", "description", "url", "identifier", "sameAs"}
CREATIVE_WORK = THING | {
    "headline", "datePublished", "dateModified", "author", "contributor", "publisher",
    "about", "citation", "isBasedOn", "license", "inLanguage", "hasPart", "isPartOf",
    "position", "genre",
}  # fmt: skip
ALLOWED = {
    "Article": CREATIVE_WORK,
    "CreativeWork": CREATIVE_WORK,
    "Event": THING | {"startDate", "location", "eventStatus", "performer", "superEvent"},
    "EventSeries": THING | {"startDate", "location"},
    "Organization": THING,
    "Place": THING,
    "Person": THING | {"jobTitle", "affiliation"},
    "PropertyValue": THING | {"propertyID", "value"},
}
# A node that only points at another by its id.
REFERENCE = {"@id"}


def nodes(value):
    """Every node with a type, at any depth."""
    if isinstance(value, dict):
        if "@type" in value:
            yield value
        for inner in value.values():
            yield from nodes(inner)
    elif isinstance(value, list):
        for item in value:
            yield from nodes(item)


def check(data):
    """Each node has what its type needs and only what its type has."""
    assert data["@context"] == "https://schema.org"
    found = list(nodes(data))
    for node in found:
        kind = node["@type"]
        assert kind in ALLOWED, kind
        used = set(node) - {"@context"}
        assert used <= ALLOWED[kind], (kind, used - ALLOWED[kind])
        assert REQUIRED[kind] <= set(node), (kind, REQUIRED[kind] - set(node))
    return found


def json_ld(client, url) -> list[dict]:
    page = BeautifulSoup(client.get(url).content, "html.parser")
    return [json.loads(s.string) for s in page.head.find_all("script", type="application/ld+json")]


def of_type(data, kind):
    return [node for node in nodes(data) if node["@type"] == kind]


@pytest.fixture
def contributor():
    return ProfileFactory(
        user=UserFactory(confirmed=True), slug="nia-okafor", display_name="Nia Okafor"
    )


def test_a_case_study_is_an_article_about_its_organisations(publish, client, contributor):
    publish(
        case_study_record(
            slug="garden",
            title="Community garden",
            summary="A garden on council land.",
            organisation={
                "name": "Lambeth Council",
                "type": "council",
                "org_id": "GB-COH-01234567",
            },
            partner_names=["Friends of the Park"],
            notices=[
                {"ocid": "ocds-b5fd17-2f1c0a", "url": ""},
                {"ocid": "", "url": "https://www.find-tender.service.gov.uk/Notice/012345-2024"},
            ],
            contributor="nia-okafor",
            contributed=True,
            licence="CC-BY-4.0",
        )
    )

    (data,) = json_ld(client, "/case-studies/garden/")

    check(data)
    site = settings.SITE_BASE_URL.rstrip("/")
    assert data["@type"] == "Article"
    assert (data["headline"], data["url"]) == ("Community garden", f"{site}/case-studies/garden/")
    assert data["description"] == "A garden on council land."
    assert data["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert data["genre"] == "Illustrative example"  # the factory's case studies are invented
    assert data["author"] == {
        "@type": "Person",
        "name": "Nia Okafor",
        "url": f"{site}/members/nia-okafor/",
    }
    assert data["publisher"]["url"] == f"{site}/"
    lead, partner, unlisted = data["about"]
    assert lead["name"] == "Lambeth Council"
    assert lead["identifier"] == {
        "@type": "PropertyValue",
        "propertyID": "GB-COH",
        "value": "GB-COH-01234567",
    }
    assert lead["sameAs"].endswith("/company/01234567")
    assert (partner["name"], "identifier" in partner) == ("Riverside Community Trust", False)
    assert unlisted == {"@type": "Organization", "name": "Friends of the Park"}
    assert data["isBasedOn"] == [
        {
            "@type": "CreativeWork",
            "name": "Contract notice on Contracts Finder",
            "url": "https://www.contractsfinder.service.gov.uk/Notice/2f1c0a",
            "identifier": {
                "@type": "PropertyValue",
                "propertyID": "OCID",
                "value": "ocds-b5fd17-2f1c0a",
            },
        },
        {
            "@type": "CreativeWork",
            "name": "Contract notice on Find a Tender",
            "url": "https://www.find-tender.service.gov.uk/Notice/012345-2024",
        },
    ]
    assert data["citation"] == [
        {"@type": "CreativeWork", "name": "Annual report", "url": "https://example.org/report"}
    ]


@pytest.mark.parametrize("visibility", [Visibility.MEMBERS, Visibility.HIDDEN])
def test_a_contributor_whose_profile_is_not_public_is_not_named(publish, client, visibility):
    member = ProfileFactory(
        user=UserFactory(confirmed=True, email="quill@example.org"),
        slug="quill-private",
        display_name="Quill Private",
        visibility=visibility,
    )
    publish(
        case_study_record(
            slug="quiet", contributor=member.slug, contributed=True, illustrative=False
        )
    )
    client.force_login(ProfileFactory(user=UserFactory(confirmed=True)).user)  # a member reads

    (data,) = json_ld(client, "/case-studies/quiet/")

    check(data)
    text = json.dumps(data)
    assert "Quill" not in text and "quill-private" not in text
    assert "author" not in data
    assert "genre" not in data  # a real account
    assert not re.search(r"[\w.+-]+@[\w-]+\.", text)  # no email address anywhere


def test_a_seminar_is_an_event_with_its_write_up_and_lessons(publish, client):
    publish(seminar_record(slug="listening", title="Listening seminar", date="2013-03-14"))

    (data,) = json_ld(client, "/seminars/listening/")

    check(data)
    site = settings.SITE_BASE_URL.rstrip("/")
    url = f"{site}/seminars/listening/"
    (event,) = of_type(data, "Event")
    assert (event["name"], event["startDate"]) == ("Listening seminar", "2013-03-14")
    assert event["location"] == {"@type": "Place", "name": "Leeds"}
    assert event["performer"][0]["name"] == "Asha Patel"
    assert "url" not in event["performer"][0]  # no profile linked
    (write_up,) = of_type(data, "Article")
    assert write_up["about"] == {"@id": event["@id"]}
    lessons = of_type(data, "CreativeWork")
    assert [lesson["@id"] for lesson in lessons] == [
        f"{url}#lesson-listen-first",
        f"{url}#lesson-lead-from-behind",
        f"{url}#lesson-pool-budgets",
    ]
    assert all(set(lesson) >= LESSON_REQUIRED for lesson in lessons)
    assert write_up["hasPart"] == [{"@id": lesson["@id"]} for lesson in lessons]
    assert all(lesson["isPartOf"] == {"@id": url} for lesson in lessons)
    assert [lesson["position"] for lesson in lessons] == [1, 2, 3]


@pytest.mark.parametrize(
    ("visibility", "linked"), [(Visibility.PUBLIC, True), (Visibility.MEMBERS, False)]
)
def test_a_speakers_profile_is_linked_only_when_anyone_may_open_it(
    publish, client, visibility, linked
):
    profile = ProfileFactory(
        user=UserFactory(confirmed=True, email="asha@example.org"),
        slug="asha-patel",
        visibility=visibility,
    )
    publish(seminar_record(slug="talks"))
    SeminarSpeaker.objects.filter(page__slug="talks").update(member=profile)

    (data,) = json_ld(client, "/seminars/talks/")

    check(data)
    (speaker,) = of_type(data, "Event")[0]["performer"]
    assert speaker["name"] == "Asha Patel"  # as the page names every speaker
    assert ("url" in speaker) == linked
    assert "asha@example.org" not in json.dumps(data)


def test_pages_without_structured_data_have_none(publish, client):
    publish(case_study_record(slug="garden"))

    assert json_ld(client, "/case-studies/") == []
    assert json_ld(client, "/search/") == []


def test_text_cannot_end_the_script_element():
    element = structured_data.script({"name": "</script><script>alert(1)</script> & <!--"})

    assert element.count("</script>") == 1
    assert "<!--" not in element
    body = element.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert json.loads(body) == {"name": "</script><script>alert(1)</script> & <!--"}
