"""Search benchmark: latency of every search path, the rebuild rate and what the vectors
cost, at 10,000 and 100,000 documents, in one run on one machine.

    .venv/bin/python benchmarks/search.py --database-url postgres://…/search_bench
        [--sizes 10000 100000] [--queries 200] [--only rebuild] [--index-prefix bench]
        [--elasticsearch-url http://127.0.0.1:9200]

For each size it builds a deterministic corpus once (see `search_corpus.py`) in a
PostgreSQL database of its own, the given one's name with the size after it
(`search_bench_100000`, created when missing and kept for the next run; a marker in
benchmarks/.corpus/ says what it holds), since the database backend is measured on the
database production runs. It rebuilds the Elasticsearch index from it twice, each in a
process of its own (rate, CPU time and peak memory): without vectors (`search.vectors.attach`
replaced in that process by one that leaves every document's `vector` None, so the model is
never loaded and no `vector` field is sent), then with them, as the site does. It measures
the limit of that rebuild (the same documents, serialised before the clock starts, sent with
the client's parallel bulk helper into a fresh index with the rebuild's settings), and, in a
fresh process, the resident memory after `django.setup()`, after also loading the model and
embedding one text, and after the database backend's first search with words (which reads
every entry's vector into one numpy matrix, `search/backends/meaning.py`; a search without
words before it warms the rest of that path). Then it starts the site on gunicorn as
production runs it (gunicorn.conf.py: a gthread worker of WEB_THREADS threads; one worker,
for the one client) and sends the same realistic mix of queries (at least 200, after a
warm-up) to:
- raw: the Elasticsearch requests the backend sends for the query, built with its own
  functions before the clock starts (and with the query's vector): for a search with words,
  the multi-search of the words' and the meaning's orders, then the fetch of the fused page
  (its ids fused beforehand from the same multi-search); otherwise the one search. Raw
  leaves out only our Python: the analysis, building and parsing, the fusion;
- ES backend: the search service's Elasticsearch backend, in process;
- API: GET /api/search/ over HTTP, on a keep-alive session;
- page: GET /search/ over HTTP;
- database: the search service's database backend, in process.
It prints a table of p50 and p95 latencies with the ratios API÷raw and database÷ES and the
rebuild's rate beside the limit's, then one of the vectors' cost: the rebuild with vectors
beside without, and the memory of the model and of the matrix. `--only rebuild` measures the
rebuilds and the limit and nothing else.
"""

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.tables import print_rows, ratio  # noqa: E402

CORPUS_DIR = ROOT / "benchmarks" / ".corpus"
WARM_UP = 20
# The limit's sender: two bulk threads (the node and this process share two cores) of 500
# documents (about a megabyte a request), well inside a 512 MB heap.
LIMIT_THREADS = 2
LIMIT_CHUNK = 500
PATHS = ["raw", "es_backend", "api", "page", "database"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument(
        "--only", choices=["rebuild"], help="Measure only the rebuild and its limit."
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="Rebuild and limit this many times each, in turn; the table shows the best.",
    )
    parser.add_argument(
        "--index-prefix", default="bench", help="Start of the benchmark's index names."
    )
    parser.add_argument(
        "--elasticsearch-url",
        default=os.environ.get("ELASTICSEARCH_URL") or "http://127.0.0.1:9200",
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", ""),
        help="A PostgreSQL database; each size gets one of its own named after it.",
    )
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--rebuild", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--without-vectors", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--memory", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--limit", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.rebuild:
        return rebuild(with_vectors=not args.without_vectors)
    if args.memory:
        return memory()
    if args.limit:
        return limit()
    if args.worker:
        return worker(args.worker, args.queries, args.only, args.rounds)
    if not args.database_url.startswith(("postgres://", "postgresql://")):
        parser.error("Give --database-url (or DATABASE_URL) a PostgreSQL database.")
    results = []
    for size in args.sizes:
        print(f"Corpus of {size:,} documents…", file=sys.stderr, flush=True)
        extra = ["--only", args.only] if args.only else []
        extra += ["--queries", str(args.queries), "--rounds", str(args.rounds)]
        output = subprocess.run(  # noqa: S603 (this script, with our own arguments)
            [sys.executable, __file__, "--worker", str(size), *extra],
            env=environment(size, args.database_url, args.elasticsearch_url, args.index_prefix),
            check=True,
            stdout=subprocess.PIPE,
            text=True,
        ).stdout
        results.append(json.loads(output.strip().splitlines()[-1]))
    print_table(results, args.queries)
    return None


def environment(size: int, database_url: str, elasticsearch_url: str, prefix: str) -> dict:
    CORPUS_DIR.mkdir(exist_ok=True)
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benchmarks.search_settings",
        "DATABASE_URL": ensure_database(f"{database_url.rstrip('/')}_{size}"),
        "ELASTICSEARCH_URL": elasticsearch_url,
        "ELASTICSEARCH_INDEX_PREFIX": f"{prefix}{size}_",
        "PYTHONPATH": str(ROOT),
    }


