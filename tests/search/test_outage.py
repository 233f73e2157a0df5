"""An Elasticsearch outage, through a TCP proxy in front of the real node: what the
database withdraws while the index cannot hear of it is never served, and once the node
is back every change reaches the index by itself, with no command run."""

import time
from http import HTTPStatus
from urllib.parse import urlparse

import pytest

from casestudies.factories import as_lines, case_study_record
from casestudies.importexport.importer import import_lines
from casestudies.models import CaseStudyPage
from members.models import Profile, Visibility
from members.suspension import suspend
from members.yourdata import delete_account
from search import client as search_client
from search import index, indexing, replayer
from search.models import OutboxItem
from tests.factories.members import ProfileFactory, UserFactory
from tests.support.faults import BLACKHOLE, FORWARD, REFUSE, TcpProxy
from tests.support.indexes import unique_prefix

# The replayer runs in a thread of its own: the tests commit for real.
pytestmark = pytest.mark.elasticsearch

WORD = "quillwort"  # in every document of these tests, and nowhere else
CATCH_UP_SECONDS = 60


@pytest.fixture
def proxy(elasticsearch_url, settings):
    """The site reaches Elasticsearch only through the proxy, in an index of its own."""
    proxy = TcpProxy(urlparse(elasticsearch_url).netloc).start()
    settings.ELASTICSEARCH_URL = proxy.url
    settings.ELASTICSEARCH_INDEX_PREFIX = unique_prefix()
    settings.SEARCH_TIMEOUT_SECONDS = 1
    index.ensure_alias(search_client.indexing_client())
    yield proxy
    replayer.stop()
    proxy.set_mode(FORWARD)
    index.drop_all(search_client.indexing_client())
    proxy.stop()


def publish(**fields):
    record = case_study_record(summary=f"Growing {WORD} together.", **fields)
    report = import_lines(as_lines(record))
    assert not report.rejections


def member(name):
    user = UserFactory(confirmed=True)
    return ProfileFactory(user=user, display_name=f"{name} {WORD.title()}", slug=name.lower())


def api_titles(client, path="/api/search/"):
    body = client.get(path, {"q": WORD, "page_size": 50}).json()
    return body["degraded"], sorted(hit["title"] for hit in body["results"])


def suggestions(client):
    return sorted(item["text"] for item in client.get("/api/search/suggest/", {"q": "Ada"}).json())


def raw_titles():
    """What the index itself holds, read without the site's search."""
    response = search_client.indexing_client().search(
        index=search_client.alias(),
        query={"multi_match": {"query": WORD, "fields": ["title", "summary"]}},
        size=50,
    )
    return sorted(hit["_source"]["title"] for hit in response["hits"]["hits"])


def page_text(client, path, **params):
    response = client.get(path, params)
    assert response.status_code == HTTPStatus.OK
    return response.content.decode()


def withdraw_and_add_during_an_outage():
    hidden = Profile.objects.get(slug="ada")
    hidden.visibility = Visibility.HIDDEN
    hidden.save()
    suspend(Profile.objects.get(slug="bea"))
    delete_account(Profile.objects.get(slug="cal").user)
    CaseStudyPage.objects.get(slug="riverside").unpublish()
    publish(slug="orchard", title="Orchard growing")


BEFORE = [
    "Ada Quillwort",
    "Bea Quillwort",
    "Cal Quillwort",
    "Dan Quillwort",
    "Harbour growing",
    "Riverside growing",
]
AFTER = ["Dan Quillwort", "Harbour growing", "Orchard growing"]


def test_nothing_withdrawn_is_served_and_the_index_catches_up_by_itself(
    transactional_db, proxy, client, settings
):
    for name in ("Ada", "Bea", "Cal", "Dan"):
        member(name)
    publish(slug="harbour", title="Harbour growing", sectors=["public"])
    publish(slug="riverside", title="Riverside growing", sectors=["public"])
    assert api_titles(client) == (False, BEFORE)
    assert raw_titles() == BEFORE
    assert not OutboxItem.objects.exists()

    proxy.set_mode(REFUSE)
    withdraw_and_add_during_an_outage()
    assert OutboxItem.objects.count() == 5
    # During the outage the database answers, and it already knows.
    assert api_titles(client) == (True, AFTER)
    assert suggestions(client) == []

    # The node is back, but nothing has told the index yet: it still holds every
    # withdrawn document, and no search shows one.
    proxy.set_mode(FORWARD)
    search_client.mark_up()
    assert {"Ada Quillwort", "Riverside growing"} <= set(raw_titles())
    assert api_titles(client) == (False, ["Dan Quillwort", "Harbour growing"])
    directory = page_text(client, "/members/", q=WORD)
    assert "Dan Quillwort" in directory
    assert not [name for name in ("Ada", "Bea", "Cal") if f"{name} Quillwort" in directory]
    assert "Ada Quillwort" not in page_text(client, "/search/", q=WORD)
    assert suggestions(client) == []
    harbour = CaseStudyPage.objects.get(slug="harbour").url
    assert "Riverside growing" not in page_text(client, harbour)

    # The replayer starts with the next request and empties the outbox, no command run.
    settings.SEARCH_OUTBOX_REPLAY_SECONDS = 1
    started = time.monotonic()
    client.get("/")
    while OutboxItem.objects.exists() and time.monotonic() - started < CATCH_UP_SECONDS:
        time.sleep(0.2)
    caught_up = time.monotonic() - started
    print(f"outbox empty {caught_up:.1f} s after the replayer started")
    assert not OutboxItem.objects.exists()

    assert api_titles(client) == (False, AFTER)
    assert raw_titles() == AFTER
    state = indexing.status()
    assert state.index == {kind: count for kind, count in state.database.items() if count}
    assert state.outbox == 0


def test_a_black_holed_node_answers_from_the_database_within_the_timeout(
    transactional_db, proxy, client
):
    member("Dan")
    publish(slug="harbour", title="Harbour growing")
    proxy.set_mode(BLACKHOLE)

    degraded, titles = api_titles(client)

    assert degraded
    assert titles == ["Dan Quillwort", "Harbour growing"]
    # After one timeout, searches go straight to the database for a while.
    assert not search_client.should_try()
    assert api_titles(client) == (True, titles)
