"""What the server benchmarks share: the production settings on loopback, migrating and
seeding a database of the benchmark's own, starting gunicorn as `make serve` runs it (or
runserver), timing one GET, and printing a table.

`load.py` (gunicorn beside runserver under Elasticsearch faults) and `pages.py` (reading
pages beside a minimal view) both build on it.
"""

import http.client
import itertools
import os
import secrets
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLIENT_TIMEOUT_SECONDS = 30


def note(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def production_environment(
    database_url: str, elasticsearch_url: str, index_prefix: str, work: Path, **overrides: str
) -> dict[str, str]:
    """The variables production requires, with local stand-ins, for a server on loopback."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "network.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url,
        "EMAIL_URL": "dummymail://",
        "SITE_BASE_URL": "http://127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "ELASTICSEARCH_URL": elasticsearch_url,
        "ELASTICSEARCH_INDEX_PREFIX": index_prefix,
        "STATIC_ROOT": str(work / "static"),
        "LOG_LEVEL": "WARNING",
        **overrides,
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


def prepare(environment: dict[str, str], seed: bool = True) -> None:
    """Migrate, collect the static files and (unless `seed` is false) seed the demo
    content and rebuild the index under the environment's prefix."""
    note("Migrating (and creating the cache table)…")
    manage(environment, "migrate", "--noinput")
    manage(environment, "collectstatic", "--noinput", "--verbosity", "0")
    if not seed:
        return
    note("Seeding the demo content and rebuilding the index…")
    development = {**environment, "DJANGO_SETTINGS_MODULE": "network.settings.dev"}
    manage(development, "seed_demo")
    manage(development, "search_index", "rebuild")


def live_paths(environment: dict[str, str], model: str, limit: int = 12) -> list[str]:
    """The paths of up to `limit` published pages of a `casestudies` model."""
    code = (
        "import django; django.setup(); "
        f"from casestudies.models import {model}; "
        f"print('\\n'.join(p.url for p in {model}.objects.live().specific()[:{limit}]))"
    )
    output = subprocess.run(  # noqa: S603 (our own interpreter and arguments)
        [sys.executable, "-c", code], env=environment, cwd=ROOT, check=True, capture_output=True
    ).stdout.decode()
    paths = [line for line in output.splitlines() if line.startswith("/")]
    if not paths:
        sys.exit(f"No published {model}: run without --skip-seed.")
    return paths


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(server: str, port: int, environment: dict[str, str], work: Path) -> subprocess.Popen:
    """gunicorn with gunicorn.conf.py (as `make serve`), or `manage.py runserver`."""
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
            if get(connect(port), "/healthz")[0]:
                return
        except OSError:
            pass
        time.sleep(0.1)
    sys.exit("The server did not answer /healthz within a minute.")


def connect(port: int) -> http.client.HTTPConnection:
    return http.client.HTTPConnection("127.0.0.1", port, timeout=CLIENT_TIMEOUT_SECONDS)


def get(connection: http.client.HTTPConnection, path: str) -> tuple[bool, float]:
    """Whether the answer was 2xx, and how long it took."""
    started = time.perf_counter()
    connection.request("GET", path)
    response = connection.getresponse()
    response.read()
    return 200 <= response.status < 300, time.perf_counter() - started


def percentile(latencies: list[float], fraction: float) -> float:
    """The latency at `fraction` (0.95 for p95), in milliseconds."""
    if not latencies:
        return float("nan")
    ordered = sorted(latencies)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] * 1000


@dataclass
class Run:
    """What a number of clients saw: each answer's seconds, the failures, the wall time."""

    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0

    @property
    def requests(self) -> int:
        return len(self.latencies) + self.errors

    @property
    def throughput(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def drive(
    port: int,
    paths: list[str],
    clients: int,
    requests: int,
    seconds: float,
    before: Callable[[int], None] = lambda number: None,
) -> Run:
    """`clients` threads GET `paths` in turn, one connection each (reopened after a
    failure), until `requests` are issued or `seconds` pass; `before(n)` runs before the
    n-th request (a fault to inject mid-run)."""
    run = Run()
    lock = threading.Lock()
    issued = itertools.count()
    deadline = time.monotonic() + seconds

    def client() -> None:
        connection = connect(port)
        while time.monotonic() < deadline:
            number = next(issued)
            if number >= requests:
                break
            before(number)
            try:
                ok, took = get(connection, paths[number % len(paths)])
            except (OSError, http.client.HTTPException):
                ok, took = False, 0.0
                connection.close()
                connection = connect(port)
            with lock:
                if ok:
                    run.latencies.append(took)
                else:
                    run.errors += 1
        connection.close()

    started = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    run.seconds = time.monotonic() - started
    return run
