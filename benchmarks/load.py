"""Load benchmark: the production server beside runserver, with Elasticsearch up, refused
mid-run and black-holed mid-run.

    .venv/bin/python benchmarks/load.py --database-url postgres://…/a_database_of_its_own
        [--elasticsearch-url http://127.0.0.1:9200] [--requests 2000] [--clients 20]
        [--phase-seconds 120] [--skip-seed]

It migrates the database it is given and seeds the demo content into it (`seed_demo`,
then `search_index rebuild` under its own index prefix), so give it a database of its
own. Both servers run the production settings on loopback ports and reach Elasticsearch
through `tests/support/faults.py`'s TcpProxy: gunicorn as `make serve` runs it
(gunicorn.conf.py: workers and threads sized for the machine), then `manage.py
runserver` (one process, a thread per request). For each server and phase, 20 clients
send the same fixed mix of search pages with facets, JSON API calls and case study pages
until the phase's requests are done or its time is up; the fault (REFUSE or BLACKHOLE)
starts when half the requests have been answered. An error is a non-2xx answer, a
timeout or a broken connection. It prints one table, with gunicorn÷runserver ratios.
"""

import argparse
import itertools
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.serving import (
    Run,
    connect,
    drive,
    free_port,
    get,
    live_paths,
    note,
    percentile,
    prepare,
    production_environment,
    start,
    wait_until_up,
)
from benchmarks.tables import print_rows
from tests.support.faults import BLACKHOLE, FORWARD, REFUSE, TcpProxy

PHASES = [("ES up", None), ("ES refused mid-run", REFUSE), ("ES black-holed mid-run", BLACKHOLE)]
# Searches skip Elasticsearch for a while after it failed (search/client.py); each phase
# waits that long first, so it starts with Elasticsearch in use.
SETTLE_SECONDS = 11
WARM_UP_REQUESTS = 40

SEARCH_PAGES = [
    "/search/?q=co-operative+commissioning",
    "/search/?q=commissioning&sector=public&sector=social",
    "/search/?q=outcomes&theme=relationships&sort=newest",
    "/search/?q=social+value&region=london&kind=case_study",
    "/search/?stage=procurement&outcome_area=jobs",
    "/search/?q=leadership&page=2",
]
API_CALLS = [
    "/api/search/?q=co-operative+commissioning",
    "/api/search/?q=procurement&sector=public&page_size=20",
    "/api/search/?kind=case_study&region=north-west&region=london",
    "/api/search/suggest/?q=lam",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument(
        "--elasticsearch-url",
        default=os.environ.get("ELASTICSEARCH_URL") or "http://127.0.0.1:9200",
    )
    parser.add_argument("--index-prefix", default="bench_load_")
    parser.add_argument("--requests", type=int, default=2000, help="per server and phase")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--phase-seconds", type=float, default=120.0, help="time bound per phase")
    parser.add_argument("--skip-seed", action="store_true", help="the database is seeded already")
    args = parser.parse_args()
    if not args.database_url.startswith("postgres"):
        parser.error("Give --database-url (or DATABASE_URL) a PostgreSQL database of its own.")

    proxy = TcpProxy(args.elasticsearch_url.split("://", 1)[-1].rstrip("/")).start()
    work = Path(tempfile.mkdtemp(prefix="svn-load-"))
    environment = production_environment(args.database_url, proxy.url, args.index_prefix, work)
    prepare(environment, seed=not args.skip_seed)
    paths = request_mix(live_paths(environment, "CaseStudyPage"))
    results = {}
    try:
        for server in ("gunicorn", "runserver"):
            port = free_port()
            process = start(server, port, environment, work)
            try:
                wait_until_up(port, process)
                for name, fault in PHASES:
                    note(f"{server}: {name}…")
                    results[server, name] = run_phase(port, paths, proxy, fault, args)
            finally:
                process.terminate()
                process.wait(timeout=60)
    finally:
        proxy.stop()
    print_table(results, args)


def request_mix(case_studies: list[str]) -> list[str]:
    """A fixed cycle: 4 search pages, 3 API calls and 3 case study pages in every 10."""
    searches, calls, pages = (itertools.cycle(p) for p in (SEARCH_PAGES, API_CALLS, case_studies))
    block = []
    for _ in range(60):
        block += [next(searches), next(calls), next(pages), next(searches), next(calls)]
        block += [next(pages), next(searches), next(calls), next(pages), next(searches)]
    return block


def run_phase(port: int, paths: list[str], proxy: TcpProxy, fault, args) -> Run:
    proxy.set_mode(FORWARD)
    time.sleep(SETTLE_SECONDS)
    warm = connect(port)
    for path in paths[:WARM_UP_REQUESTS]:
        get(warm, path)
    warm.close()

    fault_at = args.requests // 2

    def inject(number: int) -> None:
        if fault and number == fault_at:
            proxy.set_mode(fault)

    phase = drive(port, paths, args.clients, args.requests, args.phase_seconds, before=inject)
    proxy.set_mode(FORWARD)
    return phase


def print_table(results: dict, args) -> None:
    print(
        f"{args.clients} clients, at most {args.requests} requests or "
        f"{args.phase_seconds:.0f} s per phase; latencies of 2xx answers, in ms; "
        "errors are non-2xx answers, timeouts and broken connections."
    )
    header = [
        "server",
        "phase",
        "requests",
        "req/s",
        "p50",
        "p95",
        "p99",
        "errors",
        "gunicorn÷runserver req/s",
    ]
    rows = []
    for (server, name), phase in results.items():
        throughput = phase.requests / phase.seconds if phase.seconds else 0.0
        other = results.get(("runserver", name))
        ratio = ""
        if server == "gunicorn" and other and other.seconds:
            ratio = f"{throughput / (other.requests / other.seconds):.2f}"
        rows.append(
            [
                server,
                name,
                str(phase.requests),
                f"{throughput:.1f}",
                f"{percentile(phase.latencies, 0.50):.0f}",
                f"{percentile(phase.latencies, 0.95):.0f}",
                f"{percentile(phase.latencies, 0.99):.0f}",
                str(phase.errors),
                ratio,
            ]
        )
    print_rows(header, rows)


if __name__ == "__main__":
    main()
