"""Relevance: how well each search path ranks what practitioners look for, on the demo
content, with two sets of judged queries in benchmarks/relevance/.

    .venv/bin/python benchmarks/relevance.py [--settings network.settings.dev] [--queries]
        [--set tuning]
    .venv/bin/python benchmarks/relevance.py --check

Each line of a set is a query as a practitioner would type it, its type, its filters, and
graded judgements: document slug -> 2 (what they want) or 1 (useful). Slugs of lessons
are "<seminar-slug>#lesson-<lesson's slug>", the lesson's own link (they were
"#lesson-<position>" until lessons had slugs).
- tuning (judgements.jsonl): acronyms, other words for the same idea, typos, questions,
  lessons, with and without filters. Written before any tuning; ranking changes are
  tuned against it.
- held-out (heldout.jsonl): other queries, mostly in words the documents do not use for
  the idea (paraphrases, public-sector jargon and acronyms, hyphen and compound variants,
  questions, places, the people a service is for, misspellings), judged by reading the
  documents. Written before any tuning and never tuned against: it shows whether a
  change helps queries nobody tuned for.

It first checks that every judged slug is a case study, seminar or lesson of the demo
content (`--check` does only that, without a database or Elasticsearch). Then it creates
a fresh, migrated database beside the configured one (DATABASE_URL, or SQLite by
default), loads the demo content with `seed_demo`, builds an index of its own on
ELASTICSEARCH_URL, and asks every query of three paths:
- es: the search service with Elasticsearch answering (what /search/ shows, spelling
  corrections included);
- db: the search service with the database backend answering (what /search/ shows when
  Elasticsearch cannot, spelling corrections included);
- bm25: a plain `multi_match` over title, summary and body, with the same filters.
For each set it prints nDCG@10 and success@3 (a document judged 2, or 1 where none is, in
the top three) per path, overall and by type of query, with each path's nDCG as a ratio
to bm25's; with --queries, query by query.
"""

import argparse
import json
import math
import os
import sys
import uuid
from collections import defaultdict
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
QUERY_SETS = {
    "tuning": ROOT / "benchmarks" / "relevance" / "judgements.jsonl",
    "held-out": ROOT / "benchmarks" / "relevance" / "heldout.jsonl",
}
PATHS = ("es", "db", "bm25")
DEPTH = 10


def ndcg(ranked: list[str], judged: dict[str, int], depth: int = DEPTH) -> float:
    """Normalised discounted cumulative gain, with gains 2^grade - 1."""

    def dcg(grades):
        return sum((2**grade - 1) / math.log2(rank + 2) for rank, grade in enumerate(grades))

    ideal = dcg(sorted(judged.values(), reverse=True)[:depth])
    return dcg([judged.get(slug, 0) for slug in ranked[:depth]]) / ideal if ideal else 0.0


def success(ranked: list[str], judged: dict[str, int], depth: int = 3) -> float:
    best = max(judged.values())
    return float(any(judged.get(slug, 0) == best for slug in ranked[:depth]))


