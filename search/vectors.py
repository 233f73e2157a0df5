"""What a text means, as a vector: the semantic half of hybrid search.

Words only find documents that use them; a vector finds documents that say the same
thing in other words ("lived experience" and "experts by experience", "coproduction" and
"designed with residents"). Every document gets one at index time (`attach`, called where
documents are made, so both backends store the same one), and a search's words get one
when a backend first asks (`query.AnalysedQuery.meaning`).

The model is WordLlama's `l2_supercat` at 256 dimensions (MIT licence): static token
embeddings, pooled and normalised here, whose 16 MB of weights ship inside its wheel, so
it installs from the package index and never downloads anything at run time
(`disable_download`). It is loaded once per process, on first use. It was chosen by
measurement against other candidates (`benchmarks/embeddings.py`, `docs/benchmarks.md`).
"""

import functools
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

logger = logging.getLogger(__name__)

MODEL = "wordllama-l2_supercat-256"
DIMS = 256
# Decimal places a vector keeps in the index and the entries: the index quantises to
# eight bits anyway, and shorter numbers make the bulk requests smaller.
PLACES = 4


class Embeddable(Protocol):
    title: str
    summary: str
    vector: list[float] | None


@functools.cache
def _model() -> Any:
    import wordllama

    folder = Path(wordllama.__file__).parent
    return wordllama.WordLlama.load(
        config="l2_supercat", cache_dir=folder, dim=DIMS, disable_download=True
    )


def embed(texts: Sequence[str]) -> list[list[float] | None]:
    """Each text's unit vector, or None for a text with no words the model knows."""
    import numpy

    if not texts:
        return []
    # In float64: a float32 rounded to PLACES is not that decimal, and would be written
    # out with all of its seventeen digits.
    matrix = numpy.asarray(_model().embed(list(texts), norm=False), dtype=numpy.float64)
    norms = numpy.linalg.norm(matrix, axis=1, keepdims=True)
    rows = numpy.round(matrix / numpy.where(norms > 0, norms, 1), PLACES).tolist()
    return [row if norm > 0 else None for row, norm in zip(rows, norms[:, 0], strict=True)]


def text_of(document: Embeddable) -> str:
    """What a document's vector reads: its title and summary. Measured on the tuning
    queries, adding its topics or the opening of its body made the pooled vector worse
    (they dilute it; the words' half of the search reads the body)."""
    return "\n".join(part for part in (document.title, document.summary) if part)


def attach(documents: Sequence[Embeddable]) -> None:
    """Give each document its vector, a batch at a time (one call to the model)."""
    for document, vector in zip(documents, embed([text_of(d) for d in documents]), strict=True):
        document.vector = vector


def embed_query(text: str) -> list[float] | None:
    return embed([text])[0] if text.strip() else None


def to_bytes(vector: list[float] | None) -> bytes | None:
    """A vector as the database stores it: float32, little-endian."""
    if vector is None:
        return None
    import numpy

    return numpy.asarray(vector, dtype="<f4").tobytes()


def from_bytes(stored: bytes | memoryview | None) -> list[float] | None:
    """A vector the database stores (`to_bytes`), as a list."""
    if not stored:
        return None
    import numpy

    return numpy.frombuffer(bytes(stored), dtype="<f4").tolist()
