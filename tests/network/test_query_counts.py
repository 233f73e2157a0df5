"""No reading page's query count grows with its content.

Each test renders a page with a little content, then with much more (two against eight
related items, speakers, lessons, contacts or members), and compares the two counts: an
N+1 (a query per item) makes the second larger. The counts are compared, never pinned, so
an honest change to a page does not break these tests.

Pages read from the database cache, as production does without Redis, so a cache read
per item counts as a query here too; the anonymous visitors' page cache is off, so every
request builds its page.
"""

from http import HTTPStatus

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from casestudies.factories import case_study_record, seminar_record
from casestudies.models import CaseStudyContact, CaseStudyPage, SeminarPage
from members.models import Visibility
from taxonomy.models import Region, Role, Sector
from tests.factories.members import ProfileFactory

pytestmark = pytest.mark.django_db

LITTLE, MUCH = 2, 8


@pytest.fixture(autouse=True)
def database_cache(settings, db):
    settings.PAGE_CACHE_SECONDS = 0
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "query_count_cache",
        }
    }
    call_command("createcachetable", verbosity=0)


@pytest.fixture
def queries(client):
    """The queries one request for `path` makes, once the caches are warm; the second
    request's count, so that filling a cache once does not count."""

    def _queries(path):
        assert client.get(path).status_code == HTTPStatus.OK
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        assert response.status_code == HTTPStatus.OK
        return len(captured)

    return _queries


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what waits for the commit (indexing), as a real request would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _members(count, committed, **fields):
    with committed():
        return [
            ProfileFactory(
                role=Role.objects.get(slug="commissioner"),
                sector=Sector.objects.get(slug="public"),
                region=Region.objects.get(slug="london"),
                visibility=Visibility.PUBLIC,
                **fields,
            )
            for _ in range(count)
        ]


def _case_studies(publish, count, **fields):
    publish(*(case_study_record(**fields) for _ in range(count)))


def _seminars(publish, count):
    publish(*(seminar_record() for _ in range(count)))


def test_the_home_page_makes_as_many_queries_with_many_pages_as_with_few(publish, queries):
    _case_studies(publish, LITTLE)
    _seminars(publish, LITTLE)
    few = queries("/")
    _case_studies(publish, MUCH)
    _seminars(publish, MUCH)
    assert queries("/") == few


def test_the_case_study_index_makes_as_many_queries_with_many_case_studies(
    publish, queries, backend
):
    _case_studies(publish, LITTLE)
    path = "/case-studies/"
    few = queries(path)
    _case_studies(publish, MUCH, region="north-west", sectors=["social"], year=2019)
    assert queries(path) == few


def _rich_case_study(slug, count, members):
    """A case study with `count` partners, sectors, sources, tags and contacts."""
    sectors = ["public", "private", "social"][: min(count, 3)]
    return case_study_record(
        slug=slug,
        partners=[{"name": f"Partner {slug} {n}", "type": "charity"} for n in range(count)],
        sectors=sectors,
        themes=["relationships", "leadership", "governance"][: min(count, 3)],
        stages=["procurement", "delivery", "measurement", "needs-and-assets"][: min(count, 4)],
        sources=[{"title": f"Report {n}", "url": f"https://example.org/{n}"} for n in range(count)],
        tags=[f"tag-{slug}-{n}" for n in range(count)],
        lessons=[{"title": f"Lesson {n}", "body": "Ask."} for n in range(count)],
    ), members[:count]


def _contacts(slug, members):
    page = CaseStudyPage.objects.get(slug=slug)
    for position, member in enumerate(members):
        CaseStudyContact.objects.create(page=page, member=member, sort_order=position)
    return page


def test_a_case_study_makes_as_many_queries_with_many_partners_sources_and_contacts(
    publish, queries, committed, client
):
    members = _members(MUCH, committed)
    small, small_members = _rich_case_study("small", LITTLE, members)
    large, large_members = _rich_case_study("large", MUCH, members)
    publish(small, large)
    # Related case studies share the region and facets of both.
    _case_studies(publish, MUCH)
    small_page = _contacts("small", small_members)
    large_page = _contacts("large", large_members)

    assert queries(large_page.url) == queries(small_page.url)
    client.force_login(members[0].user)
    assert queries(large_page.url) == queries(small_page.url)


def test_the_seminar_index_makes_as_many_queries_with_many_seminars(publish, queries):
    _seminars(publish, LITTLE)
    few = queries("/seminars/")
    _seminars(publish, MUCH)
    assert queries("/seminars/") == few


def _seminar(slug, count):
    return seminar_record(
        slug=slug,
        speakers=[{"name": f"Speaker {slug} {n}", "role": "Commissioner"} for n in range(count)],
        lessons=[
            {
                "title": f"Lesson {n}",
                "body": "Listen.",
                "themes": ["relationships", "leadership"],
                "stages": ["procurement"],
            }
            for n in range(count)
        ],
    )


def _speakers_are_members(slug, members):
    page = SeminarPage.objects.get(slug=slug)
    for speaker, member in zip(page.speakers.all(), members, strict=False):
        speaker.member = member
        speaker.save()
    return page


def test_a_seminar_makes_as_many_queries_with_many_speakers_and_lessons(
    publish, queries, committed, client
):
    members = _members(MUCH, committed)
    publish(_seminar("small-seminar", LITTLE), _seminar("large-seminar", MUCH))
    small = _speakers_are_members("small-seminar", members)
    large = _speakers_are_members("large-seminar", members)

    assert queries(large.url) == queries(small.url)
    client.force_login(members[0].user)
    assert queries(large.url) == queries(small.url)


def test_a_member_profile_makes_as_many_queries_with_many_case_studies_and_talks(
    publish, queries, committed
):
    few_member, many_member = _members(2, committed)
    for member, count in ((few_member, LITTLE), (many_member, MUCH)):
        slugs = [f"by-{member.slug}-{n}" for n in range(count)]
        publish(*(case_study_record(slug=slug) for slug in slugs))
        for slug in slugs:
            _contacts(slug, [member])
        publish(_seminar(f"talk-{member.slug}", count))
        _speakers_are_members(f"talk-{member.slug}", [member])

    assert queries(many_member.get_absolute_url()) == queries(few_member.get_absolute_url())


def test_the_member_directory_makes_as_many_queries_with_many_members(
    queries, committed, backend, client
):
    _members(LITTLE, committed)
    path = "/members/?sector=public&region=london&role=commissioner"
    few = queries(path)
    _members(MUCH, committed)
    assert queries(path) == few


def test_the_search_page_makes_as_many_queries_with_many_results(publish, queries, backend):
    _case_studies(publish, LITTLE)
    _seminars(publish, LITTLE)
    path = "/search/?q=council&sector=public&theme=relationships"
    few = queries(path)
    _case_studies(publish, MUCH)
    _seminars(publish, MUCH)
    assert queries(path) == few
