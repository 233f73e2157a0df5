from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Search"

    def ready(self):
        from . import documents, signals  # noqa: F401  (documents registers the page kinds)

        # Other apps add kinds of document in their `search_documents` module.
        autodiscover_modules("search_documents")
        signals.connect()
