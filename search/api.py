"""The JSON API: `GET /api/search/` and `GET /api/search/suggest/`.

The same parameters as the search page. A malformed number is a 400 with
`{"error": "<a sentence>"}`; a page past the end is an empty list with the right total.
Page 1 lists the pages editors recommend for the words first, with `"recommended": true`
(in addition to `page_size` ranked results); `total` counts them too.
"""

from collections.abc import Callable
from dataclasses import replace
from http import HTTPStatus

from django.http import JsonResponse
from django.views.decorators.http import require_safe

from . import insights
from .facets import FACETS
from .kinds import viewer_for
from .params import BadParameter, parse
from .service import search, suggest
from .types import Hit, SearchResult


@require_safe
def search_api(request):
    try:
        search_request = parse(request.GET, viewer_for(request.user))
    except BadParameter as error:
        return JsonResponse({"error": str(error)}, status=HTTPStatus.BAD_REQUEST)
    result = search(replace(search_request, recommend=True))
    return _JsonThen(result_json(result), then=insights.record_later(result, request.path))


class _JsonThen(JsonResponse):
    """A JSON answer that runs `then` when the server closes it, after its last byte
    (whether or not the client stayed): work the answer need not wait for."""

    def __init__(self, data: dict, then: Callable[[], object]) -> None:
        super().__init__(data)
        self.then = then

    def close(self) -> None:
        try:
            self.then()
        finally:
            super().close()


@require_safe
def suggest_api(request):
    suggestions = suggest(request.GET.get("q", ""), viewer_for(request.user))
    return JsonResponse([{"text": s.text, "url": s.url} for s in suggestions], safe=False)


def result_json(result: SearchResult) -> dict:
    return {
        "query": result.request.query,
        "total": result.total,
        "page": result.request.page,
        "page_size": result.request.page_size,
        "degraded": result.degraded,
        "suggestion": result.suggestion,
        "corrected_from": result.corrected_from,
        "closest": result.request.closest,
        "results": [
            *(hit_json(hit, recommended=True) for hit in _recommended(result)),
            *(hit_json(hit) for hit in result.hits),
        ],
        "facets": {
            name: [
                {"value": v.value, "label": v.label, "count": v.count, "selected": v.selected}
                for v in values
            ]
            for name, values in result.facets.items()
        },
    }


def _recommended(result: SearchResult) -> list[Hit]:
    return result.promoted if result.request.page == 1 else []


def hit_json(hit: Hit, recommended: bool = False) -> dict:
    return {
        "kind": hit.kind,
        "title": hit.title,
        "url": hit.url,
        "slug": hit.slug,
        "summary": hit.summary,
        "highlights": hit.highlights,
        **{name: hit.facets.get(name, []) for name in FACETS if name not in ("kind", "year")},
        "year": hit.year,
        "published_at": hit.published_at.isoformat() if hit.published_at else None,
        "recommended": recommended,
        "illustrative": hit.illustrative,
    }
