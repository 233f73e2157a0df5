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

Most searches are for words nobody promoted, so the promotions are read once into the
shared cache, by their words, and forgotten whenever an editor changes one (`forget`,
connected in `apps.py`): a search then costs a cache read here, not a four-table join.
"""

from django.apps import apps
from django.core.cache import cache

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.search.utils import normalise_query_string

from .kinds import document_id, kinds_of_model, source_key
from .types import Hit, SearchRequest

CACHE_KEY = "search:promotions"
# However a change slipped past `forget` (a write racing a read), it shows within this.
CACHE_SECONDS = 300


def candidates(query: str) -> tuple[list[str], list[str]]:
    """The document ids and sources that may stand for the pages promoted for `query`,
    in the editors' order. The words are compared as Wagtail stores them (lower case,
    single spaces)."""
    words = normalise_query_string(" ".join(query.split()))
    ids: list[str] = []
    sources: list[str] = []
    for page_id, app_label, model_name in _promoted().get(words, ()) if words else ():
        try:
            model = apps.get_model(app_label, model_name)
        except LookupError:
            continue
        sources.append(source_key(model, page_id))
        ids += [document_id(kind.kind, page_id) for kind in kinds_of_model(model)]
    return ids, sources


def _promoted() -> dict[str, list[tuple[int, str, str]]]:
    """{words: [(page id, app label, model name), ...]} for every promotion of a page."""
    table = cache.get(CACHE_KEY)
    if table is None:
        table = {}
        rows = (
            SearchPromotion.objects.filter(page__isnull=False)
            .order_by("sort_order", "pk")
            .values_list(
                "query__query_string",
                "page_id",
                "page__content_type__app_label",
                "page__content_type__model",
            )
        )
        for words, *page in rows:
            table.setdefault(words, []).append(tuple(page))
        cache.set(CACHE_KEY, table, CACHE_SECONDS)
    return table


def forget(**kwargs) -> None:
    """An editor changed a promotion (or a promoted page went): read them again."""
    cache.delete(CACHE_KEY)


def own_documents(hits: list[Hit]) -> list[Hit]:
    """The pages' own documents, not those at an anchor inside a page."""
    return [hit for hit in hits if "#" not in hit.url]


def applies_to(request: SearchRequest) -> bool:
    return request.recommend and bool(request.query)
