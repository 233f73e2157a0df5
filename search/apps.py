from django.apps import AppConfig
from django.core.signals import request_started
from django.utils.module_loading import autodiscover_modules


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Search"

    def ready(self):
        from . import replayer, signals

        # Other apps add kinds of document in their `search_documents` module.
        autodiscover_modules("search_documents")
        signals.connect()
        # Each web process replays the outbox in the background once it serves a request.
        request_started.connect(replayer.ensure_started, dispatch_uid="search.replayer")
