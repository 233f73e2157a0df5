"""Losing a node: how searches and writes fare when one node of a two-node cluster goes,
and how long until every write is in the index again.

    .venv/bin/python benchmarks/node_loss.py [--modes stop,kill] [--after 30] [--interval 5]
        [--settings network.settings.dev]

For each mode it starts a two-node cluster of its own (`tests/support/elasticsearch_nodes.py`:
the master holds data, the second node holds data only), makes an index with one replica
whose primary is on the second node, and fills it. Then, searching and writing in turn
for `--after` seconds, it loses the second node: `stop` shuts it down as an operator
would, `kill` kills it as a crash would (SIGKILL, no goodbye to the cluster). The outbox
replayer runs as in a web process, every `--interval` seconds. It prints one table:
searches and how many the database answered instead, the slowest search, the seconds
after the loss of the last search the database answered, writes and how many waited in
the outbox, the slowest write, the seconds from the loss to an empty outbox (when any
write waited), and documents missing from the index at the end. It needs Java (for the
nodes) and a database (DATABASE_URL, or SQLite).
"""

import argparse
import os
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERY = "commissioning for social value"
SEED_DOCUMENTS = 50


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--modes", default="stop,kill")
    parser.add_argument("--after", type=float, default=30)
    parser.add_argument("--interval", type=float, default=5)
    parser.add_argument("--settings", default="network.settings.dev")
    args = parser.parse_args()
    os.environ["DJANGO_SETTINGS_MODULE"] = args.settings

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    from benchmarks.tables import print_rows, ratio

    settings.SEARCH_OUTBOX_REPLAY_SECONDS = args.interval
    settings.ELASTICSEARCH_REPLICAS = "1"
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    rows = []
    try:
        for mode in args.modes.split(","):
            rows.append(run(mode, args.after, settings))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
    header = [
        "loss",
        "searches",
        "from database",
        "search p50 ms",
        "slowest ms",
        "last from db s",
        "writes",
        "slowest write ms",
        "to outbox",
        "outbox empty s",
        "missing",
        "empty ÷ interval",
    ]
    table = [[*row[:-1], ratio(row[-1], args.interval, 1)] for row in rows]
    title = (
        f"node_loss on {connection.vendor}: one node of two lost while searching and writing "
        f"for {args.after:g} s; seconds counted from the loss; replay every {args.interval:g} s"
    )
    print_rows(header, table, title)


def run(mode: str, after: float, settings) -> list:
    from benchmarks.import_rate import generated_lines
    from casestudies.factories import as_lines, case_study_record
    from casestudies.importexport.importer import import_lines
    from search import client, index, replayer
    from search.models import OutboxItem
    from search.service import search
    from search.types import SearchRequest
    from tests.support.elasticsearch_nodes import two_node_cluster

    cluster = two_node_cluster()
    cluster.start()
    settings.ELASTICSEARCH_URL = cluster.url
    settings.ELASTICSEARCH_INDEX_PREFIX = f"bench_loss_{mode}_"
    client._down_until.clear()
    try:
        index.ensure_alias(client.indexing_client())
        cluster.put_primary_on_data_node(index.current_index(client.indexing_client()))
        import_lines(generated_lines(SEED_DOCUMENTS))
        replayer.ensure_started()
        searches: list[tuple[float, bool, float]] = []  # (moment, degraded, seconds)
        writes = outbox_hits = 0
        slowest_write = 0.0
        lose = cluster.data.kill if mode == "kill" else cluster.data.stop
        losing = threading.Thread(target=lose)
        lost_at = time.perf_counter()
        losing.start()
        while time.perf_counter() - lost_at < after:
            began = time.perf_counter()
            result = search(SearchRequest(query=QUERY))
            searches.append((began - lost_at, result.degraded, time.perf_counter() - began))
            waiting = OutboxItem.objects.count()
            record = case_study_record(slug=f"loss-{mode}-{writes}", title=f"Written {writes}")
            began = time.perf_counter()
            import_lines(as_lines(record))
            slowest_write = max(slowest_write, time.perf_counter() - began)
            writes += 1
            outbox_hits += OutboxItem.objects.count() > waiting
            time.sleep(0.1)
        losing.join()
        while OutboxItem.objects.exists():
            time.sleep(0.05)
        empty = time.perf_counter() - lost_at
        replayer.stop()
        client.indexing_client().indices.refresh(index=client.alias())
        in_index = index.counts_by_kind(client.indexing_client()).get("case_study", 0)
    finally:
        replayer.stop()
        cluster.stop()
    from_db = [moment for moment, degraded, _ in searches if degraded]
    took = [seconds * 1000 for _, _, seconds in searches]
    return [
        mode,
        f"{len(searches)}",
        f"{len(from_db)}",
        f"{statistics.median(took):.0f}",
        f"{max(took):.0f}",
        f"{max(from_db):.1f}" if from_db else "-",
        f"{writes}",
        f"{slowest_write * 1000:.0f}",
        f"{outbox_hits}",
        f"{empty:.1f}" if outbox_hits else "-",
        f"{SEED_DOCUMENTS + writes - in_index}",
        empty if outbox_hits else None,
    ]


if __name__ == "__main__":
    main()
