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
import http.client
import itertools
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.faults import BLACKHOLE, FORWARD, REFUSE, TcpProxy  # noqa: E402

PHASES = [("ES up", None), ("ES refused mid-run", REFUSE), ("ES black-holed mid-run", BLACKHOLE)]
CLIENT_TIMEOUT_SECONDS = 30
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


@dataclass
class Phase:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0

    @property
    def requests(self) -> int:
        return len(self.latencies) + self.errors


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
    environment = production_environment(args, proxy.url, work)
    prepare(args, environment)
    paths = request_mix(case_study_paths(environment))
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


def note(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def production_environment(args, elasticsearch_url: str, work: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "network.settings.production",
        "SECRET_KEY": "load-benchmark-only",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": args.database_url,
        "EMAIL_URL": "dummymail://",
        "SITE_BASE_URL": "http://127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "ELASTICSEARCH_URL": elasticsearch_url,
        "ELASTICSEARCH_INDEX_PREFIX": args.index_prefix,
        "STATIC_ROOT": str(work / "static"),
        "LOG_LEVEL": "WARNING",
    }


def manage(environment: dict[str, str], *arguments: str) -> None:
    result = subprocess.run(  # noqa: S603 (our own interpreter and arguments)
        [sys.executable, "manage.py", *arguments],
        env=environment,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if result.returncode:
        sys.exit(f"manage.py {' '.join(arguments)} failed:\n{result.stderr[-3000:]}")


def prepare(args, environment: dict[str, str]) -> None:
    note("Migrating (and creating the cache table)…")
    manage(environment, "migrate", "--noinput")
    manage(environment, "collectstatic", "--noinput", "--verbosity", "0")
    if args.skip_seed:
        return
    note("Seeding the demo content and rebuilding the index…")
    development = {**environment, "DJANGO_SETTINGS_MODULE": "network.settings.dev"}
    manage(development, "seed_demo")
    manage(development, "search_index", "rebuild")


def case_study_paths(environment: dict[str, str]) -> list[str]:
    code = (
        "import django; django.setup(); "
        "from casestudies.models import CaseStudyPage; "
        "print('\\n'.join(p.url for p in CaseStudyPage.objects.live().specific()[:12]))"
    )
    output = subprocess.run(  # noqa: S603 (our own interpreter and arguments)
        [sys.executable, "-c", code], env=environment, cwd=ROOT, check=True, capture_output=True
    ).stdout.decode()
    paths = [line for line in output.splitlines() if line.startswith("/")]
    if not paths:
        sys.exit("No published case studies: run without --skip-seed.")
    return paths


def request_mix(case_studies: list[str]) -> list[str]:
    """A fixed cycle: 4 search pages, 3 API calls and 3 case study pages in every 10."""
    searches, calls, pages = (itertools.cycle(p) for p in (SEARCH_PAGES, API_CALLS, case_studies))
    block = []
    for _ in range(60):
        block += [next(searches), next(calls), next(pages), next(searches), next(calls)]
        block += [next(pages), next(searches), next(calls), next(pages), next(searches)]
    return block


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(server: str, port: int, environment: dict[str, str], work: Path) -> subprocess.Popen:
    if server == "gunicorn":
        command = [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py"]
        environment = {**environment, "BIND": f"127.0.0.1:{port}"}
    else:
        command = [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"]
    log = (work / f"{server}.log").open("w")
    return subprocess.Popen(  # noqa: S603 (our own interpreter and arguments)
        command, env=environment, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT
    )


def wait_until_up(port: int, process: subprocess.Popen) -> None:
    for _ in range(600):
        if process.poll() is not None:
            sys.exit("The server stopped while starting; its log is in the temporary folder.")
        try:
            if get(http.client.HTTPConnection("127.0.0.1", port, timeout=5), "/healthz")[0]:
                return
        except OSError:
            pass
        time.sleep(0.1)
    sys.exit("The server did not answer /healthz within a minute.")


def get(connection: http.client.HTTPConnection, path: str) -> tuple[bool, float]:
    """Whether the answer was 2xx, and how long it took."""
    started = time.perf_counter()
    connection.request("GET", path)
    response = connection.getresponse()
    response.read()
    return 200 <= response.status < 300, time.perf_counter() - started


def run_phase(port: int, paths: list[str], proxy: TcpProxy, fault, args) -> Phase:
    proxy.set_mode(FORWARD)
    time.sleep(SETTLE_SECONDS)
    warm = http.client.HTTPConnection("127.0.0.1", port, timeout=CLIENT_TIMEOUT_SECONDS)
    for path in paths[:WARM_UP_REQUESTS]:
        get(warm, path)
    warm.close()

    phase = Phase()
    lock = threading.Lock()
    issued = itertools.count()
    deadline = time.monotonic() + args.phase_seconds
    fault_at = args.requests // 2

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=CLIENT_TIMEOUT_SECONDS)
        while time.monotonic() < deadline:
            number = next(issued)
            if number >= args.requests:
                break
            if fault and number == fault_at:
                proxy.set_mode(fault)
            try:
                ok, seconds = get(connection, paths[number % len(paths)])
            except (OSError, http.client.HTTPException):
                ok, seconds = False, 0.0
                connection.close()
                connection = http.client.HTTPConnection(
                    "127.0.0.1", port, timeout=CLIENT_TIMEOUT_SECONDS
                )
            with lock:
                if ok:
                    phase.latencies.append(seconds)
                else:
                    phase.errors += 1
        connection.close()

    started = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(args.clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    phase.seconds = time.monotonic() - started
    proxy.set_mode(FORWARD)
    return phase


def percentile(latencies: list[float], fraction: float) -> float:
    if not latencies:
        return float("nan")
    ordered = sorted(latencies)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] * 1000


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
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))


if __name__ == "__main__":
    main()
