"""Open data benchmark: how long `dump_open_data` takes and how large its files are, for
the demo content and for a generated corpus of 10,000 case studies.

    python benchmarks/open_data.py --database-url postgres://user:pass@host:port/odbench

Each content set gets a database of its own (`<name>_demo`, `<name>_12500`), built once:
the demo by `seed_demo`, the corpus by the search benchmark's generator
(`search_corpus.py`; 12,500 documents are 10,000 case studies, 500 seminars and their
2,000 lessons). The dump runs three times into a temporary directory; the table shows the
fastest run, the files' sizes and the time per case study.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ROUNDS = 3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", nargs="+", default=["demo", "12500"])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return worker(args.worker)
    if not args.database_url.startswith(("postgres://", "postgresql://")):
        parser.error("Give --database-url (or DATABASE_URL) a PostgreSQL database.")
    from benchmarks.search import ensure_database

    results = []
    for name in args.sets:
        print(f"Content set {name}…", file=sys.stderr, flush=True)
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "benchmarks.search_settings",
            "DATABASE_URL": ensure_database(f"{args.database_url.rstrip('/')}_{name}"),
            "ELASTICSEARCH_URL": "",
            "PYTHONPATH": str(ROOT),
        }
        output = subprocess.run(  # noqa: S603 (this script, with our own arguments)
            [sys.executable, __file__, "--worker", name],
            env=environment,
            check=True,
            stdout=subprocess.PIPE,
            text=True,
        ).stdout
        results.append(json.loads(output.strip().splitlines()[-1]))
    print_table(results)
    return None


def worker(name: str) -> None:
    import django

    django.setup()
    from django.core.management import call_command

    from casestudies.models import CaseStudyPage
    from opendata.dump import write_dump

    call_command("migrate", verbosity=0)
    if not CaseStudyPage.objects.exists():
        started = time.perf_counter()
        if name == "demo":
            call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        else:
            import search_corpus

            search_corpus.build(int(name))
        print(f"  built in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    runs = []
    for _ in range(ROUNDS):
        with tempfile.TemporaryDirectory() as directory:
            started = time.perf_counter()
            manifest = write_dump(Path(directory))
            runs.append((time.perf_counter() - started, manifest))
    seconds, manifest = min(runs, key=lambda run: run[0])
    print(json.dumps({"name": name, "seconds": seconds, "files": manifest["files"]}))


def print_table(results: list[dict]) -> None:
    from tables import print_rows

    rows = []
    for result in results:
        files = {f["name"]: f for f in result["files"]}
        cases = files["case-studies.jsonl"]["records"]

        def size(fmt: str, files=files) -> str:
            total = sum(f["size"] for f in files.values() if f["format"] == fmt)
            return f"{total / 1_000_000:.2f} MB"

        rows.append(
            [
                result["name"],
                f"{cases:,}",
                f"{files['seminars.jsonl']['records']:,}",
                f"{files['lessons.jsonl']['records']:,}",
                f"{files['organisations.jsonl']['records']:,}",
                size("jsonl"),
                size("csv"),
                f"{result['seconds']:.2f} s",
                f"{1000 * result['seconds'] / max(cases, 1):.2f} ms",
            ]
        )
    print_rows(
        ["content", "case studies", "seminars", "lessons", "organisations", "JSON Lines",
         "CSV", f"dump (best of {ROUNDS})", "per case study"],
        rows,
        "dump_open_data: every file and the manifest, written once",
    )  # fmt: skip


if __name__ == "__main__":
    main()
