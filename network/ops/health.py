"""`/healthz`: whether this process can serve, for load balancers and monitoring.

It names no host, version or error: anyone can ask. The database is required (503
without it); search is not, since the database answers searches when Elasticsearch
cannot, so an unreachable Elasticsearch reports "degraded" with a 200.
"""

import logging
from http import HTTPStatus

from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from search import client

log = logging.getLogger(__name__)

SEARCH_TIMEOUT_SECONDS = 2


@never_cache
@require_safe
def healthz(request):
    database = database_status()
    body = {
        "status": "ok" if database == "ok" else "unavailable",
        "database": database,
        "search": search_status(),
    }
    status = HTTPStatus.OK if database == "ok" else HTTPStatus.SERVICE_UNAVAILABLE
    return JsonResponse(body, status=status)


def database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # any failure means "cannot serve"; the log says which
        log.exception("Health check: the database did not answer.")
        return "unavailable"
    return "ok"


def search_status() -> str:
    if not client.is_configured():
        return "not configured"
    try:
        es = client.search_client().options(request_timeout=SEARCH_TIMEOUT_SECONDS, max_retries=0)
        es.count(index=client.alias())
    except Exception:  # the database answers searches meanwhile
        log.warning("Health check: Elasticsearch did not answer; search is degraded.")
        return "degraded"
    return "ok"
