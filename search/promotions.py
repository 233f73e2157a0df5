"""Promoted results: pages editors recommend for a query, shown first and marked
"Recommended" on the search page, the listings and the API, on both backends.

Editors keep them in Wagtail's own search promotions (`wagtail.contrib.search_promotions`:
a `Query` and its ordered `SearchPromotion`s, under Settings → Promoted search results).
What shows is not Wagtail's row but the promoted page's own search document (the one at
the page's address, not a lesson at an anchor inside it), fetched through the backend
that answers the search with the same rules as every result: only what the viewer may see
(a draft, unpublished, restricted or members-only page is not in the index for them),
only what matches the filters chosen (a promotion that does not fit the filters is not
shown), and never while its change waits in the outbox. A promotion of an external link
has no search document and is not shown. The recommended documents are left out of the
ranked results, so an item never shows twice on any page.
"""

from django.apps import apps

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.search.utils import normalise_query_string

from .kinds import document_id, kinds_of_model, source_key
from .types import Hit, SearchRequest


def candidates(query: str) -> tuple[list[str], list[str]]:
    """The document ids and sources that may stand for the pages promoted for `query`,
    in the editors' order (one query). The words are compared as Wagtail stores them
    (lower case, single spaces)."""
    words = normalise_query_string(" ".join(query.split()))
    if not words:
        return [], []
    rows = (
        SearchPromotion.objects.filter(query__query_string=words, page__isnull=False)
        .order_by("sort_order", "pk")
        .values_list("page_id", "page__content_type__app_label", "page__content_type__model")
    )
    ids, sources = [], []
    for page_id, app_label, model_name in rows:
        try:
            model = apps.get_model(app_label, model_name)
        except LookupError:
            continue
        sources.append(source_key(model, page_id))
        ids += [document_id(kind.kind, page_id) for kind in kinds_of_model(model)]
    return ids, sources


def own_documents(hits: list[Hit]) -> list[Hit]:
    """The pages' own documents, not those at an anchor inside a page."""
    return [hit for hit in hits if "#" not in hit.url]


def applies_to(request: SearchRequest) -> bool:
    return request.recommend and bool(request.query)
