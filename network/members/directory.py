"""The member directory at /members/: faceted search over member profiles.

It is the site search narrowed to the `member` kind: the same parameters, the same search
service and index, and so the same visibility rules, applied by the service for the viewer.
"""

from dataclasses import replace
from http import HTTPStatus

from django.shortcuts import render
from django.views.decorators.http import require_GET

from search.facets import FACETS
from search.params import BadParameter, parse
from search.service import search
from search.views import SORT_LABELS, page_context
from search.visibility import Viewer

KIND = "member"
DIRECTORY_FACETS = ("role", "sector", "region", "theme", "stage", "outcome_area")


@require_GET
def directory(request):
    try:
        search_request = parse(request.GET, Viewer.for_user(request.user))
    except BadParameter as error:
        context = {"error": str(error), "sort_labels": SORT_LABELS}
        return _render(request, context, status=HTTPStatus.BAD_REQUEST)
    search_request = replace(search_request, filters=_members_only(search_request.filters))
    result = search(search_request)
    if result.total and search_request.page > result.num_pages:
        result = search(replace(search_request, page=result.num_pages))
    return _render(request, _context(result))


def _members_only(filters) -> dict[str, tuple[str, ...]]:
    return {
        **{name: values for name, values in filters.items() if name in DIRECTORY_FACETS},
        "kind": (KIND,),
    }


def _context(result) -> dict:
    context = page_context(result, hidden=("kind",))
    groups = {group["name"]: group for group in context["facet_groups"]}
    context["facet_groups"] = [groups[name] for name in DIRECTORY_FACETS if name in groups]
    context["members"] = [_card(hit) for hit in result.hits]
    return context


def _card(hit) -> dict:
    terms = [
        FACETS[name].label_of(value)
        for name in ("role", "sector", "region")
        for value in hit.facets.get(name, [])
    ]
    return {"hit": hit, "terms": terms}


def _render(request, context, status=HTTPStatus.OK):
    return render(request, "members/directory.html", context, status=status)