def load_queries(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def demo_slugs() -> set[str]:
    """The slug of every case study, seminar and lesson in the demo content, lessons'
    slugs made as the importer makes them."""
    from casestudies.demo import CONTENT_FILE
    from casestudies.models.seminar import fill_lesson_slugs

    slugs = set()
    for line in CONTENT_FILE.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        slugs.add(record["slug"])
        if record["type"] == "seminar":
            lessons = [
                SimpleNamespace(slug=lesson.get("slug") or "", title=lesson["title"])
                for lesson in record["lessons"]
            ]
            fill_lesson_slugs(lessons)
            slugs.update(f"{record['slug']}#lesson-{lesson.slug}" for lesson in lessons)
    return slugs


def unknown_slugs(sets: dict[str, list[dict]]) -> list[str]:
    known = demo_slugs()
    return [
        f"{name}: {query['query']!r} judges {slug!r}, which is not in the demo content"
        for name, queries in sets.items()
        for query in queries
        for slug in query["judgements"]
        if slug not in known
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--settings", default="network.settings.dev")
    parser.add_argument("--queries", action="store_true", help="Print every query's figures.")
    parser.add_argument(
        "--check", action="store_true", help="Only check that every judged slug exists."
    )
    parser.add_argument(
        "--set",
        choices=sorted(QUERY_SETS),
        help="Ask only this set's queries (while tuning: --set tuning).",
    )
    args = parser.parse_args()
    os.environ["DJANGO_SETTINGS_MODULE"] = args.settings

    import django

    django.setup()
    sets = {
        name: load_queries(path) for name, path in QUERY_SETS.items() if args.set in (None, name)
    }
    if problems := unknown_slugs(sets):
        sys.exit("\n".join(problems))
    if args.check:
        counts = ", ".join(f"{name} {len(queries)}" for name, queries in sets.items())
        print(f"Every judged slug is in the demo content (queries: {counts}).")
        return
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    if not settings.ELASTICSEARCH_URL:
        sys.exit("Set ELASTICSEARCH_URL: this benchmark compares Elasticsearch paths.")
    settings.ELASTICSEARCH_INDEX_PREFIX = f"bench_{uuid.uuid4().hex[:8]}_"
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        call_command("seed_demo", force=True, stdout=open(os.devnull, "w"))  # noqa: SIM115
        call_command("search_index", "rebuild", no_progress=True, stdout=open(os.devnull, "w"))  # noqa: SIM115
        rows = {name: [score(query) for query in queries] for name, queries in sets.items()}
    finally:
        from search import client, index

        index.drop_all(client.indexing_client())
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
    report(rows, args.queries)


def score(query: dict) -> dict:
    ranked = {path: RANKERS[path](query) for path in PATHS}
    judged = query["judgements"]
    return {
        "query": query,
        **{f"{path}_ndcg": ndcg(ranked[path], judged) for path in PATHS},
        **{f"{path}_s3": success(ranked[path], judged) for path in PATHS},
    }


def _request(query: dict):
    from search.types import SearchRequest

    filters = {name: tuple(values) for name, values in query["filters"].items()}
    return SearchRequest(query["query"], filters, page_size=DEPTH)


def rank_es(query: dict) -> list[str]:
    from search import service

    result = service.search(_request(query))
    assert not result.degraded, "Elasticsearch did not answer"
    return [hit.slug for hit in result.hits]


def rank_db(query: dict) -> list[str]:
    from django.test import override_settings

    from search import service

    with override_settings(ELASTICSEARCH_URL=""):
        result = service.search(_request(query))
    assert result.degraded, "the database did not answer"
    return [hit.slug for hit in result.hits]


def rank_bm25(query: dict) -> list[str]:
    from search import client

    filters = [{"terms": {name: values}} for name, values in query["filters"].items()]
    filters.append({"terms": {"visibility": ["public"]}})
    body = {
        "bool": {
            "must": {
                "multi_match": {"query": query["query"], "fields": ["title", "summary", "body"]}
            },
            "filter": filters,
        }
    }
    response = client.indexing_client().search(
        index=client.alias(), query=body, size=DEPTH, source=["slug"]
    )
    return [hit["_source"]["slug"] for hit in response["hits"]["hits"]]


RANKERS = {"es": rank_es, "db": rank_db, "bm25": rank_bm25}


def report(rows_by_set: dict[str, list[dict]], per_query: bool) -> None:
    from benchmarks.tables import print_rows, ratio

    def mean(values):
        values = list(values)
        return sum(values) / len(values) if values else 0.0

    header = ["queries", "n"]
    header += [f"{path} {measure}" for path in PATHS for measure in ("nDCG@10", "s@3")]
    header += [f"{path} ÷ bm25 nDCG" for path in PATHS if path != "bm25"]
    for name, rows in rows_by_set.items():
        groups = defaultdict(list)
        for row in rows:
            groups[row["query"]["type"]].append(row)
        table = []
        for group, members in [("all", rows), *sorted(groups.items())]:
            ndcg = {path: mean(r[path + "_ndcg"] for r in members) for path in PATHS}
            line = [group, str(len(members))]
            for path in PATHS:
                line += [f"{ndcg[path]:.3f}", f"{mean(r[path + '_s3'] for r in members):.2f}"]
            line += [ratio(ndcg[path], ndcg["bm25"]) for path in PATHS if path != "bm25"]
            table.append(line)
        print_rows(header, table, title=f"{name} ({QUERY_SETS[name].name})")
        print()
    if per_query:
        for name, rows in rows_by_set.items():
            per = [
                [(row["query"]["query"] + (" +filters" if row["query"]["filters"] else ""))[:57]]
                + [f"{row[p + '_ndcg']:.2f}" for p in PATHS]
                for row in rows
            ]
            print_rows([f"{name}: query (nDCG@10)", *PATHS], per)
            print()


if __name__ == "__main__":
    main()
