"""The terms of a vocabulary by slug, as people read them: cached, and forgotten as soon
as an editor changes one (the receivers are connected in `TaxonomyConfig.ready`).

Within one request each vocabulary is read from the cache once: a directory page labels
every card's role, sector and region, and with the database cache each read would be a
query. The memo lives only between `request_started` and `request_finished`, per thread
(gunicorn's threads serve requests side by side), so long-running processes outside
requests (workers, commands) always read the shared cache and see an editor's change.
"""

import threading

from django.core.cache import cache

from .models import TAXONOMY_MODELS

CACHE_SECONDS = 300

_request = threading.local()


def _key(vocabulary: str) -> str:
    return f"taxonomy:terms:{vocabulary}"


def names(vocabulary: str) -> dict[str, str]:
    """Slug -> name of the vocabulary's terms, in the vocabulary's order."""
    memo = getattr(_request, "memo", None)
    if memo is not None and vocabulary in memo:
        return memo[vocabulary]
    found = cache.get(_key(vocabulary))
    if found is None:
        model = TAXONOMY_MODELS[vocabulary]
        found = dict(model.objects.order_by("sort_order", "name").values_list("slug", "name"))
        cache.set(_key(vocabulary), found, CACHE_SECONDS)
    if memo is not None:
        memo[vocabulary] = found
    return found


def forget(vocabulary: str) -> None:
    cache.delete(_key(vocabulary))
    memo = getattr(_request, "memo", None)
    if memo is not None:
        memo.pop(vocabulary, None)


def term_changed(sender, **kwargs) -> None:
    forget(sender.vocabulary)


def request_started(**kwargs) -> None:
    _request.memo = {}


def request_finished(**kwargs) -> None:
    _request.memo = None