def ensure_database(url: str) -> str:
    """Create the database `url` names when it does not exist yet."""
    from urllib.parse import urlsplit

    import psycopg
    from psycopg import sql

    name = urlsplit(url).path.lstrip("/")
    server = urlsplit(url)._replace(path="/postgres").geturl()
    with psycopg.connect(server, autocommit=True) as connection:
        known = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if known.fetchone() is None:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return url


def setup_django() -> None:
    import django

    django.setup()


# --- One corpus size, in its own process --------------------------------------------------


def worker(size: int, count: int, only: str | None, rounds: int) -> None:
    setup_django()
    ensure_corpus(size)
    # In turn, so that a busy moment on a shared machine falls on each alike; with vectors
    # last, so that the index searched next has them.
    runs = [
        (measure_rebuild(vectors=False), measure_rebuild(), measure_limit()) for _ in range(rounds)
    ]
    bare = min((run[0] for run in runs), key=lambda result: result["seconds"])
    rebuilt = min((run[1] for run in runs), key=lambda result: result["seconds"])
    ceiling = min((run[2] for run in runs), key=lambda result: result["limit_seconds"])
    result = {"size": size, **rebuilt, **ceiling, "without_vectors": bare}
    if only == "rebuild":
        print(json.dumps(result))
        return
    result["memory"] = measure_memory()
    port = free_port()
    server = serve(port)
    try:
        result["timings"] = measure(f"http://127.0.0.1:{port}", count, server)
    finally:
        server.terminate()
        server.wait()
    print(json.dumps(result))


def ensure_corpus(size: int) -> None:
    """Build the corpus once; rebuild the database backend's entries when the search
    app's migrations change."""
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.recorder import MigrationRecorder

    import search_corpus

    from search import indexing

    marker = CORPUS_DIR / f"{connection.settings_dict['NAME']}.json"
    known = json.loads(marker.read_text()) if marker.exists() else {}
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrations = sorted(
        MigrationRecorder.Migration.objects.filter(app="search").values_list("name", flat=True)
    )
    if known.get("version") != search_corpus.VERSION:
        search_corpus.build(size)
        log(f"built {size:,} documents in {time.perf_counter() - started:.0f} s")
    if known.get("version") != search_corpus.VERSION or known.get("search") != migrations:
        started = time.perf_counter()
        entries = indexing.rebuild_entries()
        log(f"database backend: {entries:,} entries in {time.perf_counter() - started:.0f} s")
    marker.write_text(json.dumps({"version": search_corpus.VERSION, "search": migrations}))


