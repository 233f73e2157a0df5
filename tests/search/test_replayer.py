"""The replayer: only one process replays at a time, and an index that falls behind is
reported."""

import datetime
import logging
import re
import threading

from django.core.management import call_command
from django.db import connection
from django.utils import timezone

import pytest

from search import indexing, outbox, replayer
from search.locks import exclusive
from search.models import OutboxItem
from tests.support.indexes import CLOSED_PORT_URL

pytestmark = pytest.mark.django_db


def test_the_outbox_is_not_replayed_while_another_process_holds_the_lock(es):
    outbox.add(["casestudies.casestudypage:1"])
    holding, release = threading.Event(), threading.Event()

    def other_process():
        with exclusive(indexing.REPLAY_LOCK, wait=True):
            holding.set()
            release.wait(10)
        connection.close()

    other = threading.Thread(target=other_process)
    other.start()
    holding.wait(10)
    try:
        assert indexing.replay_outbox(wait=False) is None
        assert OutboxItem.objects.count() == 1
    finally:
        release.set()
        other.join()

    assert indexing.replay_outbox(wait=False) == 1
    assert not OutboxItem.objects.exists()


def test_a_change_waiting_too_long_is_logged_and_shown_in_status(settings, caplog, capsys):
    settings.ELASTICSEARCH_URL = CLOSED_PORT_URL
    outbox.add(["casestudies.casestudypage:1"])
    OutboxItem.objects.update(created_at=timezone.now() - datetime.timedelta(hours=1))

    with caplog.at_level(logging.WARNING, logger="search"):
        assert replayer.replay_due() == 0

    assert re.search(
        r"Search is behind the database: 1 change\(s\) waiting, the oldest for 36\d\d s",
        caplog.text,
    )
    call_command("search_index", "status")
    assert re.search(r"Outbox: 1 waiting, the oldest for 36\d\d s", capsys.readouterr().out)
    assert OutboxItem.objects.count() == 1
