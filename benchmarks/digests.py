"""Digests at scale: 10,000 confirmed subscribers over 2,000 distinct topics, 300 newly
published items; time and peak memory to build every digest and hand it to the email
backend, digests per second, and database queries per digest.

    .venv/bin/python benchmarks/digests.py [--subscribers 10000] [--topics 2000] [--items 300]
                                           [--settings network.settings.test] [--profile]
                                           [--example]

It creates a fresh, migrated database beside the configured one (DATABASE_URL), writes
the 300 items straight into the search backend's `Entry` table as the indexer would (the
documents of generated case studies; importing 300 pages would only time the importer)
and answers from the database backend, the one every deployment has. Subscribers and
their topics are written in bulk. Each size runs twice from the same state: once timed,
once under tracemalloc and counting queries (both slow a run down). Email goes to the
locmem backend, emptied after each message so that the outbox does not count as the
digests' memory. The table then shows whether memory stays flat as subscribers grow.
With --example it also prints the plain-text part of the first digest sent.
"""

import argparse
import datetime
import os
import random
import sys
import time
import tracemalloc
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.tables import print_rows, ratio  # noqa: E402

AIM = 1_000  # digests a second at 10,000 subscribers
WORDS = ["commissioning", "social value", "outcomes", "local jobs", "co-operative"]
FACETS = ("theme", "sector", "region", "stage", "outcome_area", "organisation_type")


def slugs(name: str) -> list[str]:
    from taxonomy.vocabularies import VOCABULARIES

    return [slug for slug, _name, _description in VOCABULARIES[name]]


def write_items(count: int, now) -> None:
    """`count` case studies published in the last hours, as `Entry` rows."""
    from search.entries import to_entry
    from search.kinds import Document
    from search.models import Entry

    values = {name: slugs(name) for name in FACETS}
    entries = []
    for n in range(count):
        document = Document(
            kind="case_study",
            key=100_000 + n,
            title=f"Commissioning for social value in place {n}",
            url=f"/case-studies/bench-{n}/",
            slug=f"bench-{n}",
            summary=f"How place {n} bought {WORDS[n % len(WORDS)]} beyond price.",
            body=f"Outcome-based commissioning with local jobs and {WORDS[(n + 2) % 5]}.",
            facets={
                name: [vals[(n * (i + 1)) % len(vals)]]
                for i, (name, vals) in enumerate(values.items())
            },
            year=2026,
            published_at=now - datetime.timedelta(minutes=n),
            source=f"casestudies.casestudypage:{100_000 + n}",
        )
        document.topics = [WORDS[n % len(WORDS)]]
        entries.append(to_entry(document))
    Entry.objects.bulk_create(entries)


def generated_topics(count: int) -> list[str]:
    """`count` distinct normalised topics: one to three facets, some with words."""
    from newsletter.topics import normalise

    values = {name: slugs(name) for name in FACETS}
    chooser = random.Random(42)
    topics = {""}
    while len(topics) < count:
        params = {}
        for name in chooser.sample(FACETS, chooser.randint(1, 3)):
            params[name] = chooser.sample(values[name], chooser.randint(1, 2))
        if chooser.random() < 0.3:
            params["q"] = chooser.choice(WORDS)
        topics.add(normalise(urlencode(params, doseq=True)))
    return sorted(topics)


def write_subscribers(count: int, topics: list[str], since) -> None:
    from newsletter.models import Subscriber, Subscription

    chooser = random.Random(7)
    Subscriber.objects.bulk_create(
        Subscriber(email=f"reader{n}@example.org", status="confirmed", confirmed_at=since)
        for n in range(count)
    )
    subscriptions = []
    for subscriber_id in Subscriber.objects.values_list("pk", flat=True).iterator():
        for topic in chooser.sample(topics, chooser.randint(1, 3)):
            subscriptions.append(
                Subscription(
                    subscriber_id=subscriber_id,
                    topic=topic,
                    frequency="daily",
                    confirmed_at=since,
                    last_run_at=since,
                )
            )
    Subscription.objects.bulk_create(subscriptions, batch_size=5_000)