def measure_rebuild(vectors: bool = True) -> dict:
    """Rebuild the index in a process of its own, for its peak memory."""
    extra = [] if vectors else ["--without-vectors"]
    output = subprocess.run(  # noqa: S603 (this script)
        [sys.executable, __file__, "--rebuild", *extra],
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    ).stdout
    result = json.loads(output.strip().splitlines()[-1])
    log(
        f"rebuild {'with' if vectors else 'without'} vectors: "
        f"{result['documents']:,} documents in {result['seconds']:.1f} s "
        f"({result['cpu_seconds']:.1f} s of CPU), peak {result['peak_mb']:.0f} MB"
    )
    return result


def rebuild(with_vectors: bool) -> None:
    """Without vectors, `vectors.attach` leaves every document's `vector` None: the model
    never loads and the documents are sent without one."""
    setup_django()
    from search import indexing, vectors

    if not with_vectors:

        def attach(documents) -> None:
            for document in documents:
                document.vector = None

        vectors.attach = attach
    started, cpu = time.perf_counter(), os.times()
    documents = indexing.rebuild_index()
    seconds, after = time.perf_counter() - started, os.times()
    cpu_seconds = after.user + after.system - cpu.user - cpu.system
    print(
        json.dumps(
            {
                "documents": documents,
                "seconds": seconds,
                "cpu_seconds": cpu_seconds,
                "peak_mb": peak_mb(),
            }
        )
    )


def measure_limit() -> dict:
    """The limit, in a process of its own too: what the node ingests of these documents."""
    output = subprocess.run(  # noqa: S603 (this script)
        [sys.executable, __file__, "--limit"], check=True, stdout=subprocess.PIPE, text=True
    ).stdout
    result = json.loads(output.strip().splitlines()[-1])
    log(f"limit: {result['limit_documents']:,} documents in {result['limit_seconds']:.1f} s")
    return result


def limit() -> None:
    """The bulk bodies the rebuild would send, serialised before timing, sent with the
    client's parallel bulk helper into a fresh index created, settled and refreshed as the
    rebuild's is. Its name is outside the alias's pattern, so the site never sees it."""
    setup_django()
    from collections import deque

    from elasticsearch import helpers

    from search import index, indexing
    from search.client import alias, indexing_client
    from search.mapping import SETTLED_SETTINGS

    client = indexing_client()
    name = f"{alias()}_limit"
    client.indices.delete(index=name, ignore_unavailable=True)
    index.create_index(client, name, bulk=True)
    dumps = client.transport.serializers.get_serializer("application/json").dumps
    lines = []
    for action in index.actions(indexing.all_documents(), name, index.new_version()):
        header, source = helpers.expand_action(action)
        lines.append((dumps(header), dumps(source)))
    try:
        started = time.perf_counter()
        results = helpers.parallel_bulk(
            client,
            lines,
            thread_count=LIMIT_THREADS,
            chunk_size=LIMIT_CHUNK,
            expand_action_callback=lambda pair: pair,  # already serialised
        )
        deque(results, maxlen=0)  # raises BulkIndexError if a document was refused
        client.indices.put_settings(index=name, settings={"index": SETTLED_SETTINGS})
        client.indices.refresh(index=name)
        seconds = time.perf_counter() - started
    finally:
        client.indices.delete(index=name, ignore_unavailable=True)
    print(json.dumps({"limit_documents": len(lines), "limit_seconds": seconds}))


def measure_memory() -> dict:
    """The model's and the database backend's matrix's memory, in a fresh process."""
    output = subprocess.run(  # noqa: S603 (this script)
        [sys.executable, __file__, "--memory"], check=True, stdout=subprocess.PIPE, text=True
    ).stdout
    result = json.loads(output.strip().splitlines()[-1])
    log(
        f"memory: {result['django_mb']:.0f} MB, {result['model_mb']:.0f} MB with the model, "
        f"matrix {result['matrix_mb']:.0f} MB ({result['matrix_rows']:,} rows)"
    )
    return result


