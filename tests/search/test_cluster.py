"""A two-node cluster, named to the site as ELASTICSEARCH_URL="node-1,node-2", with one
replica of the index: when the data node stops in the middle of searches and writes, the
searches go on being answered by Elasticsearch and no write is lost. `search_index
status` shows the cluster's health and which nodes answer, before and after."""

import threading

from django.core.management import call_command

import pytest

from casestudies.factories import case_study_record
from search import client as search_client
from search import index, indexing
from search.models import OutboxItem
from tests.support.elasticsearch_nodes import two_node_cluster
from tests.support.indexes import own_index, require_elasticsearch, unique_prefix

pytestmark = pytest.mark.elasticsearch

WORD = "sphagnum"  # in every document of these tests, and nowhere else
# Searches and writes after the node has gone, to show that they go on.
AFTER_THE_STOP = 3


@pytest.fixture
def cluster():
    require_elasticsearch()  # where the development node runs, so can these
    cluster = two_node_cluster()
    cluster.start()
    yield cluster
    cluster.stop()


@pytest.fixture
def on_cluster(cluster, settings):
    settings.ELASTICSEARCH_URL = cluster.url
    settings.ELASTICSEARCH_REPLICAS = "1"
    settings.ELASTICSEARCH_INDEX_PREFIX = unique_prefix()
    with own_index() as client:
        cluster.put_primary_on_data_node(index.current_index(client))
        yield cluster


def api_search(client) -> tuple[bool, list[str]]:
    body = client.get("/api/search/", {"q": WORD, "page_size": 50}).json()
    return body["degraded"], sorted(hit["title"] for hit in body["results"])


def title(number: int) -> str:
    return f"Sphagnum restoration {number:02d}"


def status(capsys) -> str:
    capsys.readouterr()
    call_command("search_index", "status")
    return capsys.readouterr().out


def test_searches_and_writes_go_on_while_a_node_stops(on_cluster, publish, client, capsys):
    shown = status(capsys)
    assert f"Cluster: {on_cluster.master.cluster}, green: 2 nodes (2 with data)" in shown
    assert f"Node {on_cluster.master.url} answers: test-es-master, 8." in shown
    assert f"Node {on_cluster.data.url} answers: test-es-data, 8." in shown

    for number in range(3):
        publish(case_study_record(title=title(number), summary=f"Restoring {WORD} bogs."))
    assert api_search(client) == (False, [title(number) for number in range(3)])

    stopping = threading.Thread(target=on_cluster.data.stop)
    stopping.start()
    answers, number, after = [], 3, 0
    while after < AFTER_THE_STOP:
        if not stopping.is_alive():
            after += 1
        publish(case_study_record(title=title(number), summary=f"Restoring {WORD} bogs."))
        answers.append(api_search(client))
        number += 1
    stopping.join()

    # Every search during and after the stop was answered by Elasticsearch.
    assert [degraded for degraded, _ in answers] == [False] * len(answers)
    # No write was lost: any that the cluster could not take while the node left waited
    # in the outbox, and its replay leaves it empty.
    indexing.replay_outbox()
    assert not OutboxItem.objects.exists()
    search_client.indexing_client().indices.refresh(index=search_client.alias())
    assert api_search(client) == (False, [title(each) for each in range(number)])
    assert index.counts_by_kind(search_client.indexing_client()) == {"case_study": number}

    shown = status(capsys)
    assert f"Cluster: {on_cluster.master.cluster}, yellow: 1 nodes (1 with data)" in shown
    assert f"Node {on_cluster.master.url} answers" in shown
    assert f"Node {on_cluster.data.url} does not answer: No Elasticsearch node answered" in shown
