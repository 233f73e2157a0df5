"""Promoted results move onto Wagtail's own search promotions (`Query` and
`SearchPromotion`, managed under Settings → Promoted search results): every query and its
pages, in the editors' order, then our models go. Going back copies the promoted pages
(not Wagtail's external links, which our models never held) back into our models."""

from django.db import migrations

from wagtail.search.utils import normalise_query_string


def to_wagtail(apps, schema_editor):
    PromotedPage = apps.get_model("search", "PromotedPage")
    Query = apps.get_model("wagtailsearchpromotions", "Query")
    SearchPromotion = apps.get_model("wagtailsearchpromotions", "SearchPromotion")
    queries = {}
    rows = PromotedPage.objects.select_related("promoted_query").order_by(
        "promoted_query_id", "sort_order", "pk"
    )
    for row in rows:
        words = row.promoted_query.query
        if words not in queries:
            # Historical models do not normalise on save as Wagtail's `Query.save` does.
            queries[words] = Query.objects.get_or_create(
                query_string=normalise_query_string(words)
            )[0]
        query = queries[words]
        order = SearchPromotion.objects.filter(query=query).count()
        SearchPromotion.objects.create(query=query, page_id=row.page_id, sort_order=order)


def from_wagtail(apps, schema_editor):
    PromotedQuery = apps.get_model("search", "PromotedQuery")
    PromotedPage = apps.get_model("search", "PromotedPage")
    SearchPromotion = apps.get_model("wagtailsearchpromotions", "SearchPromotion")
    promotions = SearchPromotion.objects.filter(page__isnull=False).select_related("query")
    for promotion in promotions.order_by("query_id", "sort_order", "pk"):
        query, _ = PromotedQuery.objects.get_or_create(query=promotion.query.query_string[:200])
        PromotedPage.objects.get_or_create(
            promoted_query=query,
            page_id=promotion.page_id,
            defaults={"sort_order": query.pages.count()},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0008_opened_result_counted_once"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
    ]

    operations = [
        migrations.RunPython(to_wagtail, from_wagtail),
        migrations.DeleteModel(name="PromotedPage"),
        migrations.DeleteModel(name="PromotedQuery"),
    ]
