"""Import rate: 1,000 generated case studies into an empty database, in pages per second.

    .venv/bin/python benchmarks/import_rate.py [--pages 1000] [--settings network.settings.dev]

It creates a fresh, migrated database beside the configured one (DATABASE_URL, or SQLite
by default), imports the generated lines through `import_content`'s own code, prints a
table and drops the database again. Search indexing runs as it would in production when
ELASTICSEARCH_URL is set.
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--settings", default="network.settings.dev")
    args = parser.parse_args()
    os.environ["DJANGO_SETTINGS_MODULE"] = args.settings

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    from casestudies.importexport.importer import import_lines

    lines = generated_lines(args.pages)
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        started = time.perf_counter()
        report = import_lines(lines)
        elapsed = time.perf_counter() - started
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
    assert not report.rejections, report.rejections[:3]
    from django.conf import settings

    search = "Elasticsearch" if settings.ELASTICSEARCH_URL else "database table only"
    rows = [
        ("database", connection.vendor),
        ("search index", search),
        ("pages imported", f"{report.created:,}"),
        ("seconds", f"{elapsed:.1f}"),
        ("pages per second", f"{report.created / elapsed:.1f}"),
        ("ms per page", f"{1000 * elapsed / report.created:.1f}"),
    ]
    width = max(len(name) for name, _ in rows)
    print(f"{'import_rate':<{width}}  value")
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    main()
