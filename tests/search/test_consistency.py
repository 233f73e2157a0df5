"""The index cannot go backwards or lose a change: one refresh per transaction, the
outbox row written with the change, versions that make a late writer with older data
harmless."""

import datetime

from django.db import transaction
from django.utils import timezone

import pytest

from casestudies.factories import as_lines, case_study_record
from casestudies.importexport.importer import import_lines
from casestudies.models import CaseStudyPage
from search import index, indexing, outbox
from search.kinds import Document
from search.models import OutboxItem

pytestmark = pytest.mark.django_db


def test_one_refresh_task_per_transaction_however_many_saves(
    publish, django_capture_on_commit_callbacks, monkeypatch
):
    publish(case_study_record(slug="allotments", title="Allotments"))
    page = CaseStudyPage.objects.get(slug="allotments")
    other = "casestudies.casestudypage:999999"
    refreshed = []
    monkeypatch.setattr(indexing, "refresh", lambda keys, **kwargs: refreshed.append(keys))

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        for title in ("One", "Two", "Three"):
            page.title = title
            page.save_revision().publish()
        indexing.schedule([other])

    assert refreshed == [sorted([f"casestudies.casestudypage:{page.pk}", other])]


def test_a_change_is_in_the_outbox_from_its_own_transaction_until_it_is_indexed(
    es, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks():  # committed, but no worker has run yet
        import_lines(as_lines(case_study_record(slug="allotments", title="Allotments")))

    (item,) = OutboxItem.objects.all()
    assert item.source.startswith("casestudies.casestudypage:")
    assert not item.entries_current

    indexing.replay_outbox()

    assert not OutboxItem.objects.exists()


def test_a_rolled_back_change_leaves_nothing_in_the_outbox(db):
    with pytest.raises(RuntimeError), transaction.atomic():
        indexing.schedule(["casestudies.casestudypage:1"])
        raise RuntimeError

    assert not OutboxItem.objects.exists()


def test_a_refresh_keeps_a_row_changed_while_it_ran(db):
    outbox.add(["a.b:1"])
    versions = outbox.lock(["a.b:1"])
    outbox.add(["a.b:1"])  # a newer change, made while the refresh was writing

    outbox.clear(versions)

    assert OutboxItem.objects.get(source="a.b:1").version == versions["a.b:1"] + 1


def test_a_failure_moves_updated_at_and_counts_the_attempt(db):
    outbox.add(["a.b:1"])
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    OutboxItem.objects.update(updated_at=long_ago)

    outbox.failed(["a.b:1", "a.b:2"], "Connection refused")

    first, second = OutboxItem.objects.order_by("source")
    assert first.updated_at > long_ago
    assert (first.attempts, first.last_error) == (1, "Connection refused")
    assert (second.source, second.attempts) == ("a.b:2", 1)


@pytest.mark.elasticsearch
def test_an_older_write_cannot_overwrite_a_newer_one(es, find):
    newer = Document(kind="case_study", key="1", title="Newer allotments", url="/a/", slug="a")
    older = Document(kind="case_study", key="1", title="Older allotments", url="/a/", slug="a")
    newer.source = older.source = "casestudies.casestudypage:1"
    version = index.new_version()

    index.write(es, [newer], [], version)
    index.write(es, [older], [], version - 1)  # a slower worker that read earlier

    assert [hit.title for hit in find("allotments").hits] == ["Newer allotments"]


@pytest.mark.elasticsearch
def test_an_older_delete_cannot_remove_a_newer_document(es, find):
    document = Document(kind="case_study", key="1", title="Allotments", url="/a/", slug="a")
    document.source = "casestudies.casestudypage:1"
    version = index.new_version()

    index.write(es, [document], [], version)
    index.write(es, [], [document.id], version - 1)

    assert [hit.title for hit in find("allotments").hits] == ["Allotments"]
