"""Search insights for editors, as Wagtail reports (Reports menu, CSV and Excel export):
"Search queries" (the most searched words, those that found nothing, those whose results
nobody opened) and "Search trends" (week by week). Only people with the
`search.view_search_insights` permission (given to the "Content editors" group) or superusers see
them; nothing in them says who searched.

They are Wagtail's `ReportView`s with its filters and table columns; each column's label
is written once, and the export's columns and headings are read from the table's. What is
written here is what Wagtail has no part for: the counts per query and per week.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, IntegerField, Max, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, TruncWeek
from django.urls import reverse
from django.utils.functional import cached_property
from django.views import View

from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, NumberColumn
from wagtail.admin.views.reports import ReportView

import django_filters

from .models import LoggedSearch, OpenedResult

PERMISSION = "search.view_search_insights"
ALL, NOTHING_FOUND, NOT_OPENED = "", "nothing_found", "not_opened"


def can_see_insights(user) -> bool:
    return user.is_active and (user.is_superuser or user.has_perm(PERMISSION))


class InsightsPermission(View):
    """Refuse anyone without the permission, on the server. Written here because
    Wagtail's permission policies check `<action>_<model>` permissions, and this one is
    a permission of its own (`view_search_insights`) rather than one of a model's."""

    def dispatch(self, request, *args, **kwargs):
        if not can_see_insights(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class PeriodFilterSet(WagtailFilterSet):
    # The widget's two inputs are `day_from` and `day_to`, both days included.
    day = django_filters.DateFromToRangeFilter(label="Date", widget=DateRangePickerWidget)

    class Meta:
        model = LoggedSearch
        fields = []


class QueryFilterSet(PeriodFilterSet):
    show = django_filters.ChoiceFilter(
        label="Show",
        empty_label="Every query",
        choices=[
            (NOTHING_FOUND, "Queries that found nothing"),
            (NOT_OPENED, "Queries with results nobody opened"),
        ],
        method="keep_all",  # applied to the totals, in SearchQueriesReport
    )
    surface = django_filters.ChoiceFilter(
        label="Searched at",
        empty_label="Anywhere",
        choices=lambda: [(s, s) for s in _surfaces()],
    )

    def keep_all(self, queryset, name, value):
        return queryset


def _surfaces() -> list[str]:
    return list(
        LoggedSearch.objects.order_by("surface").values_list("surface", flat=True).distinct()
    )


class InsightsReport(InsightsPermission, ReportView):
    header_icon = "search"
    paginate_by = 50
    verbose_name = "query"
    verbose_name_plural = "queries"

    def get_paginator(self, *args, **kwargs):
        paginator = super().get_paginator(*args, **kwargs)
        # "12 queries", not the model's "12 logged searchs".
        paginator.verbose_name = self.verbose_name
        paginator.verbose_name_plural = self.verbose_name_plural
        return paginator

    @cached_property
    def list_export(self) -> list[str]:
        return [column.name for column in self.columns]

    @cached_property
    def export_headings(self) -> dict[str, str]:
        return {column.name: column.label for column in self.columns}

    def period(self) -> dict:
        """The day range chosen, as lookups for other tables."""
        days = self.chosen("day")
        lookups = {"day__gte": days and days.start, "day__lte": days and days.stop}
        return {name: value for name, value in lookups.items() if value}

    def chosen(self, name: str):
        return self.filters.form.cleaned_data.get(name) if self.filters.is_valid() else None

    def rows(self, object_list) -> list[dict]:
        """The rows as the table and the export show them."""
        return list(object_list)

    def get_table(self, object_list):
        return super().get_table(self.rows(object_list))

    def decorate_paginated_queryset(self, object_list):
        # The table has its rows already (get_table); the export takes them from here.
        return self.rows(object_list) if self.is_export else object_list


def _words_or_filters(row: dict) -> str:
    return row["query"] or "(filters only)"


class SearchQueriesReport(InsightsReport):
    page_title = "Search queries"
    index_url_name = "search_insights_queries"
    index_results_url_name = "search_insights_queries_results"
    filterset_class = QueryFilterSet
    export_filename = "search-queries"
    columns = [
        # The export keeps the words as logged: empty for a search of filters alone.
        Column(
            "query", label="Words searched", accessor=lambda row: row["query"] or "(filters only)"
        ),
        NumberColumn("searches", label="Searches"),
        NumberColumn("nothing_found", label="Found nothing"),
        NumberColumn("opened", label="Results opened"),
        Column("last_searched", label="Last searched"),
    ]

    def get_queryset(self):
        return LoggedSearch.objects.all()

    def get_filtered_queryset(self):
        searches = self.filter_queryset(self.get_queryset())
        opened = (
            OpenedResult.objects.filter(query=OuterRef("query"), **self.period())
            .order_by()
            .values("query")
            .annotate(n=Count("pk"))
            .values("n")
        )
        api = reverse("search_api")
        rows = (
            searches.order_by()
            .values("query")
            .annotate(
                searches=Count("pk"),
                nothing_found=Count("pk", filter=Q(total=0)),
                openable=Count("pk", filter=Q(total__gt=0) & ~Q(surface=api)),
                last_searched=Max("day"),
                opened=Coalesce(Subquery(opened, output_field=IntegerField()), Value(0)),
            )
        )
        show = self.chosen("show")
        if show == NOTHING_FOUND:
            return rows.filter(nothing_found__gt=0).order_by("-nothing_found", "query")
        if show == NOT_OPENED:
            # The API's clients open results themselves: only pages' searches count here.
            rows = rows.filter(openable__gt=0, opened=0)
        return rows.order_by("-searches", "query")


class SearchTrendsReport(InsightsReport):
    page_title = "Search trends"
    verbose_name = "week"
    verbose_name_plural = "weeks"
    index_url_name = "search_insights_trends"
    index_results_url_name = "search_insights_trends_results"
    filterset_class = PeriodFilterSet
    export_filename = "search-trends"
    columns = [
        Column("week", label="Week beginning"),
        NumberColumn("searches", label="Searches"),
        NumberColumn("queries", label="Different queries"),
        NumberColumn("nothing_found", label="Found nothing"),
        NumberColumn("opened", label="Results opened"),
    ]

    def get_queryset(self):
        return LoggedSearch.objects.all()

    def get_filtered_queryset(self):
        return (
            self.filter_queryset(self.get_queryset())
            .annotate(week=TruncWeek("day"))
            .order_by()
            .values("week")
            .annotate(
                searches=Count("pk"),
                queries=Count("query", distinct=True),
                nothing_found=Count("pk", filter=Q(total=0)),
            )
            .order_by("-week")
        )

    def rows(self, object_list):
        rows = list(object_list)
        opened = dict(
            OpenedResult.objects.filter(**self.period())
            .annotate(week=TruncWeek("day"))
            .order_by()
            .values("week")
            .annotate(n=Count("pk"))
            .values_list("week", "n")
        )
        return [{**row, "opened": opened.get(row["week"], 0)} for row in rows]