def reset(since) -> None:
    from newsletter.models import Send, Subscription

    Send.objects.all().delete()
    Subscription.objects.update(last_run_at=since)


def run(now):
    from newsletter.digests import send_digests

    return send_digests("daily", now=now)


def profile(subscribers: int, topics: list[str], lines: int = 25) -> None:
    """One more run under cProfile, printing the functions that took the most time."""
    import cProfile
    import pstats

    now = datetime.datetime.now(datetime.UTC)
    since = now - datetime.timedelta(days=1)
    reset(since)
    profiler = cProfile.Profile()
    profiler.runcall(run, now)
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(lines)
    pstats.Stats(profiler).sort_stats("tottime").print_stats(lines)


def measure(subscribers: int, topics: list[str], items: int) -> dict:
    from django.db import connection

    from newsletter.models import Subscriber, Subscription

    now = datetime.datetime.now(datetime.UTC)
    since = now - datetime.timedelta(days=1)
    Subscription.objects.all().delete()
    Subscriber.objects.all().delete()
    write_subscribers(subscribers, topics, since)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # the statistics a live database has

    reset(since)
    started = time.perf_counter()
    report = run(now)
    elapsed = time.perf_counter() - started

    reset(since)
    queries = []
    tracemalloc.start()
    with connection.execute_wrapper(lambda execute, *a: queries.append(1) or execute(*a)):
        run(now)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "subscribers": subscribers,
        "topics searched": report.topics,
        "digests sent": report.sent,
        "items sent": report.items,
        "seconds": f"{elapsed:.2f}",
        "digests per second": f"{report.sent / elapsed:,.0f}",
        "of the aim (1,000/s)": ratio(report.sent / elapsed, AIM),
        "of which searching (s)": f"{report.search_seconds:.2f}",
        "digests/s, searches aside": f"{report.sent / (elapsed - report.search_seconds):,.0f}",
        "peak memory (MB)": f"{peak / 1e6:.1f}",
        "queries per digest": f"{len(queries) / max(1, report.sent):.2f}",
        "queries in all": len(queries),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--topics", type=int, default=2_000)
    parser.add_argument("--items", type=int, default=300)
    parser.add_argument("--settings", default="network.settings.test")
    parser.add_argument(
        "--profile", action="store_true", help="then profile a run of the largest size"
    )
    parser.add_argument(
        "--example", action="store_true", help="print the first digest's plain-text part"
    )
    args = parser.parse_args()
    os.environ["DJANGO_SETTINGS_MODULE"] = args.settings

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    setup_test_environment()
    settings.ELASTICSEARCH_URL = ""
    settings.EMAIL_BACKEND = f"{__name__}.ForgetfulBackend"
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        write_items(args.items, datetime.datetime.now(datetime.UTC))
        topics = generated_topics(args.topics)
        sizes = sorted({max(1, args.subscribers // 4), args.subscribers})
        results = [measure(size, topics, args.items) for size in sizes]
        if args.profile:
            profile(sizes[-1], topics)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
    title = f"digests: {args.items} new items, {len(topics):,} topics, database {connection.vendor}"
    names = [name for name in results[0] if name != "subscribers"]
    rows = [[name, *(str(r[name]) for r in results)] for name in names]
    print_rows(["subscribers", *(f"{r['subscribers']:,}" for r in results)], rows, title)
    if args.example and ForgetfulBackend.first is not None:
        email = ForgetfulBackend.first
        print(f"\nFirst digest, to {email.to[0]}: {email.subject}\n\n{email.body}")


def _backend():
    from django.core import mail
    from django.core.mail.backends.locmem import EmailBackend

    class ForgetfulBackend(EmailBackend):
        """locmem, which builds every message in full, then empties its outbox (keeping
        the first message only, for --example)."""

        sent = 0
        first = None

        def send_messages(self, messages):
            count = super().send_messages(messages)
            ForgetfulBackend.sent += count
            if ForgetfulBackend.first is None and mail.outbox:
                ForgetfulBackend.first = mail.outbox[0]
            mail.outbox.clear()
            return count

    return ForgetfulBackend


if __name__ == "__main__":
    ForgetfulBackend = _backend()
    main()
