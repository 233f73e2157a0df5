"""The terms of a vocabulary by slug, as people read them: cached, and forgotten as soon
as an editor changes one (the receivers are connected in `TaxonomyConfig.ready`)."""

from django.core.cache import cache

from .models import TAXONOMY_MODELS

CACHE_SECONDS = 300


def _key(vocabulary: str) -> str:
    return f"taxonomy:terms:{vocabulary}"


def names(vocabulary: str) -> dict[str, str]:
    """Slug -> name of the vocabulary's terms, in the vocabulary's order."""
    found = cache.get(_key(vocabulary))
    if found is None:
        model = TAXONOMY_MODELS[vocabulary]
        found = dict(model.objects.order_by("sort_order", "name").values_list("slug", "name"))
        cache.set(_key(vocabulary), found, CACHE_SECONDS)
    return found


def forget(vocabulary: str) -> None:
    cache.delete(_key(vocabulary))


def term_changed(sender, **kwargs) -> None:
    forget(sender.vocabulary)
