"""`/healthz`: whether this process can serve, for load balancers and monitoring.

It names no host, version or error: anyone can ask. The database is required (503
without it); search is not, since the database answers searches when Elasticsearch
cannot, so an unreachable Elasticsearch reports "degraded" with a 200.

`jobs` gives each scheduled job's last success and state (`scheduler.states`); when one
is overdue, "status" is "degraded", still with a 200: the site serves, but something it
should do on its own has not been done.
"""

import logging
from http import HTTPStatus

from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from search import client

from . import scheduler

log = logging.getLogger(__name__)

SEARCH_TIMEOUT_SECONDS = 2


@never_cache
@require_safe
def healthz(request):
    database = database_status()
    body: dict[str, object] = {
        "status": "ok" if database == "ok" else "unavailable",
        "database": database,
        "search": search_status(),
    }
    if database == "ok":
        body["jobs"] = jobs = jobs_status()
        if any(job["state"] == "overdue" for job in jobs.values()):
            body["status"] = "degraded"
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


def jobs_status() -> dict[str, dict[str, str | None]]:
    try:
        found = scheduler.states()
    except Exception:  # e.g. a migration not yet applied; the site still serves
        log.exception("Health check: the scheduled jobs could not be read.")
        return {}
    return {
        state.job.name: {
            "state": state.state,
            "last_succeeded": _iso(state.row and state.row.last_succeeded),
        }
        for state in found
    }


def _iso(moment) -> str | None:
    return moment.isoformat(timespec="seconds") if moment else None
