"""The one faceted view: parse the request, ask the service, render the result.

`/search/`, the member directory and the case study index are each a `Listing`: which
template, which filters the page fixes (the directory shows members only), which facets
it offers, and how it presents a hit. Every state lives in the URL. A page past the end
shows the last page; a malformed number shows the page with a sentence saying what was
wrong, and status 400.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from http import HTTPStatus

from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseBadRequest, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from . import csv_download, insights
from .facets import FACETS, KIND
from .feeds import feed_params
from .kinds import viewer_for
from .params import BadParameter, parse, to_params
from .query import analyse
from .service import search
from .types import (
    DEFAULT_PAGE_SIZE,
    FACET_SORTS,
    Hit,
    SearchRequest,
    SearchResult,
    sort_labels,
)


def present_hit(hit: Hit) -> dict:
    """A hit as the search results show it."""
    return {"hit": hit, "kind_label": FACETS[KIND].label_of(hit.kind)}


@dataclass(frozen=True)
class Listing:
    """One faceted listing of the search index."""

    template: str
    # Filters the page sets and people cannot change (e.g. {"kind": ("member",)}).
    fixed: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # The facets offered, in this order; None offers every facet.
    facets: tuple[str, ...] | None = None
    present: Callable[[Hit], dict] = present_hit
    # Search results are not for search engines; a section's own listing is.
    noindex: bool = True

    def offers(self, name: str) -> bool:
        return name not in self.fixed and (self.facets is None or name in self.facets)


SITE_SEARCH = Listing("pages/search.html")


def render_listing(request, listing: Listing, context: Mapping | None = None):
    """The response for one listing: its page of results, or a 400 for a bad number."""
    offered = {
        sort: label
        for sort, label in sort_labels().items()
        if sort not in FACET_SORTS or listing.offers(sort)
    }
    context = {"sort_labels": offered, "listing_url": request.path, **(context or {})}
    try:
        search_request = parse(request.GET, viewer_for(request.user))
    except BadParameter as error:
        context["error"] = str(error)
        return _render(request, listing, context, HTTPStatus.BAD_REQUEST)
    filters = {n: v for n, v in search_request.filters.items() if listing.offers(n)}
    search_request = replace(search_request, filters={**filters, **listing.fixed}, recommend=True)
    analysed = analyse(search_request.query)
    result = search(search_request, analysed)
    if result.total and search_request.page > result.num_pages:
        result = search(replace(search_request, page=result.num_pages), analysed)
    insights.record(result, request.path, fixed=listing.fixed)
    context.update(page_context(result, listing, surface=request.path))
    return _render(request, listing, context)


@require_safe
def search_page(request):
    return render_listing(request, SITE_SEARCH)


@csrf_exempt  # browsers' pings carry no CSRF token; the signed token is the check
@require_POST
def result_opened(request):
    """`POST /search/opened/?to=…`: count a result as opened (see `insights.py`)."""
    try:
        insights.record_opened(request.GET.get("to", ""))
    except insights.BadToken:
        return HttpResponseBadRequest(
            "This is not a link from a results page. Search again and open the result from "
            "the list.",
            content_type="text/plain; charset=utf-8",
        )
    return HttpResponse(status=HTTPStatus.NO_CONTENT)


def _render(request, listing: Listing, context, status=HTTPStatus.OK):
    response = render(request, listing.template, context, status=status)
    if listing.noindex:
        response["X-Robots-Tag"] = "noindex"
    return response


def page_context(result: SearchResult, listing: Listing = SITE_SEARCH, surface: str = "") -> dict:
    """What the page shows. Its links are built from the request as parsed (capped and
    cleaned), never from the raw query string, so the page grows only with what it shows;
    the listing's fixed filters stay out of its filters and links. Result links say
    where to count them as opened (`insights.py`)."""
    search_request = result.request
    hidden = tuple(listing.fixed)
    params = to_params(search_request, hidden)
    paginator = Paginator(range(result.ranked_total), search_request.page_size)
    first = 1 + search_request.offset + (len(result.promoted) if search_request.page > 1 else 0)
    promoted = result.promoted if search_request.page == 1 else []

    def opened(hit: Hit, position: int) -> str:
        if not insights.counts_opens(result, hidden):
            return ""
        return insights.opened_url(result, hit.url, position, surface)

    return {
        "result": result,
        "search_request": search_request,
        "recommended": [
            {**present_hit(hit), "opened_url": opened(hit, n)}
            for n, hit in enumerate(promoted, start=1)
        ],
        "hits": [
            {**listing.present(hit), "opened_url": opened(hit, n)}
            for n, hit in enumerate(result.hits, start=first + len(promoted))
        ],
        "facet_groups": _facet_groups(result, listing),
        "selected_filters": _selected_filters(params, search_request, hidden),
        "page_obj": paginator.get_page(search_request.page) if result.ranked_total else None,
        "without_filters": _url(_params_without(params, FACETS)),
        "definitions": result.analysed.definitions,
        # The search as alerts and the feed take it: query and filters, fixed ones too.
        "feed_params": feed_params(search_request),
        "download": _download(result),
    }


def _download(result: SearchResult) -> dict:
    """The link to these results as CSV (`csv_download.py`): the search as the page
    made it (its words as corrected, filters fixed ones too, sort), every page of it."""
    whole = replace(result.request, page=1, page_size=DEFAULT_PAGE_SIZE)
    return {
        "url": f"{reverse('search_csv')}?{to_params(whole).urlencode()}",
        "capped": result.total > csv_download.MAX_ROWS,
        "cap": csv_download.MAX_ROWS,
    }


def _facet_groups(result: SearchResult, listing: Listing) -> list[dict]:
    order = listing.facets or tuple(result.facets)
    return [
        {"name": name, "label": FACETS[name].label, "values": result.facets[name]}
        for name in order
        if listing.offers(name) and result.facets.get(name)
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
