"""The ops app exists so that `migrate` also creates the database cache's table."""

from django.apps import AppConfig
from django.core.management import call_command
from django.db.models.signals import post_migrate


def create_cache_table(using="default", **kwargs):
    """Rate limits and sessions share the database cache across processes; its table is
    not a model, so `migrate` alone would not make it. Does nothing for other caches."""
    call_command("createcachetable", database=using, verbosity=0)


class OpsConfig(AppConfig):
    name = "network.ops"
    label = "ops"
    verbose_name = "Operations"

    def ready(self):
        post_migrate.connect(create_cache_table, sender=self)
