"""How the two halves of a hybrid search become one order: reciprocal rank fusion.

The words (BM25 with the project's analysis, synonyms and ideas) and the meaning (the
nearest vectors, `vectors.py`) each rank documents; their scores are on scales that
cannot be added, their ranks can. A document scores 1 / (K + rank) in the words' order
and MEANING_WEIGHT / (K + rank) in the meaning's, and the sum orders the results. Both
backends fuse here, on lists of document ids, so they order alike.

The set a search finds is what the words match together with the NEAREST documents
whose meaning is at least MIN_SIMILARITY like the query's: its total and facet counts
are exact for that set. Only the first FUSE_DEPTH of each order are fused; past them the
words' order goes on (every document found only by meaning is within them).

What is like one thing fuses the same way: a page's related case studies (its words and
facet values, and its own vector) and those like a text being written (its words, and
the text's vector), from the first ALIKE_DEPTH of each order.
"""

from collections import defaultdict
from collections.abc import Hashable, Sequence
from typing import TypeVar

from .query import AnalysedQuery
from .types import RELEVANCE, SearchRequest

Id = TypeVar("Id", bound=Hashable)

K = 60
MEANING_WEIGHT = 0.5
NEAREST = 50
MIN_SIMILARITY = 0.4
# When the words find nothing, the closest (`SearchRequest.closest`) may be less alike:
# just above what queries of another field altogether ("football results", "xyzzy")
# reach on the demo content.
CLOSEST_SIMILARITY = 0.15
FUSE_DEPTH = 100
# What is like one thing (a page's related case studies, those like a draft) fuses this
# many of each order, or as many as it shows when that is more.
ALIKE_DEPTH = 20


def fuses(request: SearchRequest, analysed: AnalysedQuery) -> bool:
    """Whether the request's order is the fusion of the words' and the meaning's (by
    newest or by a facet, the same set is in that order)."""
    return bool(analysed.text) and request.sort == RELEVANCE and analysed.meaning is not None


def min_similarity(closest: bool) -> float:
    return CLOSEST_SIMILARITY if closest else MIN_SIMILARITY


def depth(request: SearchRequest) -> int:
    """How far down the words' order a fused page needs."""
    return max(FUSE_DEPTH, request.offset + request.page_size)


def alike_depth(limit: int) -> int:
    return max(ALIKE_DEPTH, limit)


def fuse(by_words: Sequence[Id], by_meaning: Sequence[Id]) -> list[Id]:
    """The ids of both orders, by their fused score; ties keep the words' order, then
    the meaning's."""
    weight = MEANING_WEIGHT
    scores: dict[Id, float] = defaultdict(float)
    for rank, doc_id in enumerate(by_words[:FUSE_DEPTH], start=1):
        scores[doc_id] += 1 / (K + rank)
    for rank, doc_id in enumerate(by_meaning[:FUSE_DEPTH], start=1):
        scores[doc_id] += weight / (K + rank)
    first_seen = {doc_id: n for n, doc_id in enumerate(dict.fromkeys([*by_words, *by_meaning]))}
    head = sorted(scores, key=lambda doc_id: (-scores[doc_id], first_seen[doc_id]))
    fused = set(head)
    return head + [doc_id for doc_id in by_words[FUSE_DEPTH:] if doc_id not in fused]
