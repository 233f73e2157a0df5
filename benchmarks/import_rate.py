"""Import rate: 1,000 generated case studies into an empty database, in pages per second.

    .venv/bin/python benchmarks/import_rate.py [--pages 1000] [--settings network.settings.dev]
        [--modes per-save,bulk] [--profile FILE]

For each run it creates a fresh, migrated database beside the configured one
(DATABASE_URL, or SQLite by default), imports the generated lines through
`import_content`'s own code, counts the SQL statements sent, and drops the database
again. Two modes side by side: `bulk`, as `import_content` runs (indexing deferred to the
end of the run), and `per-save`, every page indexed at every save as before bulk import
existed. Each runs without Elasticsearch and, when ELASTICSEARCH_URL is set, with it (in
an index of its own, dropped after). The table gives pages a second, queries a page and
the share of the 50 pages a second aim. `--profile FILE` then profiles one more bulk run
(of `--profile-pages`, with Elasticsearch when set) and writes its cProfile to FILE.
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def generated_lines(count: int) -> list[str]:
    from casestudies.factories import as_lines, case_study_record
    from taxonomy.vocabularies import VOCABULARIES

    def slugs(name):
        return [slug for slug, _name, _description in VOCABULARIES[name]]

    regions, stages, themes = slugs("region"), slugs("stage"), slugs("theme")
    sectors, outcomes = slugs("sector"), slugs("outcome_area")
    types = slugs("organisation_type")
    return as_lines(
        *(
            case_study_record(
                slug=f"bench-{n}",
                title=f"Commissioning for social value in place {n}",
                body="\n\n".join(
                    f"Paragraph {p} about outcome-based commissioning." for p in range(6)
                ),
                organisation={"name": f"Organisation {n % 150}", "type": types[n % len(types)]},
                region=regions[n % len(regions)],
                sectors=[sectors[n % 3]],
                themes=[themes[n % 3], themes[(n + 1) % 3]],
                outcome_areas=[outcomes[n % 5]],
                stages=[stages[n % 6]],
                year=2013 + n % 14,
            )
            for n in range(count)
        )
    )


AIM = 50.0  # pages a second, on PostgreSQL with Elasticsearch indexing


def timed_import(lines: list[str], *, defer: bool, elasticsearch: bool, profile: str = ""):
    """Import `lines` into a fresh, migrated database (and, with `elasticsearch`, a fresh
    index of its own): seconds taken, SQL statements sent, pages created."""
    import cProfile
    import uuid

    from django.conf import settings
    from django.db import connection
    from django.test.utils import override_settings

    from casestudies.importexport.importer import import_lines
    from search import index
    from search.client import indexing_client

    search = {"ELASTICSEARCH_URL": settings.ELASTICSEARCH_URL if elasticsearch else ""}
    if elasticsearch:
        prefix = f"{settings.ELASTICSEARCH_INDEX_PREFIX}bench_{uuid.uuid4().hex[:6]}_"
        search["ELASTICSEARCH_INDEX_PREFIX"] = prefix
    statements = 0

    def count(execute, sql, params, many, context):
        nonlocal statements
        statements += 1
        return execute(sql, params, many, context)

    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    profiler = cProfile.Profile() if profile else None
    try:
        with override_settings(**search), connection.execute_wrapper(count):
            if elasticsearch:
                index.ensure_alias(indexing_client())
            statements = 0
            started = time.perf_counter()
            if profiler:
                profiler.enable()
            report = import_lines(lines, defer=defer)
            elapsed = time.perf_counter() - started
            if profiler:
                profiler.disable()
                profiler.dump_stats(profile)
            if elasticsearch:
                index.drop_all(indexing_client())
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    assert not report.rejections, report.rejections[:3]
    return elapsed, statements, report.created


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--settings", default="network.settings.dev")
    parser.add_argument(
        "--modes", default="per-save,bulk", help="per-save (defer=False), bulk, or both"
    )
    parser.add_argument(
        "--profile",
        default="",
        help="after the timed runs, profile a bulk run of --profile-pages and write it here",
    )
    parser.add_argument("--profile-pages", type=int, default=300)
    args = parser.parse_args()
    os.environ["DJANGO_SETTINGS_MODULE"] = args.settings

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    lines = generated_lines(args.pages)
    searches = [False, True] if settings.ELASTICSEARCH_URL else [False]
    modes = args.modes.split(",")
    figures = {}
    setup_test_environment()
    try:
        for elasticsearch in searches:
            for mode in modes:
                figures[elasticsearch, mode] = timed_import(
                    lines, defer=mode == "bulk", elasticsearch=elasticsearch
                )
        if args.profile:  # apart: the profiler's own cost must not reach the table
            timed_import(
                lines[: args.profile_pages],
                defer=True,
                elasticsearch=searches[-1],
                profile=args.profile,
            )
    finally:
        teardown_test_environment()

    from benchmarks.tables import print_rows, ratio

    title = f"import_rate: {args.pages:,} case studies, {connection.vendor}, aim {AIM:.0f} pages/s"
    header = ["search index", "mode", "pages/s", "ms/page", "queries/page", "of aim"]
    rows = []
    for (elasticsearch, mode), (elapsed, statements, created) in figures.items():
        rate = created / elapsed
        rows.append(
            [
                "Elasticsearch" if elasticsearch else "database only",
                mode,
                f"{rate:.1f}",
                f"{1000 * elapsed / created:.1f}",
                f"{statements / created:.1f}",
                ratio(rate, AIM),
            ]
        )
    rates = {(row[0], row[1]): float(row[2]) for row in rows}
    header.append("bulk ÷ per-save")
    for row in rows:
        per_save = rates.get((row[0], "per-save"))
        row.append(ratio(rates[row[0], row[1]], per_save) if row[1] == "bulk" else "-")
    print_rows(header, rows, title)


if __name__ == "__main__":
    main()
