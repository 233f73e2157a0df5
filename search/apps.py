from django.apps import AppConfig
from django.core.signals import request_started
from django.utils.module_loading import autodiscover_modules


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Search"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from wagtail.contrib.search_promotions.models import Query, SearchPromotion

        from . import checks, promotions, replayer, signals  # noqa: F401 (checks register)

        # Other apps add kinds of document in their `search_documents` module.
        autodiscover_modules("search_documents")
        signals.connect()
        for model in (Query, SearchPromotion):
            for signal in (post_save, post_delete):
                uid = f"search.promotions.{model.__name__}.{signal}"
                signal.connect(promotions.forget, sender=model, dispatch_uid=uid)
        # Each web process replays the outbox in the background once it serves a request.
        request_started.connect(replayer.ensure_started, dispatch_uid="search.replayer")
