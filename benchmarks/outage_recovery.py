"""Outage recovery: how long after Elasticsearch returns the outbox is empty, with no
command run.

    .venv/bin/python benchmarks/outage_recovery.py [--changes 300] [--interval 15]
        [--settings network.settings.dev]

It creates a fresh, migrated database beside the configured one (DATABASE_URL, or SQLite
by default) and an index of its own on ELASTICSEARCH_URL, reached through a TCP proxy
(`tests/support/faults.py`). With the proxy refusing connections it imports `--changes`
case studies (each one change that waits in the outbox), then lets connections through
and starts the replayer as a web process does, with `--interval` seconds between its
checks. It prints one table: the changes, the time from Elasticsearch's return to an
empty outbox, and how much of that the replay itself took.
"""

import argparse
import os
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=300)
    parser.add_argument("--interval", type=float, default=15)
    parser.add_argument("--settings", default="network.settings.dev")
    args = parser.parse_args()
    os.environ["DJANGO_SETTINGS_MODULE"] = args.settings

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    from benchmarks.import_rate import generated_lines
    from benchmarks.tables import print_rows, ratio
    from casestudies.importexport.importer import import_lines
    from search import client, index, replayer
    from search.models import OutboxItem
    from tests.support.faults import FORWARD, REFUSE, TcpProxy

    if not settings.ELASTICSEARCH_URL:
        sys.exit("Set ELASTICSEARCH_URL: this benchmark needs the real Elasticsearch.")
    proxy = TcpProxy(urlparse(settings.ELASTICSEARCH_URL).netloc).start()
    settings.ELASTICSEARCH_URL = proxy.url
    settings.ELASTICSEARCH_INDEX_PREFIX = f"bench_{uuid.uuid4().hex[:8]}_"
    settings.SEARCH_OUTBOX_REPLAY_SECONDS = args.interval
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        index.ensure_alias(client.indexing_client())
        proxy.set_mode(REFUSE)
        report = import_lines(generated_lines(args.changes))
        waiting = OutboxItem.objects.count()
        proxy.set_mode(FORWARD)
        back = time.perf_counter()
        replayer.ensure_started()
        while OutboxItem.objects.exists():
            time.sleep(0.05)
        empty = time.perf_counter() - back
        replayer.stop()
        in_index = index.counts_by_kind(client.indexing_client()).get("case_study", 0)
    finally:
        proxy.set_mode(FORWARD)
        index.drop_all(client.indexing_client())
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
        proxy.stop()
    # The replayer first waits one interval, then replays.
    replay = max(0.0, empty - args.interval)
    header = [
        "changes",
        "in outbox",
        "interval s",
        "back -> empty s",
        "replay s",
        "replayed/s",
        "in index",
        "in index ÷ changes",
        "empty ÷ interval",
    ]
    row = [
        f"{report.created:,}",
        f"{waiting:,}",
        f"{args.interval:g}",
        f"{empty:.1f}",
        f"{replay:.1f}",
        f"{waiting / replay:.0f}" if replay else "-",
        f"{in_index:,}",
        ratio(in_index, report.created),
        ratio(empty, args.interval, 1),
    ]
    title = (
        f"outage_recovery on {connection.vendor}: changes made while Elasticsearch was "
        "refused, then the time from its return to an empty outbox, with no command run"
    )
    print_rows(header, [row], title)


if __name__ == "__main__":
    main()
