"""The search service: one request type in, one result type out, for the search page, the
JSON API, the member directory and related case studies alike.

Elasticsearch answers when it is configured and reachable; otherwise the database does,
and the result says `degraded`. Only "cannot answer now" errors (no connection, timeout,
missing index, cluster failure) fall back, and they are logged; anything else is a bug and
is raised.
"""

import logging
from collections.abc import Callable
from typing import TypeVar

from . import client
from .backends import database
from .backends import elasticsearch as elasticsearch_backend
from .types import SearchRequest, SearchResult, Suggestion
from .visibility import ANONYMOUS, Viewer

__all__ = ["SearchRequest", "SearchResult", "related", "search", "suggest"]

logger = logging.getLogger(__name__)
T = TypeVar("T")

SUGGESTION_LIMIT = 8
RELATED_LIMIT = 4


def _answer(with_elasticsearch: Callable[[], T], with_database: Callable[[], T]) -> T:
    if client.should_try():
        try:
            answer = with_elasticsearch()
        except Exception as error:
            if not client.is_unavailable(error):
                raise
            logger.warning("Elasticsearch is unavailable; answering from the database: %s", error)
            client.mark_down()
        else:
            return answer
    return with_database()


def search(request: SearchRequest) -> SearchResult:
    return _answer(lambda: elasticsearch_backend.search(request), lambda: database.search(request))


def suggest(
    text: str, viewer: Viewer = ANONYMOUS, limit: int = SUGGESTION_LIMIT
) -> list[Suggestion]:
    """Titles completing `text`, for autocomplete."""
    text = text.strip()[:100]
    if not text:
        return []
    return _answer(
        lambda: elasticsearch_backend.suggest(text, viewer, limit),
        lambda: database.suggest(text, viewer, limit),
    )


def related(doc_id: str, viewer: Viewer = ANONYMOUS, limit: int = RELATED_LIMIT):
    """Up to `limit` other published case studies like the document `doc_id`."""
    return _answer(
        lambda: elasticsearch_backend.related(doc_id, viewer, limit),
        lambda: database.related(doc_id, viewer, limit),
    )
