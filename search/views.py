"""The search page at /search/: parse the request, ask the service, render the result.

Every state lives in the URL. A page past the end shows the last page; a malformed number
shows the page with a sentence saying what was wrong, and status 400.
"""

from dataclasses import replace
from http import HTTPStatus

from django.core.paginator import Paginator
from django.http import QueryDict
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .facets import FACETS
from .params import BadParameter, parse, to_params
from .service import search
from .types import NEWEST, RELEVANCE, SearchRequest, SearchResult
from .visibility import Viewer

SORT_LABELS = {RELEVANCE: "Most relevant", NEWEST: "Newest"}


@require_GET
def search_page(request):
    try:
        search_request = parse(request.GET, Viewer.for_user(request.user))
    except BadParameter as error:
        context = {"error": str(error), "sort_labels": SORT_LABELS}
        return _render(request, context, status=HTTPStatus.BAD_REQUEST)
    result = search(search_request)
    if result.total and search_request.page > result.num_pages:
        result = search(replace(search_request, page=result.num_pages))
    return _render(request, page_context(result))


def _render(request, context, status=HTTPStatus.OK):
    response = render(request, "pages/search.html", context, status=status)
    response["X-Robots-Tag"] = "noindex"
    return response


def page_context(result: SearchResult, hidden: tuple[str, ...] = ()) -> dict:
    """What the page shows. Its links are built from the request as parsed (capped and
    cleaned), never from the raw query string, so the page grows only with what it shows;
    `hidden` facets are fixed by the page and left out of its filters and links."""
    search_request = result.request
    params = to_params(search_request, hidden)
    paginator = Paginator(range(result.total), search_request.page_size)
    return {
        "result": result,
        "search_request": search_request,
        "hits": [_present(hit) for hit in result.hits],
        "facet_groups": _facet_groups(result),
        "selected_filters": _selected_filters(params, search_request, hidden),
        "page_obj": paginator.get_page(search_request.page) if result.total else None,
        "sort_labels": SORT_LABELS,
        "without_filters": _url(_params_without(params, FACETS)),
    }


def _present(hit):
    kind = FACETS["kind"]
    return {"hit": hit, "kind_label": kind.label_of(hit.kind)}


def _facet_groups(result: SearchResult) -> list[dict]:
    return [
        {"name": name, "label": FACETS[name].label, "values": values}
        for name, values in result.facets.items()
        if values
    ]


def _selected_filters(
    params: QueryDict, search_request: SearchRequest, hidden: tuple[str, ...]
) -> list[dict]:
    filters = []
    for name, values in search_request.selected().items():
        if name in hidden:
            continue
        facet = FACETS[name]
        for value in values:
            remaining = _params_without(params, ["page"])
            remaining.setlist(name, [v for v in remaining.getlist(name) if v != value])
            filters.append(
                {
                    "facet": facet.label,
                    "label": facet.label_of(value),
                    "remove_url": _url(remaining),
                }
            )
    return filters


def _params_without(params: QueryDict, names) -> QueryDict:
    remaining = params.copy()
    for name in [*names, "page"]:
        remaining.pop(name, None)
    return remaining


def _url(params: QueryDict) -> str:
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"
