"""Search in the Wagtail admin: the insights reports (Reports menu). Promoted results are
Wagtail's own (Settings → Promoted search results, `wagtail.contrib.search_promotions`),
whose menu, views and permissions that app registers; its "Search terms" report is taken
out of the Reports menu, as it counts Wagtail's own query hits, which this site never
records: "Search queries" is the report of what people search."""

from django.contrib.auth.models import Permission
from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem

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
        codename="view_search_insights",
    )


@hooks.register("construct_reports_menu")
def hide_wagtails_search_terms(request, menu_items):
    menu_items[:] = [item for item in menu_items if item.name != "search-terms"]
