"""The taxonomy and organisations in the Wagtail admin, under one menu item."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import TAXONOMY_MODELS, Organisation, SynonymSet


def _term_viewset(term_model):
    return type(
        f"{term_model.__name__}ViewSet",
        (SnippetViewSet,),
        {
            "model": term_model,
            "list_display": ["name", "slug", "description"],
            "search_fields": ["name"],
        },
    )


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    list_display = ["name", "org_id", "organisation_type", "sector", "region"]
    list_filter = ["organisation_type", "sector", "region"]
    search_fields = ["name", "org_id"]


class SynonymSetViewSet(SnippetViewSet):
    model = SynonymSet
    menu_label = "Search synonyms"
    list_display = ["__str__", "note"]


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = "Taxonomy"
    menu_icon = "tag"
    menu_order = 300
    items = [
        OrganisationViewSet,
        *(_term_viewset(m) for m in TAXONOMY_MODELS.values()),
        SynonymSetViewSet,
    ]


register_snippet(TaxonomyGroup)
