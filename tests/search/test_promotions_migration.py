"""Moving promoted results onto Wagtail's search promotions keeps every one: each query's
pages, in the editors' order, and the content editors may still manage them."""

from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page

from casestudies.site_tree import ensure_site_tree

BEFORE = [("search", "0008_opened_result_counted_once")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def test_an_existing_promotion_survives_the_move_to_wagtails_models(transactional_db):
    tree = ensure_site_tree()
    first, second = tree.home.pk, Page.objects.get(depth=1).pk
    apps = migrate(BEFORE)
    try:
        PromotedQuery = apps.get_model("search", "PromotedQuery")
        PromotedPage = apps.get_model("search", "PromotedPage")
        promoted = PromotedQuery.objects.create(query="market engagement")
        PromotedPage.objects.create(promoted_query=promoted, page_id=second, sort_order=1)
        PromotedPage.objects.create(promoted_query=promoted, page_id=first, sort_order=0)
        PromotedQuery.objects.create(query="nothing pinned")
        editors = apps.get_model("auth", "Group").objects.get_or_create(name="Content editors")[0]
        old_type = apps.get_model("contenttypes", "ContentType").objects.get_or_create(
            app_label="search", model="promotedquery"
        )[0]
        editors.permissions.add(
            apps.get_model("auth", "Permission").objects.get_or_create(
                content_type=old_type, codename="change_promotedquery"
            )[0]
        )

        migrate(latest())

        picks = Query.get("market engagement").editors_picks.order_by("sort_order")
        assert list(picks.values_list("page_id", flat=True)) == [first, second]
        editors = Group.objects.get(name="Content editors").permissions
        assert editors.filter(content_type__app_label="wagtailsearchpromotions").count() == 4
        assert not editors.filter(codename__endswith="_promotedquery").exists()
    finally:
        migrate(latest())