def memory() -> None:
    """Resident memory after `django.setup()`; after also loading the model and embedding
    one text; before and after the database backend's first search with words, which reads
    the vectors into its matrix (a search without words first warms the rest of its path)."""
    setup_django()
    from django.http import QueryDict

    import search_corpus

    from search import vectors
    from search.backends import database, meaning
    from search.params import parse
    from search.query import analyse
    from search.visibility import ANONYMOUS

    django_mb = resident_mb()
    vectors.embed_query(search_corpus.TOPICS[0])
    model_mb = resident_mb()
    browse = parse(query_dict(QueryDict, {}), ANONYMOUS)
    database.search(browse, analyse(browse.query))
    before_mb = resident_mb()
    words = parse(query_dict(QueryDict, {"q": search_corpus.TOPICS[0]}), ANONYMOUS)
    database.search(words, analyse(words.query))
    matrix = meaning._matrix
    if matrix is None:
        raise SystemExit("The database backend's search with words built no matrix.")
    print(
        json.dumps(
            {
                "django_mb": django_mb,
                "model_mb": model_mb,
                "before_matrix_mb": before_mb,
                "after_matrix_mb": resident_mb(),
                "matrix_mb": matrix.vectors.nbytes / 2**20,
                "matrix_rows": len(matrix.pks),
            }
        )
    )


def peak_mb() -> float:
    """This process's peak resident memory. VmHWM, not getrusage's ru_maxrss: after a
    spawn the latter can report the parent's peak."""
    return status_mb("VmHWM:")


def resident_mb() -> float:
    return status_mb("VmRSS:")


def status_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field):
            return int(line.split()[1]) / 1024
    return float("nan")


