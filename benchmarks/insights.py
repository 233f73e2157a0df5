"""Search insights benchmark: what logging a search costs on the hot path.

    DATABASE_URL=postgres://…/insights_bench ELASTICSEARCH_URL=http://127.0.0.1:9200 \\
        .venv/bin/python benchmarks/insights.py [--requests 300]

It migrates the database it is given, seeds the demo content and rebuilds the index
(under its own prefix), then sends the same mix of first-page queries to GET /api/search/
in process (Django's test client), alternating between the site as it is (each request
logs one search) and the site with logging switched off, and prints p50 and p95 of each,
with the cost of one `insights.record` call on its own. Give it a database of its own.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES = [
    "co-operative commissioning",
    "social value",
    "procurement",
    "lambeth",
    "outcomes",
    "community",
    "ICB social prescribing",
    "market engagement",
    "local jobs",
    "governance",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "network.settings.test")
    os.environ.setdefault("ELASTICSEARCH_INDEX_PREFIX", "test_bench_insights_")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from benchmarks.tables import print_rows, ratio
    from search import api, insights
    from search.models import LoggedSearch
    from search.service import search
    from search.types import SearchRequest

    call_command("migrate", verbosity=0)
    call_command("seed_demo", "--force", verbosity=0)
    call_command("search_index", "rebuild", verbosity=0)
    client = Client(HTTP_HOST="127.0.0.1")
    record = insights.record
    timings: dict[str, list[float]] = {"with logging": [], "without logging": []}
    for n in range(args.requests * 2 + 20):
        logging_on = n % 2 == 0
        api.insights.record = record if logging_on else (lambda *a, **k: None)
        started = time.perf_counter()
        response = client.get("/api/search/", {"q": QUERIES[(n // 2) % len(QUERIES)]})
        elapsed = time.perf_counter() - started
        assert response.status_code == 200, response.content
        if n >= 20:  # after a warm-up
            timings["with logging" if logging_on else "without logging"].append(elapsed)
    api.insights.record = record
    logged = LoggedSearch.objects.count()
    result = search(SearchRequest("social value"))
    started = time.perf_counter()
    for _ in range(args.requests):
        insights.record(result, "/api/search/")
    per_record = (time.perf_counter() - started) / args.requests

    figures = {}
    for name, values in timings.items():
        values.sort()
        p95 = values[int(len(values) * 0.95) - 1]
        figures[name] = (statistics.median(values) * 1000, p95 * 1000)
    base_p50, base_p95 = figures["without logging"]
    rows = [
        [name, f"{p50:.2f}", f"{p95:.2f}", ratio(p50, base_p50), ratio(p95, base_p95)]
        for name, (p50, p95) in figures.items()
    ]
    rows.append(["one insights.record", f"{per_record * 1000:.3f}", "-", "-", "-"])
    title = (
        f"{args.requests} requests each, GET /api/search/ in process ({logged} searches logged), ms"
    )
    print_rows(["", "p50", "p95", "p50 ÷ without", "p95 ÷ without"], rows, title)


if __name__ == "__main__":
    main()
