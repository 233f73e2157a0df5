"""One id per request, on the response and on every log line written while it runs.

A proxy or load balancer in front may send its own `X-Request-ID`; it is kept when it
looks like an id, so one request can be followed through every layer's logs.
"""

import logging
import re
import uuid
from contextvars import ContextVar

from django.core.signals import request_finished

HEADER = "X-Request-ID"
_ACCEPTABLE = re.compile(r"[A-Za-z0-9._-]{1,64}")
_current: ContextVar[str] = ContextVar("request_id", default="-")


def request_id_from(incoming: str | None) -> str:
    if incoming and _ACCEPTABLE.fullmatch(incoming):
        return incoming
    return uuid.uuid4().hex


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.id = request_id_from(request.headers.get(HEADER))
        # Kept until the response is closed: Django logs a 4xx or 5xx only after every
        # middleware has returned.
        _current.set(request.id)
        response = self.get_response(request)
        response[HEADER] = request.id
        return response


def _forget(**kwargs):
    _current.set("-")


request_finished.connect(_forget, dispatch_uid="network.ops.requestid")


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record ("-" outside a request)."""

    def filter(self, record):
        record.request_id = _current.get()
        return True
