"""Search in the Wagtail admin: the insights reports (Reports menu) and promoted results
(Settings → Promoted results), where editors pick the pages shown first for a query."""

from django.contrib.auth.models import Permission
from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.admin.viewsets.model import ModelViewSet

from .models import PromotedQuery
from .reports import SearchQueriesReport, SearchTrendsReport, can_see_insights

REPORTS = [
    ("queries", SearchQueriesReport, "Search queries", 1300),
    ("trends", SearchTrendsReport, "Search trends", 1310),
]


@hooks.register("register_admin_urls")
def register_insights_urls():
    urls = []
    for name, view, _label, _order in REPORTS:
        urls += [
            path(f"reports/search-{name}/", view.as_view(), name=f"search_insights_{name}"),
            path(
                f"reports/search-{name}/results/",
                view.as_view(results_only=True),
                name=f"search_insights_{name}_results",
            ),
        ]
    return urls


class InsightsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_insights(request.user)


def _menu_item(name: str, label: str, order: int):
    return InsightsMenuItem(
        label,
        reverse(f"search_insights_{name}"),
        name=f"search-{name}",
        icon_name="search",
        order=order,
    )


for _name, _view, _label, _order in REPORTS:
    hooks.register(
        "register_reports_menu_item",
        lambda name=_name, label=_label, order=_order: _menu_item(name, label, order),
    )


@hooks.register("register_permissions")
def register_insights_permission():
    return Permission.objects.filter(
        content_type__app_label="search",
        codename__in=[
            "view_search_insights",
            "add_promotedquery",
            "change_promotedquery",
            "delete_promotedquery",
        ],
    )


class PromotedResultsViewSet(ModelViewSet):
    model = PromotedQuery
    name = "promoted_results"
    icon = "pick"
    menu_label = "Promoted results"
    add_to_settings_menu = True
    copy_view_enabled = False
    list_display = ["query", "pages_list"]
    search_fields = ["query"]
    panels = [
        FieldPanel("query"),
        InlinePanel(
            "pages",
            heading="Recommended pages",
            label="Page",
            min_num=1,
            help_text=(
                "Shown first, marked “Recommended”, to anyone who may see the page, when "
                "it fits the filters chosen. Drafts and restricted pages never show."
            ),
        ),
    ]


@hooks.register("register_admin_viewset")
def register_promoted_results():
    return PromotedResultsViewSet()