def serve(port: int) -> subprocess.Popen:
    """The site on gunicorn as production runs it (gunicorn.conf.py: gthread workers of
    WEB_THREADS threads, Nagle's algorithm off), with one worker for the one client and
    only warnings logged."""
    return subprocess.Popen(  # noqa: S603 (our own interpreter and arguments)
        [
            *[sys.executable, "-m", "gunicorn", "--config", str(ROOT / "gunicorn.conf.py")],
            *["--bind", f"127.0.0.1:{port}", "--workers", "1", "--log-level", "warning"],
            *["--access-logfile", "/dev/null"],
        ],
        cwd=ROOT,
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def log(message: str) -> None:
    print(f"  {message}", file=sys.stderr, flush=True)


# --- Timing ------------------------------------------------------------------------------


def measure(base_url: str, count: int, server: subprocess.Popen) -> dict[str, list[float]]:
    from django.http import QueryDict

    import requests
    import search_corpus

    from search.backends import database
    from search.backends import elasticsearch as backend
    from search.params import parse
    from search.query import analyse
    from search.visibility import ANONYMOUS

    mix = search_corpus.queries(count + WARM_UP)
    requests_ = [parse(query_dict(QueryDict, params), ANONYMOUS) for params in mix]
    waiting = backend._waiting()
    raw = [raw_requests(request, waiting) for request in requests_]
    session = requests.Session()
    wait_for(session, base_url, server)
    calls: dict[str, tuple[list, Any]] = {
        "raw": (raw, send),
        "es_backend": (requests_, lambda request: backend.search(request, analyse(request.query))),
        "api": (mix, lambda params: get(session, f"{base_url}/api/search/", params)),
        "page": (mix, lambda params: get(session, f"{base_url}/search/", params)),
        "database": (requests_, lambda request: database.search(request, analyse(request.query))),
    }
    for sends in raw:  # warm Elasticsearch's caches for every path alike
        send(sends)
    timings: dict = {"kinds": [query_kind(params) for params in mix[WARM_UP:]]}
    for name, (items, call) in calls.items():
        for item in items[:WARM_UP]:
            call(item)
        timings[name] = [timed(call, item) for item in items[WARM_UP:]]
        log(f"{name}: p50 {percentile(timings[name], 50):.1f} ms")
    return timings


def raw_requests(request, waiting: list[str]) -> list[tuple]:
    """The Elasticsearch requests the backend sends for `request` (as `search` and `_fused`
    build them), each as a client method and its arguments. For a fused order the
    multi-search is sent once here, to fuse the ids of the page to fetch."""
    from search import fusion
    from search.backends import elasticsearch as backend
    from search.client import alias, search_client
    from search.query import analyse

    client, analysed = search_client(), analyse(request.query)
    if not fusion.fuses(request, analysed):  # also makes the query's vector
        body = backend.build_search(request, analysed, waiting)
        return [(client.search, {**body, "index": alias()})]
    words = backend.text_query(analysed, request.closest)
    lines = [
        {},
        backend.build_search(request, analysed, waiting, words),
        {},
        backend.build_by_meaning(request, analysed, waiting, words),
    ]
    both: dict[str, Any] = {"searches": lines, "index": alias()}
    by_words, by_meaning = backend._answers(client.msearch(**both).body, 2)
    order = fusion.fuse(backend._scored_ids(by_words), backend._scored_ids(by_meaning))
    ids = order[request.offset : request.offset + request.page_size]
    if not ids:
        return [(client.msearch, both)]
    page = backend.page_body(ids, None if request.hits_only else words)
    return [(client.msearch, both), (client.search, {**page, "index": alias()})]


def send(sends: list[tuple]) -> None:
    for method, arguments in sends:
        method(**arguments)


def query_kind(params: dict) -> str:
    """browse (no words), topic (a topic's phrase) or words (one to three of the domain's
    words), with "+facets" when the query selects facet values."""
    import search_corpus

    kind = (
        "browse"
        if "q" not in params
        else "topic"
        if params["q"] in search_corpus.TOPICS
        else "words"
    )
    return kind + ("+facets" if set(params) - {"q", "page", "sort"} else "")


def query_dict(query_dict_class, params: dict):
    query = query_dict_class(mutable=True)
    for key, value in params.items():
        query.setlist(key, [str(v) for v in value] if isinstance(value, list) else [str(value)])
    return query


def get(session, url: str, params: dict):
    response = session.get(url, params=params, timeout=120)
    response.raise_for_status()
    return response


def wait_for(session, base_url: str, server: subprocess.Popen) -> None:
    for _ in range(120):
        if server.poll() is not None:
            raise SystemExit("gunicorn stopped while starting.")
        try:
            if session.get(f"{base_url}/api/search/", timeout=5).ok:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit("The local server did not start.")


def timed(call, item) -> float:
    started = time.perf_counter()
    call(item)
    return (time.perf_counter() - started) * 1000


def percentile(values: list[float], which: int) -> float:
    if which == 50:
        return statistics.median(values)
    return statistics.quantiles(values, n=100, method="inclusive")[which - 1]


# --- The table ---------------------------------------------------------------------------


def print_kinds(result: dict) -> None:
    """The ES backend beside the database backend for each kind of query."""
    timings, kinds = result["timings"], result["timings"]["kinds"]
    rows = []
    for kind in sorted(set(kinds)):
        chosen = {
            name: [value for value, of in zip(timings[name], kinds, strict=True) if of == kind]
            for name in ("es_backend", "database")
        }
        if len(chosen["database"]) < 2:
            continue
        p = {name: [percentile(values, n) for n in (50, 95)] for name, values in chosen.items()}
        es, db = (f"{p[name][0]:.1f}/{p[name][1]:.1f}" for name in ("es_backend", "database"))
        es_p95, db_p95 = p["es_backend"][1], p["database"][1]
        rows.append([kind, str(len(chosen["database"])), es, db, ratio(db_p95, es_p95, 1)])
    title = f"\n{result['size']:,} documents, by kind of query (ms, p50/p95)"
    print_rows(["kind", "queries", "ES backend", "database", "DB÷ES"], rows, title)


def print_table(results: list[dict], count: int) -> None:
    header = ["documents", "raw p50/p95", "ES backend", "API", "page", "database", "API÷raw"]
    header += ["DB÷ES", "rebuild/s", "limit/s", "of limit", "CPU ms/doc", "peak MB"]
    rows = []
    for result in results:
        cells, ratios = ["-"] * len(PATHS), ["-", "-"]
        if "timings" in result:
            p = {name: [percentile(result["timings"][name], n) for n in (50, 95)] for name in PATHS}
            cells = [f"{p[name][0]:.1f}/{p[name][1]:.1f}" for name in PATHS]
            ratios = [
                ratio(p["api"][1], p["raw"][1]),
                ratio(p["database"][1], p["es_backend"][1], 1),
            ]
        rate = result["documents"] / result["seconds"]
        limit_rate = result["limit_documents"] / result["limit_seconds"]
        cpu_ms = result["cpu_seconds"] * 1000 / result["documents"]
        rows.append(
            [
                f"{result['size']:,}",
                *cells,
                *ratios,
                f"{rate:,.0f}",
                f"{limit_rate:,.0f}",
                f"{rate / limit_rate:.0%}",
                f"{cpu_ms:.2f}",
                f"{result['peak_mb']:.0f}",
            ]
        )
    title = f"\nSearch latency over {count} queries (ms, p50/p95), rebuild rate and peak memory"
    print_rows(header, rows, title)
    for result in results:
        if "timings" in result:
            print_kinds(result)
    print(
        "\nAPI÷raw and DB÷ES compare p95s. Rebuild: documents per second of the rebuild "
        "itself; limit: the same documents, serialised beforehand, sent with the client's "
        "parallel bulk helper; CPU ms/doc: the rebuilding process's own CPU time (less "
        "moved by a busy machine than the rates); peak MB: its resident memory."
    )
    print_vectors(results)


def print_vectors(results: list[dict]) -> None:
    """The rebuild with vectors beside without, the model's memory and the matrix's."""
    header = ["documents", "rebuild/s with/without", "ratio", "ms/doc with/without", "ratio"]
    header += ["CPU ms/doc with/without", "ratio", "peak MB with/without"]
    header += ["RSS MB model/none", "ratio", "matrix MB", "RSS growth MB", "ratio"]
    rows = []
    for result in results:
        with_, without = result, result["without_vectors"]
        rate = [run["documents"] / run["seconds"] for run in (with_, without)]
        wall = [run["seconds"] * 1000 / run["documents"] for run in (with_, without)]
        cpu = [run["cpu_seconds"] * 1000 / run["documents"] for run in (with_, without)]
        row = [
            f"{result['size']:,}",
            f"{rate[0]:,.0f}/{rate[1]:,.0f}",
            ratio(rate[0], rate[1]),
            f"{wall[0]:.2f}/{wall[1]:.2f}",
            ratio(wall[0], wall[1]),
            f"{cpu[0]:.2f}/{cpu[1]:.2f}",
            ratio(cpu[0], cpu[1]),
            f"{with_['peak_mb']:.0f}/{without['peak_mb']:.0f}",
        ]
        memory = result.get("memory")
        if memory:
            growth = memory["after_matrix_mb"] - memory["before_matrix_mb"]
            row += [
                f"{memory['model_mb']:.0f}/{memory['django_mb']:.0f}",
                ratio(memory["model_mb"], memory["django_mb"]),
                f"{memory['matrix_mb']:.0f}",
                f"{growth:.0f}",
                ratio(growth, memory["matrix_mb"]),
            ]
        else:
            row += ["-"] * 5
        rows.append(row)
    print_rows(
        header, rows, "\nWhat the vectors cost: the rebuild with them beside without, and memory"
    )
    print(
        "\nRatios are with÷without. ms/doc: the rebuild's wall time a document; peak MB: the "
        "rebuilding process's. RSS MB: a fresh process after django.setup() and after also "
        "loading the model and embedding one text. Matrix MB: the database backend's matrix "
        "of vectors (numpy's nbytes) after its first search with words; RSS growth: that "
        "search's growth of the process's resident memory, and its ratio to the matrix."
    )


if __name__ == "__main__":
    main()
