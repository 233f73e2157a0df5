"""Reading pages beside the framework's own speed: the home page, a case study, a seminar
and a search, each beside a minimal Django view on the same production server and workers.

    .venv/bin/python benchmarks/pages.py --database-url postgres://…/a_database_of_its_own
        [--elasticsearch-url http://127.0.0.1:9200] [--requests 600] [--clients 8]
        [--seconds 30] [--skip-seed]

It migrates the database it is given and seeds the demo content into it (`seed_demo`, then
`search_index rebuild` under its own index prefix), so give it a database of its own. It
starts gunicorn on a loopback port as `make serve` runs it (gunicorn.conf.py: workers and
threads sized for the machine), with the production settings and one addition: a minimal
view (`benchmarks/pages_site/`), a fixed short answer through the same middleware, which is
the limit. Then, for each kind of page in turn, `--clients` clients on keep-alive
connections send anonymous GETs until `--requests` are answered or `--seconds` have
passed, after a short warm-up. An error is a non-2xx answer, a timeout or a broken
connection. It prints one table, with each page's throughput and p95 beside the minimal
view's.
"""

import argparse
import itertools
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.pages_site import MINIMAL_PATH
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

MINIMAL = "minimal view (the limit)"
SEARCHES = [
    "/search/?q=co-operative+commissioning",
    "/search/?q=social+value&sector=public",
    "/search/?q=procurement&theme=relationships",
    "/search/?q=outcomes",
]
WARM_UP_REQUESTS = 20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument(
        "--elasticsearch-url",
        default=os.environ.get("ELASTICSEARCH_URL") or "http://127.0.0.1:9200",
    )
    parser.add_argument("--index-prefix", default="bench_pages_")
    parser.add_argument("--requests", type=int, default=600, help="per kind of page")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=30.0, help="time bound per kind")
    parser.add_argument("--skip-seed", action="store_true", help="the database is seeded already")
    args = parser.parse_args()
    if not args.database_url.startswith("postgres"):
        parser.error("Give --database-url (or DATABASE_URL) a PostgreSQL database of its own.")

    work = Path(tempfile.mkdtemp(prefix="svn-pages-"))
    environment = production_environment(
        args.database_url,
        args.elasticsearch_url,
        args.index_prefix,
        work,
        DJANGO_SETTINGS_MODULE="benchmarks.pages_site.settings",
    )
    prepare(environment, seed=not args.skip_seed)
    targets = {
        MINIMAL: [f"/{MINIMAL_PATH}"],
        "home page": ["/"],
        "case study": live_paths(environment, "CaseStudyPage"),
        "seminar": live_paths(environment, "SeminarPage"),
        "search": SEARCHES,
    }
    port = free_port()
    process = start("gunicorn", port, environment, work)
    results = {}
    try:
        wait_until_up(port, process)
        for name, paths in targets.items():
            note(f"{name}…")
            results[name] = measure(port, paths, args)
    finally:
        process.terminate()
        process.wait(timeout=60)
    print_table(results, args)


def measure(port: int, paths: list[str], args) -> Run:
    """`args.clients` clients GET the paths in turn until the requests or the time run out."""
    warm = connect(port)
    for path in itertools.islice(itertools.cycle(paths), WARM_UP_REQUESTS):
        get(warm, path)
    warm.close()

    return drive(port, paths, args.clients, args.requests, args.seconds)


def print_table(results: dict[str, Run], args) -> None:
    print(
        f"gunicorn (gunicorn.conf.py), {args.clients} clients, at most {args.requests} "
        f"requests or {args.seconds:.0f} s per kind; anonymous GETs; latencies of 2xx "
        "answers, in ms."
    )
    limit = results[MINIMAL]
    limit_p95 = percentile(limit.latencies, 0.95)
    header = ["page", "requests", "req/s", "p50", "p95", "errors", "req/s ÷ limit", "p95 ÷ limit"]
    rows = []
    for name, run in results.items():
        p95 = percentile(run.latencies, 0.95)
        rows.append(
            [
                name,
                str(run.requests),
                f"{run.throughput:.1f}",
                f"{percentile(run.latencies, 0.50):.1f}",
                f"{p95:.1f}",
                str(run.errors),
                f"{run.throughput / limit.throughput:.2f}" if limit.throughput else "",
                f"{p95 / limit_p95:.1f}" if limit_p95 else "",
            ]
        )
    print_rows(header, rows)


if __name__ == "__main__":
    main()
