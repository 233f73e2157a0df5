"""After an outage, `search_index sync` brings the index back to the database's state:
it replays the outbox and reconciles what else differs."""

from django.core.management import CommandError, call_command
from django.test import override_settings

import pytest

from casestudies.factories import case_study_record
from casestudies.models import CaseStudyPage
from search import client as search_client
from search import index
from search.kinds import Document
from search.models import OutboxItem
from tests.support.indexes import CLOSED_PORT_URL

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]


def titles(result):
    return sorted(hit.title for hit in result.hits)


def test_sync_after_an_outage_brings_the_index_back(es, publish, find, after_commit, capsys):
    publish(case_study_record(slug="kept", title="Kept garden"))
    publish(case_study_record(slug="gone", title="Gone garden"))
    with override_settings(ELASTICSEARCH_URL=CLOSED_PORT_URL):
        publish(case_study_record(slug="new", title="New garden"))
        with after_commit():
            CaseStudyPage.objects.get(slug="gone").unpublish()
        assert OutboxItem.objects.count() == 2
    search_client.mark_up()
    # The index still holds the withdrawn page and lacks the new one; searches of it leave
    # out both until the outbox is replayed.
    assert titles(find("garden")) == ["Kept garden"]

    call_command("search_index", "sync")

    assert titles(find("garden")) == ["Kept garden", "New garden"]
    assert not OutboxItem.objects.exists()
    assert "Outbox: 2 changes replayed." in capsys.readouterr().out


def test_sync_adds_missing_rewrites_changed_and_removes_stray_documents(es, publish, find, capsys):
    publish(case_study_record(slug="a", title="Allotments"), case_study_record(title="Buses"))
    (buses,) = find("buses").hits
    stray = Document(kind="case_study", key="999", title="Stray", url="/stray/", slug="stray")
    gone = f"case_study-{CaseStudyPage.objects.get(slug='a').pk}"
    index.write(es, [stray], [gone], index.new_version())
    assert titles(find()) == ["Buses", "Stray"]

    call_command("search_index", "sync")

    assert titles(find()) == ["Allotments", "Buses"]
    assert find("buses").hits[0] == buses
    output = capsys.readouterr().out
    assert "Elasticsearch: added 1 case_study documents." in output
    assert "Elasticsearch: removed 1 case_study documents." in output
    assert "Database backend: nothing to change." in output


def test_sync_while_elasticsearch_is_down_says_so_and_keeps_the_outbox(publish, settings):
    settings.ELASTICSEARCH_URL = CLOSED_PORT_URL
    publish(case_study_record())

    with pytest.raises(CommandError, match="No Elasticsearch node answered"):
        call_command("search_index", "sync")

    assert OutboxItem.objects.count() == 1
